import type { Edit } from '../domain/index.js';
import { isHexCode, isWhitespaceCode } from './chars.js';
import type { DecodedText } from './decoded-text.js';

// Writing decoded text back into a string or url token body, so that the browser's
// tokenizer reads exactly that text again (CSS Syntax Level 3: "consume a string
// token", "consume a url token", "consume an escaped code point").

/** What a token body stands between: `"` or `'` for a string, 0 for an unquoted url token. */
export type TokenQuote = 0x22 | 0x27 | 0;

/**
 * What must be escaped in a body of this kind: in a string its quote, `\` and the
 * newlines (LF, CR, FF); in a url token also whitespace, both quotes, `(`, `)` and the
 * non-printable characters (U+0000–U+0008, U+000B, U+000E–U+001F, U+007F), any of
 * which would end it or make it a bad url.
 */
function mustEscape(c: number, quote: TokenQuote): boolean {
  if (c === 0x5c || c === 0x0a || c === 0x0d || c === 0x0c) return true;
  if (quote !== 0) return c === quote;
  return c <= 0x20 || c === 0x22 || c === 0x27 || c === 0x28 || c === 0x29 || c === 0x7f;
}

/** A hex escape, closed by a space so that nothing after it can join it. */
function hexEscape(cp: number): string {
  return '\\' + cp.toString(16) + ' ';
}

/**
 * `text` written for a body of kind `quote`, read back by the browser as `text`.
 * Delimiters are escaped as `\` + themselves, whitespace and control characters as hex.
 * Characters past U+00FF are hex escapes too: the byte stream reads CSS as Latin-1,
 * where they cannot stand as they are (what was written raw stays raw outside edits).
 */
export function encodeForToken(text: string, quote: TokenQuote): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x100 && !mustEscape(c, quote)) continue;
    out += text.slice(from, i);
    if (c >= 0x100) {
      const cp = text.codePointAt(i) as number;
      out += hexEscape(cp);
      if (cp > 0xffff) i++;
    } else if (c <= 0x20 || c === 0x7f) {
      out += hexEscape(c);
    } else {
      out += '\\' + text[i];
    }
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** Equal characters that end a changed region: longer than any run a rewrite could mistake for one. */
const ANCHOR = 16;
/** The most characters inserted plus deleted in one region before the rest is taken as one region. */
const MAX_REGION = 256;

/**
 * The changed regions turning a value into its rewrite, in order, each as small as the
 * search finds it: from each mismatch, the fewest characters deleted plus inserted after
 * which ANCHOR characters (or both ends) agree again. A URL rewrite inserts or replaces
 * a few characters per host, far apart, so this is linear in the value; past MAX_REGION
 * the rest is one region. Regions never split a surrogate pair.
 */
export function changedRegions(before: string, after: string): Edit[] {
  const out: Edit[] = [];
  if (before === after) return out;
  const min = Math.min(before.length, after.length);
  let s = 0;
  while (s < min && before.charCodeAt(before.length - 1 - s) === after.charCodeAt(after.length - 1 - s)) s++;
  const aEnd = before.length - s;
  const bEnd = after.length - s;
  let x = 0;
  let y = 0;
  for (;;) {
    while (x < aEnd && y < bEnd && before.charCodeAt(x) === after.charCodeAt(y)) { x++; y++; }
    if (x === aEnd && y === bEnd) break;
    const shift = x === aEnd || y === bEnd ? null : resync(before, x, aEnd, after, y, bEnd);
    const [del, ins] = shift ?? [aEnd - x, bEnd - y];
    out.push(region(before, after, x, x + del, y, y + ins));
    x += del;
    y += ins;
    if (shift === null) break;
  }
  return out;
}

/** The fewest `[deleted, inserted]` after which `a` at `x` and `b` at `y` agree again (see changedRegions), or null. */
function resync(a: string, x: number, aEnd: number, b: string, y: number, bEnd: number): [number, number] | null {
  for (let d = 1; d <= MAX_REGION; d++) {
    for (let del = 0; del <= d; del++) {
      const i = x + del;
      const j = y + d - del;
      if (i > aEnd || j > bEnd) continue;
      let k = 0;
      while (k < ANCHOR && i + k < aEnd && j + k < bEnd && a.charCodeAt(i + k) === b.charCodeAt(j + k)) k++;
      if (k === ANCHOR || (i + k === aEnd && j + k === bEnd)) return [del, d - del];
    }
  }
  return null;
}

/** `a[aFrom, aTo)` became `b[bFrom, bTo)`, widened by the equal unit of a surrogate pair it would split. */
function region(a: string, b: string, aFrom: number, aTo: number, bFrom: number, bTo: number): Edit {
  if (aFrom > 0 && bFrom > 0 && isHighSurrogate(a.charCodeAt(aFrom - 1))) { aFrom--; bFrom--; }
  if (aTo < a.length && bTo < b.length && isLowSurrogate(a.charCodeAt(aTo))) { aTo++; bTo++; }
  return { start: aFrom, end: aTo, text: b.slice(bFrom, bTo) };
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/**
 * An edit of the decoded value (offsets `shift` units into it, for a window's
 * look-behind) as an edit of the raw text `raw`, its new text written for the body.
 * Text placed right after a hex escape that no whitespace closed gets a space first if
 * it (or, when nothing is inserted, the raw text after it) would otherwise join it.
 */
export function rawEdit(raw: string, decoded: DecodedText, e: Edit, quote: TokenQuote, shift = 0): Edit {
  const start = decoded.rawAt(e.start - shift);
  const end = decoded.rawAt(e.end - shift);
  let text = encodeForToken(e.text, quote);
  if (decoded.openHexEnds.has(start)) {
    const next = text.length > 0 ? text.charCodeAt(0) : raw.charCodeAt(end);
    if (isHexCode(next) || isWhitespaceCode(next)) text = ' ' + text;
  }
  return { start, end, text };
}
