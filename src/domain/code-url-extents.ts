import { BACKSLASH, isSchemeCode, isTabOrNewlineCode } from './chars.js';
import { readEscape } from './literal-view.js';

// Where URLs stand inside a code or data string (DESIGN rule 3a), taken the way the URL
// Standard takes a string: a whole string that starts like a URL (after the C0 controls
// and spaces the parser trims) is one URL to its end, as `fetch(s)` or `location = s`
// would parse it; a URL inside prose, markup or a query starts at a special scheme
// written out before `//`, or at a `//` after a separator, and runs to the first
// whitespace, quote or angle bracket. Only http(s), ws(s) and scheme-relative URLs count (rule 1).
// URLs inside the string are found on the text as written (marked-authorities.ts), so a
// long string (a page held in JSON) is decoded only where a URL stands.

/** A URL inside a value: its authority `[authorityStart, authorityEnd)` and how many slashes stand before it. */
export interface UrlAuthority {
  readonly authorityStart: number;
  readonly authorityEnd: number;
  readonly slashes: number;
}

function isLineTerminator(c: number): boolean {
  return c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;
}

function isSlash(c: number): boolean {
  return c === 0x2f || c === BACKSLASH;
}

/** What no host holds (URL Standard, forbidden host code points, tabs and newlines aside, which the parser drops). */
function refusedInHost(c: number): boolean {
  return (c <= 0x20 && !isTabOrNewlineCode(c)) || c === 0x3c || c === 0x3e || c === 0x5e || c === 0x7c || c === 0x7f;
}

/** What ends a URL inside prose: whitespace and controls, quotes, angle brackets. */
function endsEmbedded(c: number): boolean {
  return c <= 0x20 || c === 0x22 || c === 0x27 || c === 0x60 || c === 0x3c || c === 0x3e;
}

// A special scheme and its colon, tabs and newlines inside it skipped as the parser skips them.
const SPECIAL_SCHEME = /(?:h[\t\n\r]*t[\t\n\r]*t[\t\n\r]*p[\t\n\r]*(?:s[\t\n\r]*)?|w[\t\n\r]*s[\t\n\r]*(?:s[\t\n\r]*)?):/iy;
const SPECIAL_NAMES = new Set(['http', 'https', 'ws', 'wss']);

/**
 * The authority of the value read as a URL from its start: after a special scheme (or two
 * slashes, scheme-relative) and any further slashes, to the first `/`, `\`, `?` or `#`.
 * Null when the value does not start like an http(s), ws(s) or scheme-relative URL, or
 * its authority holds what no host may (a space: prose after `//`).
 */
export function authorityFromStart(value: string): UrlAuthority | null {
  let i = 0;
  while (i < value.length && value.charCodeAt(i) <= 0x20) i++;
  SPECIAL_SCHEME.lastIndex = i;
  let slashes = 0;
  if (SPECIAL_SCHEME.test(value)) {
    i = SPECIAL_SCHEME.lastIndex;
  } else {
    for (let j = i; j < value.length && slashes < 2; j++) {
      const c = value.charCodeAt(j);
      if (isSlash(c)) slashes++;
      else if (!isTabOrNewlineCode(c)) break;
    }
    if (slashes < 2) return null;
    slashes = 0;
  }
  for (; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (isSlash(c)) slashes++;
    else if (!isTabOrNewlineCode(c)) break;
  }
  let e = i;
  while (e < value.length) {
    const c = value.charCodeAt(e);
    if (isSlash(c) || c === 0x3f || c === 0x23) break;
    // A host holds no space, angle bracket, `^` or `|`: the parser refuses the value, as prose.
    if (refusedInHost(c)) return null;
    e++;
  }
  return { authorityStart: i, authorityEnd: e, slashes };
}

/**
 * Where the URL written into `text[from…]` whose `//` starts at `slashAt` starts: at a
 * special scheme written out before it (`https:`; not glued to scheme characters before
 * it, as `git+https:` is another scheme), or at the slashes, scheme-relative, when a
 * separator stands before them. -1 when the slashes start no URL of rule 1.
 */
export function writtenUrlStart(text: string, from: number, slashAt: number): number {
  let slashes = slashAt;
  for (;;) {
    // The backslash of a `\/` first slash, and line continuations (which spell nothing) before it.
    if (slashes > from && text.charCodeAt(slashes - 1) === BACKSLASH) slashes--;
    else if (slashes - 1 > from && isLineTerminator(text.charCodeAt(slashes - 1)) && text.charCodeAt(slashes - 2) === BACKSLASH) slashes -= 2;
    else if (slashes - 2 > from && text.charCodeAt(slashes - 1) === 0x0a && text.charCodeAt(slashes - 2) === 0x0d && text.charCodeAt(slashes - 3) === BACKSLASH) slashes -= 3;
    else break;
  }
  if (slashes === from || separatesRelative(text.charCodeAt(slashes - 1))) return slashes;
  const colon = slashes - 1;
  if (text.charCodeAt(colon) !== 0x3a) return -1;
  let start = colon;
  while (start > from && colon - start < 5 && isSchemeCode(text.charCodeAt(start - 1))) start--;
  if (start > from && isSchemeCode(text.charCodeAt(start - 1))) return -1;
  return SPECIAL_NAMES.has(text.slice(start, colon).toLowerCase()) ? start : -1;
}

/** What may stand before a scheme-relative `//` inside a string: a separator, never a scheme's `:`, a path or a label. */
function separatesRelative(c: number): boolean {
  return endsEmbedded(c) || c === 0x3d /* = */ || c === 0x28 /* ( */ || c === 0x2c /* , */ || c === 0x3b /* ; */ ||
    c === 0x5b /* [ */ || c === 0x7b /* { */ || c === 0x7c /* | */;
}

/**
 * Where a URL written inside a string from `at` ends: at the first whitespace, quote or
 * angle bracket (or an escape of one, in a literal: `escapes`), or `to`.
 */
export function writtenEnd(text: string, at: number, to: number, escapes: boolean): number {
  let i = at;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH && escapes) {
      const e = readEscape(text, i, to);
      if (e.cp >= 0 && endsEmbedded(e.cp)) return i;
      i += e.length;
    } else {
      if (endsEmbedded(c)) return i;
      i++;
    }
  }
  return to;
}
