import { domainToUnicode } from 'node:url';
import { describe, expect, it } from 'vitest';
import { mapsToAscii, UTS46_ASCII_SOURCE } from '../../src/domain/uts46-ascii.js';

// The precheck's table against the URL parser it stands for: a non-ASCII code point is in
// it exactly when the host parser makes host-name characters of it (letters, digits, `-`,
// `_`, `.`), or nothing (tried between two letters, as `http://a<c>a.com/`). On a mismatch (a new Node, a new Unicode) the test
// prints the table to paste into src/domain/uts46-ascii.ts.

function mapsToAsciiByParser(cp: number): boolean {
  let host: string;
  try {
    host = new URL(`http://a${String.fromCodePoint(cp)}a.com/`).hostname;
  } catch {
    return false;
  }
  const unicode = host.includes('xn--') ? domainToUnicode(host) : host;
  const mapped = unicode.slice(1, unicode.length - 'a.com'.length);
  // Nothing (ignored, or composed into the letter before), or only what host names are made of.
  return mapped === '' || /^[a-z0-9_.-]+$/.test(mapped);
}

function tableSource(): string {
  const items: string[] = [];
  let start = -1;
  let last = -2;
  const flush = () => {
    if (start >= 0) items.push(start === last ? start.toString(16) : `${start.toString(16)}-${last.toString(16)}`);
  };
  for (let cp = 0x80; cp < 0x110000; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    if (!mapsToAsciiByParser(cp)) continue;
    if (cp !== last + 1) {
      flush();
      start = cp;
    }
    last = cp;
  }
  flush();
  return items.join(' ');
}

describe('the UTS #46 table of the URL precheck', () => {
  it('is what this Node\'s URL parser does with every non-ASCII code point', () => {
    const fresh = tableSource();
    if (fresh !== UTS46_ASCII_SOURCE) console.log(`new table for src/domain/uts46-ascii.ts:\n${fresh}`);
    expect(fresh).toBe(UTS46_ASCII_SOURCE);
  });

  it.each([
    ['\u00AD', true], ['\u200B', true], ['\uFEFF', true], ['ａ', true], ['。', true], ['\u212A', true], ['ſ', true], ['\u{1D41A}', true],
    ['é', false], ['日', false], ['ß', false], ['\uFFFD', false], ['\u200D', false], ['！', false], ['、', false], ['（', false],
  ])('%j maps to ASCII: %s', (ch, yes) => {
    expect(mapsToAscii(ch.codePointAt(0) as number)).toBe(yes);
  });
});
