import { BACKSLASH, CR, LF, isHexCode, isNewlineCode, isWhitespaceCode } from './chars.js';

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

/** A token body with its escapes decoded, and where each decoded unit came from. */
export interface DecodedText {
  /** The value the browser sees. */
  readonly value: string;
  /** `starts[k]` is the raw offset where decoded unit `k` begins; `starts[value.length]` is the raw length. */
  readonly starts: Int32Array;
  /**
   * Raw offsets right after a hex escape that no whitespace closed (`\2F` then `e`):
   * text inserted there must not start with a hex digit or whitespace, or it would
   * join the escape.
   */
  readonly openHexEnds: ReadonlySet<number>;
}

const REPLACEMENT = 0xfffd;

/** The code point a hex escape's digits stand for (replacement character when invalid). */
function hexUnit(raw: string, from: number, to: number): string {
  let cp = parseInt(raw.slice(from, to), 16);
  if (cp === 0 || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) cp = REPLACEMENT;
  return String.fromCodePoint(cp);
}

/** How long the line continuation at `i` (a `\` then a newline) is. */
function continuationLength(raw: string, i: number, n: number): number {
  return raw.charCodeAt(i + 1) === CR && i + 2 < n && raw.charCodeAt(i + 2) === LF ? 3 : 2;
}

/**
 * The value of a string or url token body with its escapes decoded, without offsets:
 * the cheap first look (most escaped strings are icon glyphs such as `"\f101"`).
 */
export function decodeValue(raw: string): string {
  const n = raw.length;
  let out = '';
  let plainFrom = 0;
  let i = raw.indexOf('\\');
  while (i >= 0) {
    out += raw.slice(plainFrom, i);
    if (i + 1 >= n) {
      i = n;
    } else if (isNewlineCode(raw.charCodeAt(i + 1))) {
      i += continuationLength(raw, i, n);
    } else {
      const end = escapeEnd(raw, i, n, true);
      if (isHexCode(raw.charCodeAt(i + 1))) {
        let digitsEnd = i + 1;
        while (digitsEnd < end && isHexCode(raw.charCodeAt(digitsEnd))) digitsEnd++;
        out += hexUnit(raw, i + 1, digitsEnd);
      } else {
        out += raw[i + 1];
      }
      i = end;
    }
    plainFrom = i;
    i = raw.indexOf('\\', i);
  }
  return out + raw.slice(plainFrom);
}

/** Decodes every escape of a string or url token body (`raw` holds the whole body), with offsets. */
export function decodeEscapes(raw: string): DecodedText {
  const n = raw.length;
  const starts = new Int32Array(n + 1);
  const openHexEnds = new Set<number>();
  let value = '';
  let k = 0; // decoded units so far
  let i = 0;
  while (i < n) {
    if (raw.charCodeAt(i) !== BACKSLASH) {
      value += raw[i];
      starts[k++] = i++;
      continue;
    }
    if (i + 1 >= n) {
      i = n; // `\` at the very end stands for nothing
    } else if (isNewlineCode(raw.charCodeAt(i + 1))) {
      i += continuationLength(raw, i, n);
    } else {
      const end = escapeEnd(raw, i, n, true);
      let unit: string;
      if (isHexCode(raw.charCodeAt(i + 1))) {
        let digitsEnd = i + 1;
        while (digitsEnd < end && isHexCode(raw.charCodeAt(digitsEnd))) digitsEnd++;
        unit = hexUnit(raw, i + 1, digitsEnd);
        if (digitsEnd === end) openHexEnds.add(end);
      } else {
        unit = raw[i + 1];
      }
      value += unit;
      for (let u = 0; u < unit.length; u++) starts[k++] = i;
      i = end;
    }
  }
  starts[k] = n;
  return { value, starts: starts.subarray(0, k + 1), openHexEnds };
}
