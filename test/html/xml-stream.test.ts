import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { HtmlByteRewriter, rewriteXml, sniffXmlCharset } from '../../src/html/index.js';
import { runChunked, testContext } from './helpers.js';

const P = '.proxy.test';
const XHTML = 'xmlns="http://www.w3.org/1999/xhtml"';

function xml(ctx: ReturnType<typeof testContext>, input: Buffer, sizes: number[] = [input.length], charset?: string): Buffer {
  return runChunked(ctx, input, sizes, { document: 'xml', charset });
}

function encodingOf(input: Buffer, charset?: string): string | null {
  const r = new HtmlByteRewriter(testContext(), { document: 'xml', charset });
  r.write(input);
  r.end();
  return r.encoding;
}

describe('XML charset: BOM, then HTTP, then UTF-16 <?xml, then the declaration, then UTF-8', () => {
  it('defaults to UTF-8, not windows-1252 (XML 4.3.3)', () => {
    expect(sniffXmlCharset(Buffer.from('<r>caf\u00e9</r>'), undefined, true)).toEqual({ encoding: 'UTF-8', source: 'default' });
    expect(encodingOf(Buffer.from('<r/>'))).toBe('UTF-8');
  });

  it('reads encoding from the XML declaration, and lets the HTTP charset and the BOM win over it', () => {
    const decl = Buffer.from('<?xml version="1.0" encoding="windows-1252"?><r/>');
    expect(encodingOf(decl)).toBe('windows-1252');
    expect(encodingOf(decl, 'utf-8')).toBe('UTF-8');
    expect(encodingOf(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), decl]), 'iso-8859-2')).toBe('UTF-8');
    expect(encodingOf(Buffer.from("<?xml version='1.0' encoding = 'Shift_JIS' ?><r/>"))).toBe('Shift_JIS');
    // A declaration of UTF-16 in bytes read as ASCII: UTF-8 (as the HTML prescan does).
    expect(encodingOf(Buffer.from('<?xml version="1.0" encoding="UTF-16"?><r/>'))).toBe('UTF-8');
    // Not a declaration: `<?xml-stylesheet` first, or the declaration not at byte 0.
    expect(encodingOf(Buffer.from('<?xml-stylesheet href="a" encoding="windows-1252"?><r/>'))).toBe('UTF-8');
    expect(encodingOf(Buffer.from(' <?xml version="1.0" encoding="windows-1252"?><r/>'))).toBe('UTF-8');
  });

  it('detects <?xml in UTF-16 without a BOM (XML appendix F)', () => {
    expect(encodingOf(iconv.encode('<?xml version="1.0" encoding="UTF-16"?><r/>', 'utf16le'))).toBe('UTF-16LE');
    expect(encodingOf(iconv.encode('<?xml version="1.0"?><r/>', 'utf16be'))).toBe('UTF-16BE');
  });

  it('waits for the declaration across chunks and decides the same', () => {
    const input = Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><a href="https://app.example.com/caf\xe9"/>', 'latin1');
    const ctx = testContext();
    const whole = xml(ctx, input);
    expect(whole.equals(Buffer.from(`<?xml version="1.0" encoding="ISO-8859-1"?><a href="https://app.example.com${P}/caf\xe9"/>`, 'latin1'))).toBe(true);
    for (let i = 1; i < input.length; i++) expect(xml(ctx, input, [i, input.length]).equals(whole)).toBe(true);
  });
});

