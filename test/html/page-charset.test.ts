import fc from 'fast-check';
import iconv from 'iconv-lite';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { describe, expect, it } from 'vitest';
import { rewriteValueSource } from '../../src/html/attribute-value.js';
import { HtmlByteRewriter, rewriteHtml, rewriteXml } from '../../src/html/index.js';
import { numericReference, pageTextFor } from '../../src/html/page-text.js';
import { runChunked, testContext } from './helpers.js';

const P = '.proxy.test';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

/** The value of the first `name` attribute in a page, as the browser's parser reads it. */
function attributeOf(html: string, name: string): string {
  const stack: Node[] = [parse(html) as unknown as Node];
  while (stack.length > 0) {
    const n = stack.pop() as Element;
    const a = n.attrs?.find((x) => x.name === name);
    if (a !== undefined) return a.value;
    const kids = (n as unknown as { childNodes?: Node[]; content?: { childNodes: Node[] } }).childNodes ?? [];
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i] as Node);
  }
  throw new Error(`no ${name}`);
}

/** The page's bytes through the stream (UTF-8 unless `charset`), in `sizes` chunks. */
function stream(page: Buffer, charset?: string, sizes: number[] = [page.length]): Buffer {
  return runChunked(testContext(), page, sizes, charset === undefined ? {} : { charset });
}

/**
 * One URL attribute in a page of `charset`: what the browser reads from the output must
 * be the input's URL with its host proxied (WHATWG URL: the host is the UTF-8 of the
 * decoded string, then IDNA), and every byte around the host must be the input's.
 */
function checkUrl(charset: string, href: string): void {
  const page = (h: string) => `<p><a href="${h}">x</a>`;
  const input = iconv.encode(page(href), charset);
  const output = stream(input, charset, [3]);
  const read = new URL(attributeOf(iconv.decode(output, charset), 'href'));
  const want = new URL(href);
  expect(read.hostname, `${charset} ${href}`).toBe(want.hostname + P);
  expect(read.pathname + read.search + read.hash).toBe(want.pathname + want.search + want.hash);
  // The bytes of scheme, path, query and fragment are kept as written (no re-encoding).
  const before = iconv.encode(`<p><a href="${href.slice(0, 8)}`, charset);
  const after = iconv.encode(`${href.slice(href.indexOf('/', 8))}">x</a>`, charset);
  expect(output.subarray(0, before.length).equals(before)).toBe(true);
  expect(output.subarray(output.length - after.length).equals(after)).toBe(true);
}

describe('the byte stream reads URL values in the page charset', () => {
  it('UTF-8: Unicode hosts proxied as the URL parser reads them, paths and queries left as written', () => {
    for (const href of [
      'https://bücher.example.com/',
      'https://BÜCHER.example.com/ä?q=ü#ö',
      'https://日本.example.com/パス?検索=語',
      'https://app.example.com/caf\u00e9/\ud83d\ude00?x=\u00e9',
    ]) checkUrl('utf8', href);
  });

  it('single-byte charsets: a byte is the charset\'s character, not Latin-1\'s (ł is 0xB3 in ISO-8859-2, ³ in Latin-1)', () => {
    checkUrl('ISO-8859-2', 'https://ł.example.com/ż?q=ą');
    checkUrl('windows-1252', 'https://bücher.example.com/caf\u00e9?q=\u20ac');
    // € is 0x80, a C1 control in Latin-1, which no host may hold: read as Latin-1 this URL does not parse.
    checkUrl('windows-1252', 'https://pay\u20ac.example.com/\u20ac');
    checkUrl('windows-1251', 'https://пример.example.com/путь');
    checkUrl('KOI8-R', 'https://пример.example.com/?q=путь');
  });

  it('Shift_JIS: 表 is 0x95 0x5C, whose trail byte is no backslash to the URL parser', () => {
    checkUrl('Shift_JIS', 'https://表.example.com/表?q=表');
    checkUrl('EUC-JP', 'https://表.example.com/表');
  });

  it('keeps the query bytes in the page charset (the URL parser encodes a query with the document encoding)', () => {
    const input = iconv.encode('<a href="https://app.example.com/?q=caf\u00e9&amp;r=\u00fc">x</a>', 'windows-1252');
    const output = stream(input, 'windows-1252');
    expect(output.equals(iconv.encode(`<a href="https://app.example.com${P}/?q=caf\u00e9&amp;r=\u00fc">x</a>`, 'windows-1252'))).toBe(true);
  });

  it('reads references as the characters they stand for, whatever the page charset', () => {
    for (const charset of ['utf8', 'windows-1252', 'Shift_JIS']) {
      const input = iconv.encode('<a href="https://b&uuml;cher.example.com/&#x8868;">x</a>', charset);
      const output = stream(input, charset, [5]);
      const read = new URL(attributeOf(iconv.decode(output, charset), 'href'));
      expect(read.hostname, charset).toBe(`xn--bcher-kva.example.com${P}`);
      // The references themselves are kept as written.
      expect(iconv.decode(output, charset)).toContain('&#x8868;');
    }
  });
});

