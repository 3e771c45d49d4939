import { CR, LF, isHexCode, isWhitespaceCode } from './chars.js';

// CSS escapes (CSS Syntax Level 3 §4.3.7): `\` then 1–6 hex digits and one optional
// whitespace, or `\` then any other code point. Inside strings `\` + newline is a line
// continuation that stands for nothing.

/**
 * Where the escape starting with the `\` at `at` ends, reading no further than `end`.
 * Returns -1 when the answer depends on text past `end` that has not arrived yet
 * (`final` false): more hex digits, or the whitespace that may close a hex escape.
 * The caller has already ruled out (or handles) `\` + newline.
 */
export function escapeEnd(text: string, at: number, end: number, final: boolean): number {
  const first = at + 1;
  if (first >= end) return final ? end : -1;
  if (!isHexCode(text.charCodeAt(first))) return first + 1;
  let j = first + 1;
  while (j < end && j - first < 6 && isHexCode(text.charCodeAt(j))) j++;
  if (j >= end) return final ? j : -1;
  const c = text.charCodeAt(j);
  if (!isWhitespaceCode(c)) return j;
  if (c === CR) {
    if (j + 1 >= end) return final ? j + 1 : -1;
    return text.charCodeAt(j + 1) === LF ? j + 2 : j + 1;
  }
  return j + 1;
}

const REPLACEMENT = 0xfffd;

/** The code point a hex escape's digits stand for (replacement character when invalid). */
export function hexUnit(raw: string, from: number, to: number): string {
  let cp = parseInt(raw.slice(from, to), 16);
  if (cp === 0 || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) cp = REPLACEMENT;
  return String.fromCodePoint(cp);
}

/** How long the line continuation at `i` (a `\` then a newline) is. */
export function continuationLength(raw: string, i: number, n: number): number {
  return raw.charCodeAt(i + 1) === CR && i + 2 < n && raw.charCodeAt(i + 2) === LF ? 3 : 2;
}