describe('XML bytes: what is not changed comes out as it went in', () => {
  it('keeps every byte of a windows-1252 page, invalid UTF-8 included, and writes references in its charset', () => {
    const head = Buffer.from('<?xml version="1.0" encoding="windows-1252"?>\n<r>\x80\xff\xe9 ', 'latin1');
    const tail = Buffer.from('<a href="https://app.example.com/\xe9?x=&#x20AC;"/></r>', 'latin1');
    const out = xml(testContext(), Buffer.concat([head, tail]), [3]);
    expect(out.equals(Buffer.concat([head, Buffer.from(`<a href="https://app.example.com${P}/\xe9?x=&#x20AC;"/></r>`, 'latin1')]))).toBe(true);
  });

  it('keeps a UTF-8 BOM first and every multi-byte character, split anywhere', () => {
    const body = `\ufeff<?xml version="1.0"?><html ${XHTML}><p>\u65e5\u672c\u8a9e \ud83d\ude00</p><a href="https://app.example.com/\u00e9">\u00e9</a></html>`;
    const input = Buffer.from(body, 'utf8');
    const expected = Buffer.from(body.replace('app.example.com/', `app.example.com${P}/`), 'utf8');
    const ctx = testContext();
    for (let i = 1; i < input.length; i++) expect(xml(ctx, input, [i, 2, input.length]).equals(expected)).toBe(true);
  });

  it('rewrites UTF-16 documents (with and without BOM) and keeps their bytes', () => {
    const doc = `<?xml version="1.0" encoding="UTF-16"?><svg xmlns="http://www.w3.org/2000/svg"><image href="https://img.example.com/\u00e9.png"/></svg>`;
    const expected = doc.replace('img.example.com/', `img.example.com${P}/`);
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(doc, 'utf16le')]);
    expect(xml(testContext(), le, [3, 5]).equals(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(expected, 'utf16le')]))).toBe(true);
    const be = iconv.encode(doc, 'utf16be');
    expect(xml(testContext(), be, [7]).equals(iconv.encode(expected, 'utf16be'))).toBe(true);
  });

  it('decodes inline code of a Shift_JIS page with the real charset: 表 (0x95 0x5C) is no backslash', () => {
    const doc = `<?xml version="1.0" encoding="Shift_JIS"?><html ${XHTML}><script>var a = "表"; var u = "https://app.example.com/";</script></html>`;
    const out = xml(testContext(), iconv.encode(doc, 'Shift_JIS'), [4]);
    expect(out.equals(iconv.encode(doc.replace('app.example.com/', `app.example.com${P}/`), 'Shift_JIS'))).toBe(true);
  });

  it('writes a character the page charset cannot hold, moved into new text, as a numeric reference', () => {
    // windows-1252 has no U+4E2D: the reference decodes to it; written back it stays a reference.
    const ctx = testContext({ scheme: 'flat' });
    const doc = '<?xml version="1.0" encoding="windows-1252"?><r><a href="https://app.example.com/&#x4E2D;"/></r>';
    expect(xml(ctx, Buffer.from(doc, 'latin1')).toString('latin1')).toBe(doc.replace('app.example.com', 'app-example-com.proxy.test'));
  });
});

/** Well-formed XHTML made of parts whose protected URLs are all in URL positions or code. */
const wellFormed = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('plain ', 'see https://app.example.com/p ', '&amp;', '&#x2F;', '\u00e9', '\r\n', ' a &lt; b ', '<!-- https://app.example.com/ -->',
      '<![CDATA[ "https://app.example.com/" ]]>', '<img src="https://img.example.com/i.png"/>', "<a href='https://app.example.com/?a=1&amp;b=2'/>",
      '<use xlink:href="https&#x3A;//app.example.com/"/>', '<?xml-stylesheet href="https://s.example.com/a.css"?>'),
    fc.array(fc.constantFrom('var a = "https://a.example.com/";', '<![CDATA[ var b = "https://b.example.com/" < 1; ]]>', ' &quot;https://c.example.com/&quot;; ',
      'if (a &lt; b &amp;&amp; c) {}', '<!-- x -->', '\r\n'), { maxLength: 6 }).map((parts) => `<script>${parts.join('')}</script>`),
    fc.array(fc.constantFrom('a{b:url(https://i.example.com/a.png)}', '<![CDATA[ x > y { c: url("https://j.example.com/") } ]]>', ' &gt; '), { maxLength: 4 })
      .map((parts) => `<style>${parts.join('')}</style>`),
    fc.array(tie('node'), { maxLength: 4 }).map((kids) => `<div title="https://t.example.com/">${kids.join('')}</div>`),
  ),
})).node;

