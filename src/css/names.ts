import { BACKSLASH, isHexCode, isNameCode, isNameStartCode, isNewlineCode, isWhitespaceCode } from './chars.js';
import { decodeValue } from './decoded-text.js';
import { escapeEnd } from './escapes.js';

/**
 * The longest raw function or at-rule name looked at. The names that matter are short
 * (`-webkit-image-set` is 17); this leaves room for every one of them fully escaped.
 * The streaming tokenizer keeps at least this much text behind its position.
 */
export const MAX_NAME_RAW = 200;

/** `\` at `i` starts a valid escape (not `\` + newline). */
function validEscapeAt(text: string, i: number, end: number): boolean {
  return i + 1 < end && text.charCodeAt(i) === BACKSLASH && !isNewlineCode(text.charCodeAt(i + 1));
}

/** CSS "would start an ident sequence" at `i` (§4.3.9); needs up to three characters. */
export function startsIdent(text: string, i: number, end: number): boolean {
  if (i >= end) return false;
  const c = text.charCodeAt(i);
  if (c === 0x2d /* - */) {
    if (i + 1 >= end) return false;
    const d = text.charCodeAt(i + 1);
    return isNameStartCode(d) || d === 0x2d || validEscapeAt(text, i + 1, end);
  }
  if (isNameStartCode(c)) return true;
  return validEscapeAt(text, i, end);
}

/**
 * Where the ident sequence starting at `i` ends (name code points and valid escapes),
 * or -1 when that depends on text past `end` that has not arrived (`final` false).
 */
export function nameEnd(text: string, i: number, end: number, final: boolean): number {
  let j = i;
  while (j < end) {
    const c = text.charCodeAt(j);
    if (isNameCode(c)) { j++; continue; }
    if (c !== BACKSLASH) return j;
    if (j + 1 >= end) return final ? j : -1;
    if (isNewlineCode(text.charCodeAt(j + 1))) return j;
    const e = escapeEnd(text, j, end, final);
    if (e < 0) return -1;
    j = e;
  }
  return final ? j : -1;
}

/** The decoded, ASCII-lower-cased name of `text[start, end)` (an ident sequence). */
export function decodeName(text: string, start: number, end: number): string {
  const raw = text.slice(start, end);
  return (raw.indexOf('\\') < 0 ? raw : decodeValue(raw)).toLowerCase();
}

function backslashRun(text: string, end: number, limit: number): number {
  let r = 0;
  while (end - r - 1 >= limit && text.charCodeAt(end - r - 1) === BACKSLASH) r++;
  return r;
}

/**
 * A cheap first refusal for `rgba(`, `var(`, `translate(`, …: the names the tokenizer
 * wants end in `l`, `c`, `h` or `t`, written plainly or as an escape whose last
 * character is one of those or a digit (`\6c`, `\63`, `\68`, `\74`). Anything that
 * is not a name character (an escape's closing space, an escaped delimiter) goes on to
 * the full reading.
 */
function mayEndWanted(c: number): boolean {
  const lower = c | 0x20;
  return !isNameCode(c) || lower === 0x6c || lower === 0x63 || lower === 0x68 || lower === 0x74 || (c >= 0x30 && c <= 0x39);
}

/** Whether `text[start, start + name.length)` is `name` (lower case), ASCII case-insensitively. */
function equalsIgnoreCase(text: string, start: number, name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    let c = text.charCodeAt(start + i);
    if (c >= 0x41 && c <= 0x5a) c |= 0x20;
    if (c !== name.charCodeAt(i)) return false;
  }
  return true;
}

/**
 * Which of `wanted` (lower-case names) names the function token whose `(` is at
 * `paren`, or null when none does or the `(` does not close a function name at all (a
 * plain `(`, a hash `#url(`, a dimension `1url(`). Reads back at most
 * {@link MAX_NAME_RAW} characters, never before `lower`, then confirms the name by
 * reading it forward, so escaped names (`u\72l(`) count too. Allocates nothing for the
 * common unescaped names.
 */
export function functionNameBefore(text: string, paren: number, lower: number, wanted: readonly string[]): string | null {
  if (paren > lower && !mayEndWanted(text.charCodeAt(paren - 1))) return null;
  const limit = Math.max(lower, paren - MAX_NAME_RAW);
  let k = paren;
  let escaped = false;
  while (k > limit) {
    const c = text.charCodeAt(k - 1);
    if (isNameCode(c)) { k--; continue; }
    if (c === BACKSLASH) { k -= backslashRun(text, k, limit); escaped = true; continue; }
    const run = backslashRun(text, k - 1, limit);
    if (run % 2 === 1) { k -= 1 + run; escaped = true; continue; } // an escaped delimiter belongs to the name
    if (isWhitespaceCode(c) && closesHexEscape(text, k - 1, limit)) { k--; escaped = true; continue; }
    break;
  }
  if (k === paren) return null;
  if (k === limit && limit > lower) return null; // longer than any name we look for
  if (k > lower) {
    const before = text.charCodeAt(k - 1);
    if (before === 0x23 /* # */ || before === 0x40 /* @ */) return null;
  }
  if (!escaped) {
    // Unescaped: a name is exactly its characters; compare in place.
    const length = paren - k;
    for (const name of wanted) {
      if (name.length === length && equalsIgnoreCase(text, k, name)) return startsIdent(text, k, paren) ? name : null;
    }
    return null;
  }
  if (!startsIdent(text, k, paren)) return null;
  if (nameEnd(text, k, paren, true) !== paren) return null;
  const name = decodeName(text, k, paren);
  return wanted.includes(name) ? name : null;
}

/** Whether the whitespace at `ws` ends a hex escape (`\2F `). */
function closesHexEscape(text: string, ws: number, limit: number): boolean {
  let h = ws;
  while (h > limit && ws - h < 7 && isHexCode(text.charCodeAt(h - 1))) h--;
  const digits = ws - h;
  if (digits === 0 || digits > 6) return false;
  return h > limit && text.charCodeAt(h - 1) === BACKSLASH && backslashRun(text, h, limit) % 2 === 1;
}
