import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { createContext } from '../../src/context.js';
import { HtmlByteRewriter } from '../../src/html/index.js';
import { corpusExists, corpusHtmlDir, readPage } from './corpus-support.js';
import { runChunked, testContext } from './helpers.js';

const P = '.proxy.test';

/** A page's bytes: strings encoded in `charset`, number arrays as raw bytes. */
function encoded(charset: string, ...parts: Array<string | number[]>): Buffer {
  return Buffer.concat(parts.map((p) => (typeof p === 'string' ? iconv.encode(p, charset) : Buffer.from(p))));
}

/**
 * Per charset: a character whose encoding ends in 0x5C (`\`) where the charset has
 * one, its bytes (checked, so the test is about what it says), and invalid sequences.
 */
const CHARSETS: { label: string; charset: string; k: string; kBytes: string; bad: number[][] }[] = [
  { label: 'shift_jis', charset: 'Shift_JIS', k: '\u8868', kBytes: '955c', bad: [[0xff], [0xa0], [0x81, 0x20], [0xfd, 0xfe]] },
  { label: 'gbk', charset: 'GBK', k: '\u4e57', kBytes: '815c', bad: [[0xff], [0x81, 0x20], [0xa1, 0x7f]] },
  { label: 'big5', charset: 'Big5', k: '\u8a31', kBytes: 'b35c', bad: [[0x80], [0xff], [0xa4, 0x20]] },
  { label: 'euc-jp', charset: 'EUC-JP', k: '\u8868', kBytes: 'c9bd', bad: [[0xff], [0xa1], [0x8e, 0x20], [0xa4, 0x41]] },
];

/** The page around a character `k`, and what it must become: `.proxy.test` after each host, nothing else. */
function page(k: string, proxied: boolean): string {
  const p = proxied ? P : '';
  return `<!doctype html><html><head><title>${k}\u6f22\u5b57</title>` +
    `<script>var s = "${k}"; fetch("https://api.example.com${p}/x");</script>` +
    `<style>a{content:"${k}";background:url(https://cdn.example.com${p}/a.png)}</style>` +
    `</head><body><p title="${k}" data-k=${k} onclick="x='${k}';location='https://app.example.com${p}/'" ` +
    `style='content:"${k}";background:url(https://cdn.example.com${p}/b.png)'>${k} text</p>` +
    `<a href="https://app.example.com${p}/${k}?q=${k}">${k}</a>` +
    `<div data-json='{"a":"${k}","u":"https://a.example.com${p}/"}'></div></body></html>`;
}

describe('legacy multi-byte charsets: byte path for HTML, real decoding for inline code', () => {
  for (const { label, charset, k, kBytes, bad } of CHARSETS) {
    it(`${charset}: a trail byte 0x5C in text, attributes, a script string next to a URL and a style changes nothing but the hosts`, () => {
      expect(iconv.encode(k, charset).toString('hex')).toBe(kBytes);
      const ctx = testContext();
      const input = encoded(charset, page(k, false));
      const expected = encoded(charset, page(k, true));
      expect(runChunked(ctx, input, [input.length], { charset: label }).equals(expected)).toBe(true);
      // From the <meta> prescan too.
      const meta = encoded(charset, `<meta charset="${label}">`, page(k, false));
      expect(runChunked(ctx, meta, [7]).equals(encoded(charset, `<meta charset="${label}">`, page(k, true)))).toBe(true);
      expect(ctx.events.filter((e) => e.type === 'html-charset-fallback')).toEqual([]);
    });

    it(`${charset}: invalid sequences come back byte for byte; inline code holding them is rewritten on bytes, and reported`, () => {
      for (const b of bad) {
        const ctx = testContext();
        const parts = (p: string): Array<string | number[]> => [
          `<html><head><title>`, b, `</title><!-- `, b, ` -->`,
          `<script>var s = "`, b, `"; fetch("https://api.example.com${p}/x");</script>`,
          `<script>var t = "${k}"; fetch("https://api.example.com${p}/y");</script>`,
          `<style>a{content:"`, b, `";background:url(https://cdn.example.com${p}/a.png)}</style></head>`,
          `<body><p title="`, b, `" onclick="x='`, b, `';location='https://app.example.com${p}/'">`, b, `</p>`,
          `<a href="https://app.example.com${p}/`, b, `?q=`, b, `" data-x=`, b, `>`, b, `</a></body></html>`,
        ];
        const input = encoded(charset, ...parts(''));
        const expected = encoded(charset, ...parts(P));
        const hex = Buffer.from(b).toString('hex');
        expect(runChunked(ctx, input, [input.length], { charset: label }).equals(expected), `${charset} ${hex}`).toBe(true);
        // The first script, the style and the handler hold the bad bytes; the second script decodes.
        expect(ctx.events.filter((e) => e.type === 'html-charset-fallback').length, `${charset} ${hex}`).toBe(3);
        for (const size of [1, 2, 3, 5]) expect(runChunked(ctx, input, [size], { charset: label }).equals(expected), `${charset} ${hex} /${size}`).toBe(true);
      }
    });

    it(`${charset}: any chunking gives the same bytes`, () => {
      const ctx = testContext();
      const input = encoded(charset, page(k, false), '<p>', bad[0] as number[], '</p>', page(k, false));
      const whole = runChunked(ctx, input, [input.length], { charset: label });
      expect(whole.equals(encoded(charset, page(k, true), '<p>', bad[0] as number[], '</p>', page(k, true)))).toBe(true);
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 8 }), (sizes) => {
          expect(runChunked(ctx, input, sizes, { charset: label }).equals(whole)).toBe(true);
        }),
        { numRuns: 60 },
      );
    });
  }

  it('writes the snippet in the page charset, characters it cannot hold as references', () => {
    const ctx = testContext();
    const input = encoded('Shift_JIS', '<head><title>x</title>');
    // U+00E9 is not in Shift_JIS; U+8868 is 0x95 0x5C.
    const out = runChunked(ctx, input, [3], { charset: 'shift_jis', snippet: '<!--\u8868\u00e9-->' });
    expect(out.equals(Buffer.concat([Buffer.from('<head><!--'), Buffer.from([0x95, 0x5c]), Buffer.from('&#xe9;--><title>x</title>')]))).toBe(true);
  });

  it('keeps a character reference the charset cannot hold next to a rewritten host in a handler', () => {
    const ctx = testContext();
    // U+00E9 has no Shift_JIS bytes: it stays a reference; U+8868 as a reference stays one too.
    const src = `<p onclick="x='&#xe9;&#x8868;\u8868';location='https://app.example.com/'">`;
    const out = runChunked(ctx, encoded('Shift_JIS', src), [4], { charset: 'shift_jis' });
    expect(out.equals(encoded('Shift_JIS', src.replace('app.example.com', `app.example.com${P}`)))).toBe(true);
  });
});