describe('well-formed XML: only the suffix is ever added', () => {
  it('leaves every byte but the inserted suffixes as it was, for any chunking', () => {
    fc.assert(fc.property(fc.array(wellFormed, { maxLength: 8 }), fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 5 }), (nodes, sizes) => {
      const ctx = testContext();
      const input = Buffer.from(`<?xml version="1.0"?>\n<html ${XHTML} xmlns:xlink="http://www.w3.org/1999/xlink"><body>${nodes.join('')}</body></html>`, 'utf8');
      const out = xml(ctx, input, sizes);
      expect(out.toString('utf8').replaceAll(P, '')).toBe(input.toString('utf8'));
      expect(out.equals(xml(ctx, input))).toBe(true);
      // Every protected URL in an attribute, script or style became proxied; prose and comments kept theirs.
      const left = out.toString('utf8').replace(/<!--.*?-->|see https:\/\/app\.example\.com\/p|<!\[CDATA\[ "https:\/\/app\.example\.com\/" \]\]>/g, '');
      expect(left).not.toMatch(/example\.com(?!\.proxy\.test)(?=[/"'])/);
    }), { numRuns: 300 });
  });
});

describe('XML limits: caps and depth', () => {
  it('streams a script over the cap through the lexical fallback, the same for any chunking', () => {
    const ctx = testContext({ maxBufferBytes: 1024 });
    const input = Buffer.from(`<html ${XHTML}><script><![CDATA[${'var a = "https://example.com/x"; '.repeat(200)}]]></script><a href="https://example.com/"/></html>`);
    const whole = xml(ctx, input);
    expect(whole.toString()).not.toMatch(/example\.com\/x/);
    expect(whole.toString()).toContain(`<a href="https://example.com${P}/"/>`);
    expect(ctx.events.some((e) => e.type === 'html-inline-cap')).toBe(true);
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 3000 }), { minLength: 1, maxLength: 8 }), (sizes) => {
      expect(xml(ctx, input, sizes).equals(whole)).toBe(true);
    }), { numRuns: 40 });
  });

  it('rewrites a tag over the cap lexically and goes on with the document', () => {
    const ctx = testContext({ maxBufferBytes: 1024 });
    const input = Buffer.from(`<r><a title="${'x'.repeat(3000)}" href="https://app.example.com/"/><b href="https://b.example.com/"/></r>`);
    const out = xml(ctx, input, [100]).toString();
    expect(out).toBe(`<r><a title="${'x'.repeat(3000)}" href="https://app.example.com${P}/"/><b href="https://b.example.com${P}/"/></r>`);
    expect(ctx.events.some((e) => e.type === 'html-inline-cap')).toBe(true);
  });

  it('rewrites feed text over the cap by the streaming lexical rules, the same for any chunking', () => {
    const ctx = testContext({ maxBufferBytes: 1024 });
    const filler = 'lorem ipsum '.repeat(200);
    const input = Buffer.from(`<rss><description>${filler}&lt;a href="https://blog.example.com/p"&gt;${filler}</description><link>https://blog.example.com/</link></rss>`);
    const whole = xml(ctx, input);
    expect(whole.toString()).toBe(input.toString().replaceAll('blog.example.com/', `blog.example.com${P}/`));
    expect(ctx.events.some((e) => e.type === 'html-inline-cap' && e.tag === 'xml-text')).toBe(true);
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 3000 }), { minLength: 1, maxLength: 8 }), (sizes) => {
      expect(xml(ctx, input, sizes).equals(whole)).toBe(true);
    }), { numRuns: 40 });
  });

  it('handles 200,000 nested elements without a deep stack and keeps every byte', () => {
    const n = 200_000;
    const input = Buffer.from(`${'<g>'.repeat(n)}<a href="https://app.example.com/"/>${'</g>'.repeat(n)}`);
    const out = xml(testContext(), input, [65536]).toString();
    expect(out.length).toBe(input.length + P.length);
    expect(out).toContain(`<a href="https://app.example.com${P}/"/>`);
  });
});

