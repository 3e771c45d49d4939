import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeEscapes } from '../../src/css/index.js';
import { changedRegions, encodeForToken, rawEdit } from '../../src/css/token-text.js';
import { urlValues } from './browser-view.js';

// Text written back into a token body must read back, through the browser's tokenizer
// (browser-view.ts, from CSS Syntax 3), as exactly the text meant, and must not end or
// break the token: a string cannot hold its quote or a newline, a url token cannot hold
// whitespace, quotes, parentheses or non-printable characters.

/** Any text a decoded value can hold: no NUL (it is U+FFFD after preprocessing), no lone surrogate. */
const valueText = fc.array(
  fc.oneof(
    fc.constantFrom(' ', '\t', '\n', '\r', '\f', '"', "'", '(', ')', '\\', '\x01', '\x7f', '\x0b', 'a', 'F', '0', '9', ' ', 'é', '．', '😀', '%2E', '/'),
    fc.string({ unit: 'grapheme', maxLength: 3 }),
  ),
  { maxLength: 30 },
).map((parts) => parts.join('').replace(/\0/g, '\uFFFD'));

describe('encodeForToken', () => {
  it('reads back as the same text in a url token and in strings of either quote', () => {
    fc.assert(
      fc.property(valueText, (text) => {
        expect(urlValues(`url(${encodeForToken(text, 0)})`)).toEqual([text]);
        expect(urlValues(`url("${encodeForToken(text, 0x22)}")`)).toEqual([text]);
        expect(urlValues(`url('${encodeForToken(text, 0x27)}')`)).toEqual([text]);
      }),
      { numRuns: 1000 },
    );
  });

  it('writes only Latin-1 (the byte stream reads CSS as Latin-1) and leaves plain text as it is', () => {
    fc.assert(fc.property(valueText, (text) => {
      for (const q of [0, 0x22, 0x27] as const) expect(/[^\x00-\xff]/.test(encodeForToken(text, q))).toBe(false);
    }));
    expect(encodeForToken('https://example.com.proxy.test/a?b=1', 0)).toBe('https://example.com.proxy.test/a?b=1');
    expect(encodeForToken('a b)c', 0)).toBe('a\\20 b\\)c');
    expect(encodeForToken('a b"c\'', 0x22)).toBe('a b\\"c\'');
    expect(encodeForToken('x\ny', 0x27)).toBe('x\\a y');
  });
});

describe('changedRegions', () => {
  const apply = (a: string, regions: { start: number; end: number; text: string }[]) =>
    regions.reduceRight((acc, r) => acc.slice(0, r.start) + r.text + acc.slice(r.end), a);

  it('finds each rewrite apart, leaving the text between as it was', () => {
    expect(changedRegions('https://example.com/x', 'https://example.com.proxy.test/x')).toEqual([{ start: 19, end: 19, text: '.proxy.test' }]);
    expect(changedRegions('https://example.com/x', 'https://example-com.proxy.test/x')).toEqual([{ start: 15, end: 19, text: '-com.proxy.test' }]);
    const before = 'https://a.example.com/path/with/some/length?u=https://b.example.com/&v=1';
    const after = 'https://a.example.com.proxy.test/path/with/some/length?u=https://b.example.com.proxy.test/&v=1';
    expect(changedRegions(before, after)).toEqual([{ start: 21, end: 21, text: '.proxy.test' }, { start: 67, end: 67, text: '.proxy.test' }]);
    expect(changedRegions('same', 'same')).toEqual([]);
  });

  it('never splits a surrogate pair', () => {
    expect(changedRegions('a😀b', 'a😁b')).toEqual([{ start: 1, end: 3, text: '😁' }]);
  });

  it('applied, always gives the new value', () => {
    const text = fc.string({ unit: 'binary', maxLength: 60 });
    fc.assert(fc.property(text, text, (a, b) => { expect(apply(a, changedRegions(a, b))).toBe(b); }));
    // and for values that differ by a few insertions, as rewrites do
    fc.assert(fc.property(text, fc.array(fc.tuple(fc.nat(), fc.constantFrom('.proxy.test', '-', 'xyz')), { maxLength: 4 }), (a, inserts) => {
      let b = a;
      for (const [at, t] of inserts) { const i = at % (b.length + 1); b = b.slice(0, i) + t + b.slice(i); }
      expect(apply(a, changedRegions(a, b))).toBe(b);
    }));
  });
});

describe('rawEdit', () => {
  it('puts a space before text that would join a hex escape no whitespace closed', () => {
    const raw = '\\2F\\2F\\65xample.com';
    const decoded = decodeEscapes(raw);
    expect(decoded.value).toBe('//example.com');
    // replacing the host `example.com` (decoded 2..13): the new text starts with the hex digit `e`
    expect(rawEdit(raw, decoded, { start: 2, end: 13, text: 'example-com.proxy.test' }, 0x22)).toEqual({ start: 6, end: 19, text: ' example-com.proxy.test' });
    // deleting up to a hex digit that would then follow the open escape
    const raw2 = '\\41xb';
    expect(rawEdit(raw2, decodeEscapes(raw2), { start: 1, end: 2, text: '' }, 0x22)).toEqual({ start: 3, end: 4, text: ' ' });
  });
});
