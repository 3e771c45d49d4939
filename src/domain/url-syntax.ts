import { isAlphaCode, isDigitCode, isSchemeCode } from './chars.js';

// The spellings of `/` and `:` that URLs take inside JS strings, JSON, regular
// expressions and percent-encoded query values, read backwards from a host.

/** Each slash spelling and the colon spelled the same way. */
const SLASHES: ReadonlyArray<readonly [slash: string, colon: string]> = [
  ['\\\\u002f', '\\\\u003a'],
  ['\\u002f', '\\u003a'],
  ['\\\\x2f', '\\\\x3a'],
  ['\\x2f', '\\x3a'],
  ['%25252f', '%25253a'],
  ['%252f', '%253a'],
  ['%2f', '%3a'],
  ['\\\\/', ':'],
  ['\\/', ':'],
  ['/', ':'],
];

const COLONS = ['\\\\u003a', '\\u003a', '\\\\x3a', '\\x3a', '%25253a', '%253a', '%3a', ':'];

const MAX_SCHEME = 32;

/** Whether `text` holds `token` ending at `end`, ASCII case-insensitively. */
function endsWithAt(text: string, end: number, token: string, from: number): boolean {
  const start = end - token.length;
  if (start < from) return false;
  for (let i = 0; i < token.length; i++) {
    let c = text.charCodeAt(start + i);
    if (c >= 0x41 && c <= 0x5a) c |= 0x20;
    if (c !== token.charCodeAt(i)) return false;
  }
  return true;
}

function slashBefore(text: string, end: number, from: number): { start: number; enc: string } | null {
  for (const [slash] of SLASHES) {
    if (endsWithAt(text, end, slash, from)) return { start: end - slash.length, enc: text.slice(end - slash.length, end) };
  }
  return null;
}

/**
 * Two slashes, in any spelling, ending at `end`. `enc` is the spelling of the one next
 * to the host, which later edits (an added port's colon) follow.
 */
export function readSlashPairBefore(text: string, end: number, from: number): { start: number; enc: string } | null {
  const second = slashBefore(text, end, from);
  if (!second) return null;
  const first = slashBefore(text, second.start, from);
  if (!first) return null;
  return { start: first.start, enc: second.enc };
}

const SPECIAL_SCHEMES = new Set(['http', 'https', 'ws', 'wss']);
const MAX_SLASH_RUN = 16;

/**
 * A run of slashes and backslashes ending at `end`, at least two of them and one a
 * backslash, that the URL parser reads as the `//` of an authority (it takes `\` for
 * `/` in special URLs): after the colon of `http`, `https`, `ws` or `wss` (`https:\\host`
 * as a value, `https:\\\\host` in a JS or JSON literal's source), or at the start of
 * the string (`\\host`, scheme-relative). A backslash run elsewhere (a Windows path, a
 * regular expression) is no authority.
 */
export function readBackslashAuthorityBefore(text: string, end: number, from: number, stringStart: number | undefined): { start: number; enc: string } | null {
  let i = end;
  let backslash = false;
  while (i > from && end - i < MAX_SLASH_RUN) {
    const c = text.charCodeAt(i - 1);
    if (c === 0x5c) backslash = true;
    else if (c !== 0x2f) break;
    i--;
  }
  if (!backslash || end - i < 2) return null;
  if (i === stringStart) return { start: i, enc: '\\' };
  if (i - 1 < from || text.charCodeAt(i - 1) !== 0x3a /* : */) return null;
  const colon = readColonBefore(text, i, from);
  if (colon === null || !SPECIAL_SCHEMES.has(text.slice(colon.schemeStart, colon.start).toLowerCase())) return null;
  return { start: i, enc: '\\' };
}

/** A `scheme:` (colon in any spelling) ending at `end`: where the colon starts and the scheme name starts. */
export function readColonBefore(text: string, end: number, from: number): { start: number; schemeStart: number } | null {
  for (const colon of COLONS) {
    if (!endsWithAt(text, end, colon, from)) continue;
    const colonStart = end - colon.length;
    let i = colonStart;
    const limit = Math.max(from, colonStart - MAX_SCHEME);
    while (i > limit && isSchemeCode(text.charCodeAt(i - 1))) i--;
    // A scheme starts with a letter; walk forward past digits and signs that cannot start one.
    while (i < colonStart && !isAlphaCode(text.charCodeAt(i))) i++;
    if (i === colonStart) return null;
    return { start: colonStart, schemeStart: i };
  }
  return null;
}

/** The colon spelling that matches a slash spelling as written (`%2F` → `%3A`, `%2f` → `%3a`). */
export function colonFor(slashEnc: string): string {
  const lower = slashEnc.toLowerCase();
  for (const [slash, colon] of SLASHES) {
    if (slash !== lower) continue;
    return slashEnc.endsWith('F') ? colon.toUpperCase().replace('\\U', '\\u').replace('\\X', '\\x') : colon;
  }
  return ':';
}

/** Longest run of port digits read (the URL parser takes leading zeros: `:0000443`). */
const MAX_PORT_DIGITS = 16;

/**
 * A `:port` (colon in any spelling) right after a host: digits, or none before the end of
 * the authority (`https://host:/x`, an empty port the parser ignores, which an edit must
 * replace rather than put a second port after). `open`: a colon that ends the text, its
 * port written after it by the code (`` `//host:${port}` ``, `'//host:' + port`): the
 * port is the code's, and no port may be put before it.
 */
export function readPortAfter(text: string, at: number, to: number): { start: number; end: number } | 'open' | null {
  for (const colon of COLONS) {
    const digits = at + colon.length;
    if (digits > to || !endsWithAt(text, digits, colon, at)) continue;
    let j = digits;
    while (j < to && j - digits < MAX_PORT_DIGITS && isDigitCode(text.charCodeAt(j))) j++;
    if (j < to && isDigitCode(text.charCodeAt(j))) return null;
    if (j === digits && j === to) return 'open';
    if (j === digits && !endsAuthority(text, j)) return null;
    return { start: at, end: j };
  }
  return null;
}

/** Whether the authority ends at `i`: `/`, `\\`, `?`, `#`, a quote, or an escaped slash. */
function endsAuthority(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c === 0x2f || c === 0x5c || c === 0x3f || c === 0x23 || c === 0x22 || c === 0x27 || c === 0x60) return true;
  return text.slice(i, i + 3).toLowerCase() === '%2f';
}
