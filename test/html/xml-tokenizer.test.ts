import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeValue, escapeChars } from '../../src/html/xml-char-data.js';
import { decodeContent } from '../../src/html/xml-content.js';
import { parseTag } from '../../src/html/xml-tag.js';
import { XmlTokenizer, type XmlTokenSink } from '../../src/html/xml-tokenizer.js';

type Kind = 'text' | 'cdata' | 'markup' | 'subset' | 'start' | 'end' | 'stylesheet' | 'oversized';

/** Tokenizes `input` in chunks; consecutive streamed pieces of one construct are joined (their cut points are the chunking's). */
function tokens(input: string, sizes: number[] = [input.length || 1], cap = Infinity): [Kind, string][] {
  const out: { kind: Kind; text: string; open: boolean }[] = [];
  const streamed = (kind: Kind) => (piece: string, end?: boolean) => {
    const last = out[out.length - 1];
    if (last !== undefined && last.kind === kind && last.open) last.text += piece;
    else out.push({ kind, text: piece, open: true });
    if (end) (out[out.length - 1] as { open: boolean }).open = false;
  };
  const whole = (kind: Kind) => (raw: string) => { out.push({ kind, text: raw, open: false }); };
  const sink: XmlTokenSink = {
    text: streamed('text'), cdata: streamed('cdata'), markup: streamed('markup'), subset: streamed('subset'),
    oversized: streamed('oversized'), startTag: whole('start'), endTag: whole('end'), stylesheet: whole('stylesheet'),
  };
  const t = new XmlTokenizer(sink, cap);
  let i = 0;
  let k = 0;
  while (i < input.length) {
    const n = Math.max(1, sizes[k++ % sizes.length] as number);
    t.write(input.slice(i, i + n));
    i += n;
  }
  t.end();
  return out.filter((t) => t.text !== '').map((t) => [t.kind, t.text]);
}

describe('XML tokenizer: constructs as XML 1.0 delimits them', () => {
  it('finds tags, with > inside quoted values, and self-closing tags', () => {
    expect(tokens(`<a b="x>y" c='>'>t</a><br/>`)).toEqual([['start', `<a b="x>y" c='>'>`], ['text', 't'], ['end', '</a>'], ['start', '<br/>']]);
    expect(parseTag('<script src="x"/>').selfClosing).toBe(true);
    expect(parseTag('<a b="x/">').selfClosing).toBe(false);
    expect(parseTag('<svg:script\n xlink:href = \'u\' >')).toMatchObject({ name: 'svg:script', prefix: 'svg', local: 'script' });
  });

  it('reads a < that opens nothing as text (XML would stop; nothing is lost)', () => {
    expect(tokens('a < b <1<a>')).toEqual([['text', 'a < b <1'], ['start', '<a>']]);
  });

  it('ends a comment only at --> after its opening <!-- (so <!--> does not end it)', () => {
    expect(tokens('<!-->x-->y')).toEqual([['markup', '<!-->x-->'], ['text', 'y']]);
    expect(tokens('<!---->z')).toEqual([['markup', '<!---->'], ['text', 'z']]);
  });

  it('ends a CDATA section at the first ]]> and recognises it anywhere, also in <script>', () => {
    expect(tokens('<script><![CDATA[a]]b</script>]]>c</script>')).toEqual([
      ['start', '<script>'], ['cdata', '<![CDATA[a]]b</script>]]>'], ['text', 'c'], ['end', '</script>'],
    ]);
    expect(tokens('<![CDATA[]]>')).toEqual([['cdata', '<![CDATA[]]>']]);
  });

  it('ends a processing instruction at ?>, collecting <?xml-stylesheet?> whole', () => {
    expect(tokens('<?pi a>b?>c')).toEqual([['markup', '<?pi a>b?>'], ['text', 'c']]);
    expect(tokens('<?xml-stylesheet href="a?b>c"?><r/>')).toEqual([['stylesheet', '<?xml-stylesheet href="a?b>c"?>'], ['start', '<r/>']]);
    expect(tokens('<?xml-stylesheetx href="u"?>')).toEqual([['markup', '<?xml-stylesheetx href="u"?>']]);
  });

  it('reads a doctype with quoted identifiers and an internal subset whose literals and comments hold ] and >', () => {
    expect(tokens('<!DOCTYPE r SYSTEM "a>b"><r/>')).toEqual([['markup', '<!DOCTYPE r SYSTEM "a>b">'], ['start', '<r/>']]);
    expect(tokens('<!DOCTYPE r [<!ENTITY a "]>"><!-- ] --><?p ]?>]><r/>')).toEqual([
      ['markup', '<!DOCTYPE r ['], ['subset', '<!ENTITY a "]>"><!-- ] --><?p ]?>'], ['markup', ']>'], ['start', '<r/>'],
    ]);
  });

  it('hands a tag over the cap on in pieces and finds its real end', () => {
    const long = `<a t="${'x'.repeat(50)}>" h="u">`;
    expect(tokens(`${long}z`, [7], 20)).toEqual([['oversized', long], ['text', 'z']]);
  });

  it('hands a construct cut by the end of input on as it is', () => {
    expect(tokens('x<a href="u')).toEqual([['text', 'x'], ['oversized', '<a href="u']]);
    expect(tokens('<!-- open')).toEqual([['markup', '<!-- open']]);
    expect(tokens('x<')).toEqual([['text', 'x<']]);
  });

  const alphabet = ['<', '>', '/', '!', '?', '-', '[', ']', '"', "'", '=', ' ', 'a', 'CDATA', 'DOCTYPE', '<!--', '-->', '<![CDATA[', ']]>', 'xml-stylesheet', '&'];
  const doc = fc.array(fc.constantFrom(...alphabet), { maxLength: 80 }).map((p) => p.join(''));

  it('loses no character and gives the same tokens for any chunking', () => {
    fc.assert(fc.property(doc, fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 6 }), (input, sizes) => {
      const one = tokens(input);
      expect(one.map(([, s]) => s).join('')).toBe(input);
      expect(tokens(input, sizes)).toEqual(one);
    }), { numRuns: 1000 });
  });
});

