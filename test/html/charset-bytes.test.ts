import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';

/**
 * The claim the Latin-1 byte path rests on for the legacy multi-byte charsets: no byte
 * of a character's encoding, other than an ASCII character's own, is an HTML syntax byte.
 * Checked by encoding every BMP code point each charset holds (round trip), which covers
 * every valid two-byte sequence (and EUC-JP's three-byte and gb18030's four-byte ones).
 */
const SYNTAX = new Set([0x3c, 0x3e, 0x22, 0x27, 0x3d, 0x26, 0x2f, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);

interface Census {
  /** Code points held, by encoded length. */
  readonly byLength: Map<number, number>;
  /** Bytes below 0x80 seen after the first byte of a sequence. */
  readonly asciiTrails: Set<number>;
  /** Sequences with a syntax byte, or a first byte below 0x80 (for a non-ASCII character). */
  readonly offending: string[];
}

function census(charset: string): Census {
  const byLength = new Map<number, number>();
  const asciiTrails = new Set<number>();
  const offending: string[] = [];
  for (let c = 0x80; c <= 0xffff; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    const ch = String.fromCharCode(c);
    const b = iconv.encode(ch, charset);
    if (iconv.decode(b, charset) !== ch) continue;
    byLength.set(b.length, (byLength.get(b.length) ?? 0) + 1);
    if ((b[0] as number) < 0x80) offending.push(`U+${c.toString(16)} -> ${b.toString('hex')}`);
    for (let i = 0; i < b.length; i++) {
      const x = b[i] as number;
      if (SYNTAX.has(x)) offending.push(`U+${c.toString(16)} -> ${b.toString('hex')}`);
      if (i > 0 && x < 0x80) asciiTrails.add(x);
    }
  }
  return { byLength, asciiTrails, offending };
}

describe('legacy multi-byte charsets: trail bytes never take the value of HTML syntax', () => {
  // [charset, encoded lengths that must occur, whether 0x5C occurs as a trail byte]
  const cases: [string, number[], boolean][] = [
    ['Shift_JIS', [1, 2], true],
    ['EUC-JP', [2, 3], false],
    ['EUC-KR', [2], false],
    ['GBK', [2], true],
    ['gb18030', [2, 4], true],
    ['Big5', [2], true],
  ];
  for (const [charset, lengths, backslash] of cases) {
    it(`${charset}: no byte of a non-ASCII character is one of < > " ' = & / or ASCII whitespace`, () => {
      const c = census(charset);
      expect(c.offending).toEqual([]);
      for (const n of lengths) expect(c.byLength.get(n) ?? 0, `${charset}: ${n}-byte sequences`).toBeGreaterThan(50);
      // The reason inline code is decoded for real: 0x5C (`\`) is a trail byte in some of them.
      expect(c.asciiTrails.has(0x5c)).toBe(backslash);
    });
  }

  it('gb18030 four-byte sequences carry only digits in their second and fourth bytes', () => {
    const b = iconv.encode('\u0080\u00a5\u0452\uffff', 'gb18030');
    expect(b.toString('hex')).toBe('81308130' + '81308436' + '8130d330' + '8431a439');
  });
});