describe('new text the page charset cannot hold', () => {
  it('is written as a numeric character reference in an attribute value', () => {
    const pageText = pageTextFor('windows-1252', 'windows-1252', false);
    const codec = { escape: 'bytes' as const, refView: (t: string) => iconv.encode(t, 'windows-1252').toString('latin1'), pageText };
    // Rules that write characters windows-1252 has (é) and has not (表, 😀) after the host.
    const rules = (v: string) => v.replace('.com', '.com/\u00e9\u8868\ud83d\ude00');
    const raw = Buffer.from('https://app.example.com?q=\u00e9', 'latin1').toString('latin1');
    const out = rewriteValueSource(raw, '"', raw, codec, rules);
    expect(out).toBe(`"https://app.example.com/\u00e9${numericReference('\u8868')}${numericReference('\ud83d\ude00')}?q=\u00e9"`);
    expect(attributeOf(`<a href=${out}>`, 'href')).toBe('https://app.example.com/\u00e9\u8868\ud83d\ude00?q=\u00e9');
  });
});

describe('stream and string helper agree on UTF-8 pages', () => {
  const host = fc.constantFrom('example.com', 'app.example.com', 'bücher.example.com', 'BÜCHER.Example.com', '日本.example.com', 'other.org', 'exämple.com');
  const text = fc.constantFrom('', 'é', '日本語', '\ud83d\ude00', 'a b', '&amp;', '&eacute;', '&#x8868;', '"', "'", 'ü&uuml;');
  const url = fc.tuple(fc.constantFrom('https://', '//', 'http://', 'wss://'), host, text, text).map(([s, h, p, q]) => `${s}${h}/${p}?q=${q}`);
  const piece = fc.oneof(
    url.map((u) => `<a href="${u.replaceAll('"', '&quot;')}">x</a>`),
    url.map((u) => `<img src='${u.replaceAll("'", '&#39;')}' srcset="${u.replaceAll('"', '&quot;')} 1x">`),
    url.map((u) => `<div data-u="${u.replaceAll('"', '&quot;')}" onclick="go(&quot;${u.replaceAll('"', '')}&quot;)">`),
    url.map((u) => `<p style="background:url(${u.replaceAll('"', '')})">${u}</p>`),
    url.map((u) => `<script>fetch(${JSON.stringify(u)})</script>`),
    url.map((u) => `<style>a{background:url(${JSON.stringify(u)})}</style>`),
    url.map((u) => `<svg><script>location = &quot;${u.replaceAll('"', '')}&quot;</script></svg>`),
    url.map((u) => `<div :href="'${u.replaceAll("'", '')}'" hx-get="${u.replaceAll('"', '')}" x-data="{ u: '${u.replaceAll("'", '')}' }">`),
    url.map((u) => `<iframe srcdoc="<a href=&quot;${u.replaceAll('"', '')}&quot;>"></iframe>`),
    url.map((u) => `<meta http-equiv=refresh content="0; url=${u.replaceAll('"', '')}">`),
    text,
    fc.constantFrom('<meta charset=utf-8>', '<!-- é -->', '<title>ü</title>', '\r\n'),
  );

  it('gives Buffer.from(rewriteHtml(s)) for Buffer.from(s), in any chunking', () => {
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 8 }), fc.array(fc.integer({ min: 1, max: 13 }), { minLength: 1, maxLength: 5 }), (pieces, sizes) => {
        const s = '<!doctype html>' + pieces.join('');
        const want = Buffer.from(rewriteHtml(testContext(), s));
        const bytes = Buffer.from(s);
        expect(stream(bytes, 'utf-8', sizes).toString('utf8')).toBe(want.toString('utf8'));
        expect(stream(bytes, 'utf-8', sizes).equals(want)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('agrees without a Content-Type charset too (<meta charset> found by the prescan)', () => {
    const s = '<meta charset="utf-8"><a href="https://BÜCHER.example.com/ä">x</a><svg><style>a{b:url(&quot;https://日本.example.com/&quot;)}</style></svg>';
    const r = new HtmlByteRewriter(testContext());
    const out = Buffer.concat([r.write(Buffer.from(s)) ?? Buffer.alloc(0), r.end() ?? Buffer.alloc(0)]);
    expect(r.encoding).toBe('UTF-8');
    expect(out.equals(Buffer.from(rewriteHtml(testContext(), s)))).toBe(true);
    expect(new URL(attributeOf(out.toString('utf8'), 'href')).hostname).toBe(`xn--bcher-kva.example.com${P}`);
  });
});

describe('XML documents on the byte stream read values and text in the page charset too', () => {
  const host = fc.constantFrom('example.com', 'BÜCHER.example.com', 'b&#xFC;cher.example.com', '日本.example.com', 'other.org');
  const text = fc.constantFrom('', 'é', '日本語', '\ud83d\ude00', '&amp;', '&#x8868;');
  const url = fc.tuple(host, text, text).map(([h, p, q]) => `https://${h}/${p}?q=${q}`);
  const piece = fc.oneof(
    url.map((u) => `<a href="${u}">${u}</a>`),
    url.map((u) => `<image xlink:href='${u}'/>`),
    url.map((u) => `<link>${u}</link>`),
    url.map((u) => `<guid><![CDATA[${u}]]></guid>`),
    url.map((u) => `<description>&lt;a href="${u}"&gt;x&lt;/a&gt;</description>`),
    url.map((u) => `<script><![CDATA[fetch("${u}")]]></script>`),
    text,
  );

  it('gives Buffer.from(rewriteXml(s)) for Buffer.from(s), in any chunking', () => {
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 6 }), fc.array(fc.integer({ min: 1, max: 13 }), { minLength: 1, maxLength: 5 }), (pieces, sizes) => {
        const s = `<?xml version="1.0" encoding="utf-8"?><rss xmlns:xlink="http://www.w3.org/1999/xlink"><channel>${pieces.join('')}</channel></rss>`;
        const want = Buffer.from(rewriteXml(testContext(), s));
        const out = runChunked(testContext(), Buffer.from(s), sizes, { document: 'xml' });
        expect(out.toString('utf8')).toBe(want.toString('utf8'));
        expect(out.equals(want)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('windows-1252 (declared in the XML declaration): € (0x80) in a host, as the XML parser reads it', () => {
    const doc = '<?xml version="1.0" encoding="windows-1252"?><svg xmlns="http://www.w3.org/2000/svg"><a href="https://pay\u20ac.example.com/\u20ac">x</a></svg>';
    const out = runChunked(testContext(), iconv.encode(doc, 'windows-1252'), [5], { document: 'xml' });
    expect(iconv.decode(out, 'windows-1252')).toBe(doc.replace('example.com/', `example.com${P}/`));
  });
});
