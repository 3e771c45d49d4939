import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runChunked, testContext } from './helpers.js';

const P = '.proxy.test';

/** Bytes from pieces: strings are ASCII (or UTF-8 text), numbers are single raw bytes. */
function bytes(...parts: Array<string | number[]>): Buffer {
  return Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));
}

/** Malformed UTF-8: lone continuations, truncated sequences, overlongs, surrogates, 0xFE/0xFF. */
const BAD: number[][] = [
  [0x80], [0xbf], [0x80, 0x80, 0x80],
  [0xc3], [0xe2, 0x82], [0xf0, 0x9f, 0x98],
  [0xc0, 0xaf], [0xe0, 0x80, 0xaf], [0xf0, 0x80, 0x80, 0xaf],
  [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80],
  [0xff], [0xfe], [0xff, 0xfe, 0xfd],
];

describe('byte fidelity: invalid UTF-8 comes back byte for byte', () => {
  it('keeps every malformed sequence in text, attributes, comments, scripts and styles, with rewrites around them', () => {
    const ctx = testContext();
    for (const bad of BAD) {
      const input = bytes(
        '<!doctype html><html><head><meta charset="utf-8"><title>', bad, '</title>',
        '<script>var s = "', bad, '"; fetch("https://api.example.com/', bad, '");</script>',
        '<style>a{background:url(https://cdn.example.com/', bad, '.png)}</style></head><body>',
        '<!-- ', bad, ' --><p title="', bad, '">', bad, 'text', bad, '</p>',
        '<a href="https://app.example.com/', bad, '?q=', bad, '" data-x=', bad, '>', bad, '</a>',
        '<img src=https://img.example.com/', bad, ' alt="', bad, '"></body></html>',
      );
      const expected = bytes(
        '<!doctype html><html><head><meta charset="utf-8"><title>', bad, '</title>',
        '<script>var s = "', bad, `"; fetch("https://api.example.com${P}/`, bad, '");</script>',
        `<style>a{background:url(https://cdn.example.com${P}/`, bad, '.png)}</style></head><body>',
        '<!-- ', bad, ' --><p title="', bad, '">', bad, 'text', bad, '</p>',
        `<a href="https://app.example.com${P}/`, bad, '?q=', bad, '" data-x=', bad, '>', bad, '</a>',
        `<img src=https://img.example.com${P}/`, bad, ' alt="', bad, '"></body></html>',
      );
      expect(runChunked(ctx, input, [input.length]).equals(expected), `sequence ${Buffer.from(bad).toString('hex')}`).toBe(true);
      // Splits anywhere, inside the bad sequences too, change nothing.
      for (const size of [1, 2, 3, 5, 7]) expect(runChunked(ctx, input, [size]).equals(expected)).toBe(true);
    }
  });

  it('keeps invalid bytes on a page without a charset (windows-1252 default) and with a Content-Type charset', () => {
    const ctx = testContext();
    const input = bytes('<p>', [0x81, 0x8d, 0x8f, 0x90, 0x9d, 0xff], '<a href="https://example.com/', [0xe9, 0x80], '">x</a>');
    const expected = bytes('<p>', [0x81, 0x8d, 0x8f, 0x90, 0x9d, 0xff], `<a href="https://example.com${P}/`, [0xe9, 0x80], '">x</a>');
    expect(runChunked(ctx, input, [3]).equals(expected)).toBe(true);
    expect(runChunked(ctx, input, [3], { charset: 'utf-8' }).equals(expected)).toBe(true);
    expect(runChunked(ctx, input, [3], { charset: 'iso-8859-2' }).equals(expected)).toBe(true);
  });

  it('returns random byte pages unchanged, and random noise in attribute values and text around a rewrite', () => {
    const ctx = testContext();
    // Whole pages of noise: no protected host, so every byte must come back as it went in.
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 600 }), fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 8 }), (noise, sizes) => {
        const input = Buffer.concat([Buffer.from('<p>'), noise]);
        expect(runChunked(ctx, input, sizes, { charset: 'utf-8' }).equals(input)).toBe(true);
        expect(runChunked(ctx, input, sizes).equals(input)).toBe(true);
      }),
      { numRuns: 300 },
    );
    // Noise that cannot close the value or the text (no quote, `<`, `&`, `>`), around URL attributes.
    const safe = fc.uint8Array({ minLength: 0, maxLength: 40 }).map((a) => Buffer.from(a.map((b) => (b === 0x22 || b === 0x3c || b === 0x26 || b === 0x3e || b === 0x0d || b === 0 ? 0x80 | b : b))));
    fc.assert(
      fc.property(safe, safe, safe, fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 6 }), (a, b, c, sizes) => {
        const input = bytes('<p>', [...a], '</p><a title="', [...b], '" href="https://app.example.com/', [...c], '">', [...a], '</a>');
        const expected = bytes('<p>', [...a], '</p><a title="', [...b], `" href="https://app.example.com${P}/`, [...c], '">', [...a], '</a>');
        expect(runChunked(ctx, input, sizes, { charset: 'utf-8' }).equals(expected)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('byte view: what changes is written in the page charset', () => {
  it('keeps references between two rewritten URLs as written, in any page charset (UTF-8, windows-1252)', () => {
    const ctx = testContext();
    // Two rewritten URLs are two regions; the reference between them is not touched.
    const src = '<a href="https://a.example.com/caf&eacute;?next=https://b.example.com/">';
    const want = `<a href="https://a.example.com${P}/caf&eacute;?next=https://b.example.com${P}/">`;
    expect(runChunked(ctx, Buffer.from(src), [4], { charset: 'utf-8' }).toString('latin1')).toBe(want);
    expect(runChunked(ctx, Buffer.from(src), [4], { charset: 'windows-1252' }).toString('latin1')).toBe(want);
    const emoji = '<a href="https://a.example.com/&#x1F600;?next=https://b.example.com/">';
    const wantEmoji = `<a href="https://a.example.com${P}/&#x1F600;?next=https://b.example.com${P}/">`;
    expect(runChunked(ctx, Buffer.from(emoji), [4], { charset: 'utf-8' }).toString('latin1')).toBe(wantEmoji);
    expect(runChunked(ctx, Buffer.from(emoji), [4], { charset: 'windows-1252' }).toString('latin1')).toBe(wantEmoji);
  });

  it('inserts the snippet as its bytes in the page charset, and keeps a BOM first', () => {
    const ctx = testContext();
    const S = '<script>/* caf\u00e9 \u2615 */</script>';
    const page = bytes('<head><meta charset="utf-8"><title>', [0xff], '</title>');
    expect(runChunked(ctx, page, [2], { snippet: S }).equals(bytes('<head><meta charset="utf-8">', S, '<title>', [0xff], '</title>'))).toBe(true);
    const latin = Buffer.from('<head><title>x</title>');
    expect(runChunked(ctx, latin, [2], { charset: 'windows-1252', snippet: '<!--\u00e9-->' }).equals(bytes('<head>', '<!--', [0xe9], '--><title>x</title>'))).toBe(true);
    const bom = bytes([0xef, 0xbb, 0xbf], '<p>x');
    expect(runChunked(ctx, bom, [1], { snippet: '<i></i>' }).equals(bytes([0xef, 0xbb, 0xbf], '<head><i></i></head><p>x'))).toBe(true);
  });
});
