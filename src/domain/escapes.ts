import { BACKSLASH, isHexCode } from './chars.js';

// How hosts are glued to the escapes around them in JS strings, JSON, regular
// expressions and percent-encoded URLs: the bounded look-arounds of the scanner.

const MAX_USERINFO = 256;
const MAX_BACKSLASHES = 8;

/** How the dot at `dotIndex` is written: `.`, `\\.` or `\\\\.` (escaped in a regex, or in a string holding one). */
export function dotFormBefore(text: string, dotIndex: number, from: number): string {
  let k = dotIndex;
  while (k > from && dotIndex - k < 2 && text.charCodeAt(k - 1) === BACKSLASH) k--;
  return text.slice(k, dotIndex + 1);
}

/**
 * How many characters at `hs` belong to an escape glued to the host rather than to the
 * host: `\u002F`, `\x2F`, `\n` after an odd run of backslashes, `%2F` or `%252F`.
 */
export function escapePrefixLength(text: string, hs: number, from: number): number {
  let k = 0;
  while (hs - k - 1 >= from && text.charCodeAt(hs - k - 1) === BACKSLASH && k < MAX_BACKSLASHES) k++;
  const c = text.charCodeAt(hs);
  if (k % 2 === 1) {
    if (c === 0x75 /* u */ && hexRun(text, hs + 1, 4)) return 5;
    if (c === 0x78 /* x */ && hexRun(text, hs + 1, 2)) return 3;
    return 1;
  }
  // `\\u002F` / `\\x2F`: an escape written for a second decoding (JSON inside a JS string).
  if (k >= 2) {
    if (c === 0x75 /* u */ && hexRun(text, hs + 1, 4)) return 5;
    if (c === 0x78 /* x */ && hexRun(text, hs + 1, 2)) return 3;
  }
  if (hs - 1 >= from && text.charCodeAt(hs - 1) === 0x25 /* % */ && hexRun(text, hs, 2)) {
    // Each `25` before two more hex digits is one more level of encoding (%252F, %25252F).
    let n = 2;
    while (n < 8 && text.startsWith('25', hs + n - 2) && hexRun(text, hs + n, 2)) n += 2;
    return n;
  }
  return 0;
}

/** Length of `\x2e`, `\u002e` (any number of backslashes before) or `%2e` at `at`, else 0. */
export function escapedDotLength(text: string, at: number, to: number): number {
  let j = at;
  while (j < to && text.charCodeAt(j) === BACKSLASH && j - at < MAX_BACKSLASHES) j++;
  const rest = text.slice(j, j + 5).toLowerCase();
  if (j > at && rest.startsWith('x2e')) return j - at + 3;
  if (j > at && rest.startsWith('u002e')) return j - at + 5;
  if (j === at && rest.startsWith('%2e')) return 3;
  return 0;
}

function hexRun(text: string, at: number, n: number): boolean {
  if (at + n > text.length) return false;
  for (let i = at; i < at + n; i++) if (!isHexCode(text.charCodeAt(i))) return false;
  return true;
}

/** Walks back from the `@` over userinfo characters to where `user:pass@` starts. */
export function userinfoStart(text: string, at: number, from: number): number {
  let i = at;
  const limit = Math.max(from, at - MAX_USERINFO);
  while (i > limit) {
    const c = text.charCodeAt(i - 1);
    if (c === 0x2f || c === BACKSLASH || c === 0x25 || c <= 0x20 || c === 0x22 || c === 0x27 || c === 0x60 ||
        c === 0x3c || c === 0x3e || c === 0x28 || c === 0x29 || c === 0x2c || c === 0x3b || c === 0x40) break;
    i--;
  }
  return i;
}
