import { BACKSLASH, isTabOrNewlineCode } from './chars.js';
import { readEscape } from './literal-view.js';

// Where URLs stand inside a code or data string (DESIGN rule 3a), taken the way the URL
// Standard takes a string: a whole string that starts like a URL (after the C0 controls
// and spaces the parser trims) is one URL to its end, as `fetch(s)` or `location = s`
// would parse it; a URL inside prose, markup or a query starts at a special scheme and
// its colon, or at a `//` after a separator (url-starts.ts, which reads escapes), and runs
// to the first whitespace, quote or angle bracket. Only http(s), ws(s) and
// scheme-relative URLs count (rule 1). A long string (a page held in JSON) is decoded
// only where a URL stands.

/** A URL inside a value: its authority `[authorityStart, authorityEnd)` and how many slashes stand before it. */
export interface UrlAuthority {
  readonly authorityStart: number;
  readonly authorityEnd: number;
  readonly slashes: number;
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