describe('ISO-2022-JP (7-bit, stateful; whatwg-encoding 3 does not resolve its labels)', () => {
  it('passes its bytes through on the windows-1252 byte path, rewriting hosts outside the JIS runs', () => {
    const ctx = testContext();
    // ESC $ B, then \u3042\u3044\u3046 as 24 22 24 24 24 26 (`$"$$$&`), then ESC ( B.
    const jis = [0x1b, 0x24, 0x42, 0x24, 0x22, 0x24, 0x24, 0x24, 0x26, 0x1b, 0x28, 0x42];
    const parts = (p: string): Array<string | number[]> => ['<meta charset="iso-2022-jp"><p>', jis, `</p><a href="https://app.example.com${p}/">`, jis, '</a>'];
    const input = encoded('latin1', ...parts(''));
    for (const size of [1, 3, input.length]) expect(runChunked(ctx, input, [size]).equals(encoded('latin1', ...parts(P)))).toBe(true);
  });
});

describe('UTF-16: decoded for real, without loss', () => {
  it('keeps lone surrogates and an odd last byte, in either byte order, for any chunking', () => {
    const src = '<p>\ud800 \udc00</p><a title="\udfff" href="https://app.example.com/\ud83d">\u00e9\ud83d\ude00</a>';
    const want = src.replace('app.example.com', `app.example.com${P}`);
    const le = (s: string) => Buffer.from(s, 'utf16le');
    const be = (s: string) => le(s).swap16();
    for (const odd of [[], [0x41]]) {
      const cases: [Buffer, Buffer, string | undefined][] = [
        [Buffer.concat([le('\ufeff' + src), Buffer.from(odd)]), Buffer.concat([le('\ufeff' + want), Buffer.from(odd)]), undefined],
        [Buffer.concat([be('\ufeff' + src), Buffer.from(odd)]), Buffer.concat([be('\ufeff' + want), Buffer.from(odd)]), undefined],
        [Buffer.concat([be(src), Buffer.from(odd)]), Buffer.concat([be(want), Buffer.from(odd)]), 'utf-16be'],
        [Buffer.concat([le(src), Buffer.from(odd)]), Buffer.concat([le(want), Buffer.from(odd)]), 'utf-16le'],
      ];
      for (const [input, expected, charset] of cases) {
        for (const size of [1, 2, 3, 5, input.length]) {
          expect(runChunked(testContext(), input, [size], { charset }).equals(expected), `${charset} /${size} odd=${odd.length}`).toBe(true);
        }
      }
    }
  });
});

const qq = new URL('readability/qq/source.html', `file://${corpusHtmlDir}`);
if (!corpusExists) console.warn(`test/html/legacy-charsets: ${corpusHtmlDir} is absent; the qq page test is skipped`);

describe.skipIf(!corpusExists)('corpus: a page declared gb2312 that is really UTF-8 (readability/qq)', () => {
  it('comes back byte for byte apart from the .proxy.test insertions, its <title> included', () => {
    const bytes = readPage(qq.pathname);
    const events: string[] = [];
    const ctx = createContext({ suffix: 'proxy.test', domains: ['qq.com', '*.qq.com', 'gtimg.com', '*.gtimg.com'], onEvent: (e) => events.push(e.type) });
    const r = new HtmlByteRewriter(ctx);
    const parts: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += 4093) parts.push(Buffer.from(r.write(bytes.subarray(i, i + 4093)) ?? []));
    parts.push(Buffer.from(r.end() ?? []));
    const out = Buffer.concat(parts);
    expect(r.encoding).toBe('GBK');
    expect(r.stats.rewrites).toBeGreaterThan(50);
    // Hosts in JS regexes get an escaped suffix; the page has no integrity attribute to remove.
    expect(bytes.includes('integrity')).toBe(false);
    const stripped = out.toString('latin1').replaceAll('\\.proxy\\.test', '').replaceAll(P, '');
    expect(stripped === bytes.toString('latin1')).toBe(true);
    const title = Buffer.from('<title>DeepMind\u65b0\u7535\u8111\u5df2\u53ef\u5229\u7528\u8bb0\u5fc6\u81ea\u5b66 \u4eba\u5de5\u667a\u80fd\u8fc8\u4e0a\u65b0\u53f0\u9636_\u79d1\u6280_\u817e\u8baf\u7f51</title>', 'utf8');
    expect(out.includes(title)).toBe(true);
    // Its inline scripts hold UTF-8, not GBK: they went the byte way, and that was reported.
    expect(events).toContain('html-charset-fallback');
  });
});