/** Pieces of XML, well-formed or not, from which random documents are made. */
const PIECES = [
  '<', '>', '/>', '"', "'", '=', '&', '&amp;', '&#x2F;', '&quot;', ']]>', '<![CDATA[', '<!--', '-->', '<?', '?>', '<!DOCTYPE r [', ']',
  '<!ENTITY e "https://app.example.com/">', `<html ${XHTML}>`, '<script>', '</script>', '<style>', '</style>', '<a href="', '<a href=',
  '<img src="https://cdn.example.com/i.png"/>', '<?xml-stylesheet href="https://s.example.com/a.css"?>', 'https://app.example.com/x',
  '"https://api.example.com/"', 'url(https://img.example.com/b.png)', ' ', '\n', '\r\n', 'text', '</a>', '<link>', '</link>', 'é', '\u{1F600}',
];

const garbage = fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }).map((parts) => parts.join(''));

describe('malformed XML: never throws, never loses bytes, chunk-invariant', () => {
  it('passes any input byte-identical when no host in it is protected', () => {
    const ctx = testContext({ domains: ['nothing-here.test'] });
    fc.assert(fc.property(garbage, fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 5 }), (doc, sizes) => {
      const input = Buffer.from(doc, 'utf8');
      expect(xml(ctx, input, sizes).equals(input)).toBe(true);
    }), { numRuns: 400 });
    expect(ctx.events).toEqual([]);
  });

  it('gives the same bytes for any chunking, reports no internal error, and is idempotent', () => {
    fc.assert(fc.property(garbage, fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 5 }), (doc, sizes) => {
      const ctx = testContext();
      const input = Buffer.from(doc, 'utf8');
      const whole = xml(ctx, input);
      expect(xml(ctx, input, sizes).equals(whole)).toBe(true);
      expect(ctx.events.filter((e) => e.type === 'html-error')).toEqual([]);
      expect(xml(ctx, whole).equals(whole)).toBe(true);
    }), { numRuns: 400 });
  });

  it('after an internal error passes the rest unchanged, losing no byte, and reports it', () => {
    const doc = `<html ${XHTML}><a href="https://a.example.com/">a</a><script>var s = 1;</script>` +
      '<a href="https://boom.example.com/">b</a><!-- c --><a href="https://c.example.com/">c</a></html>';
    for (const sizes of [[doc.length], [1], [7, 3], [40]]) {
      const ctx = testContext();
      const url = ctx.hosts.url.bind(ctx.hosts);
      const hosts = Object.create(ctx.hosts, { url: { value: (u: string) => { if (u.includes('boom')) throw new Error('bug'); return url(u); } } });
      const broken = { ...ctx, hosts };
      const out = runChunked(broken, Buffer.from(doc), sizes, { document: 'xml' }).toString();
      const cut = doc.indexOf('<a href="https://boom');
      expect(out).toBe(doc.slice(0, cut).replace('a.example.com/', `a.example.com${P}/`) + doc.slice(cut));
      expect(ctx.events.map((e) => e.type)).toEqual(['html-error']);
    }
  });

  it('rewrites what it can recognise in a document cut anywhere', () => {
    const doc = `<html ${XHTML}><script>var u = "https://api.example.com/";</script><a href="https://app.example.com/">x</a></html>`;
    for (let n = 0; n <= doc.length; n++) {
      const out = rewriteXml(testContext(), doc.slice(0, n));
      // Only the suffix is ever added: nothing is lost or moved.
      expect(out.replaceAll(P, '')).toBe(doc.slice(0, n));
    }
    expect(rewriteXml(testContext(), doc.slice(0, doc.indexOf('">x')))).toContain(`href="https://app.example.com${P}/`);
  });
});