describe('XML character data (2.11 line ends, 3.3.3 attribute values, 4.6 references)', () => {
  it('decodes the predefined and numeric references, and leaves what is not one', () => {
    expect(decodeValue('&lt;&gt;&amp;&apos;&quot;&#60;&#x3C;', 0, 36, 'attr').text).toBe(`<>&'"<<`);
    expect(decodeValue('a&b &amp c&#xZ; &#;', 0, 19, 'attr').text).toBe('a&b &amp c&#xZ; &#;');
  });

  it('normalises attribute whitespace to spaces but keeps referenced whitespace', () => {
    expect(decodeValue('a\tb\nc\r\nd\re&#10;f&#9;', 0, 20, 'attr').text).toBe('a b c d e\nf\t');
  });

  it('normalises line ends in content and CDATA; CDATA has no references; comments and child text are no text', () => {
    const map = decodeContent('a\r\nb\rc<![CDATA[&amp;\r\n]]><!--x--><b>y</b>&#x41;');
    expect(map.text).toBe('a\nb\nc&amp;\nA');
  });

  it('escapes new text for where it lands, so that it reads back exactly', () => {
    expect(escapeChars('a&b<c>"\'\t\n\r', 0, 11, 'attr', '"', 0x10ffff)).toBe('a&amp;b&lt;c>&quot;\'&#x9;&#xa;&#xd;');
    expect(escapeChars(`x"'`, 0, 3, 'attr', "'", 0x10ffff)).toBe(`x"&apos;`);
    expect(escapeChars('a&b<c>]]>\r\n', 0, 11, 'text', '"', 0x10ffff)).toBe('a&amp;b&lt;c&gt;]]&gt;&#xd;\n');
    expect(escapeChars('a]]>b\r\u20ac', 0, 7, 'cdata', '"', 0xff)).toBe('a]]]]><![CDATA[>b]]>&#xd;<![CDATA[]]>&#x20ac;<![CDATA[');
    expect(escapeChars('\u{1F600}', 0, 2, 'text', '"', 0xff)).toBe('&#x1f600;');
  });
});
