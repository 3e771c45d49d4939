import { isLabelCode, isTabOrNewlineCode } from './chars.js';
import { readEscape, readUtf8 } from './literal-view.js';
import { mapsToAscii } from './uts46-ascii.js';

// The marks of spelled-runs.ts: where, in code or data text as written, something may
// spell part of a URL or host that only the language or the URL parser reads. Each search
// looks once at each backslash, `%` or non-ASCII character (a tab or newline, in a
// value), and most are passed at that look: most escapes in code are `\n` or `\"`, most
// `%` in data `%20`, most non-ASCII text no UTS #46 mapping.

const NONE = -1;

// What an escape or a `%` escape must stand for to count as a mark: a host character or
// `%` (a second level of encoding). An escaped slash, colon or `@` never needs to: the
// host after it is written out (the text scan's search finds it) or spelled, and then
// its own spelling is a mark.
const SPELLS = new Uint8Array(128);
for (let c = 0; c < 128; c++) if (isLabelCode(c)) SPELLS[c] = 1;
SPELLS[0x2e] = SPELLS[0x25] = 1;

const NON_ASCII = /[^\x00-\x7f]/g;
/** Characters measured at a time for being all ASCII. */
const ASCII_BLOCK = 4096;
const CONTROL = /[\t\n\r]/g;

// What may follow the backslash of an escape that stands for a host character: `u`, `x`
// and a legacy octal digit (the value checked), `8` or `9`, a line terminator (a line
// continuation, which spells nothing inside a host), a letter, `.`, `-`, `_` or `%`
// escaping itself; `n`, `r` and `t` count between two characters of a word (a tab or
// newline the URL parser drops inside a host). `\"`, `\/`, `\\` and the rest never do.
const ESCAPE_NEXT = new Uint8Array(128);
/** An escape whose value decides (`\u`, `\x`, legacy octal). */
const HEX_ESCAPE = 2;
const CONTROL_ESCAPE = 3;
for (let c = 0; c < 128; c++) if (isLabelCode(c)) ESCAPE_NEXT[c] = 1;
for (const c of '.%') ESCAPE_NEXT[c.charCodeAt(0)] = 1;
for (const c of 'ux01234567') ESCAPE_NEXT[c.charCodeAt(0)] = HEX_ESCAPE;
for (const c of 'nrt') ESCAPE_NEXT[c.charCodeAt(0)] = CONTROL_ESCAPE;
for (const c of 'bfv') ESCAPE_NEXT[c.charCodeAt(0)] = 0;
ESCAPE_NEXT[0x0a] = ESCAPE_NEXT[0x0d] = 1;

/**
 * Whether the two-character escape at `at` stands between two characters of a host name
 * (a letter, digit, `-`, `_`, `.` or `%` written out on each side, not the letter of
 * another escape): where a tab or newline the parser drops could split a host.
 */
function inWord(text: string, at: number): boolean {
  // Past the other tab and newline escapes next to it (`a\t\tcme`), a few at most: a longer row is looked at.
  let after = at + 2;
  let before = at;
  for (let n = 0; isControlEscape(text, after); n++, after += 2) if (n === MAX_CONTROLS) return true;
  for (let n = 0; before >= 2 && isControlEscape(text, before - 2) && text.charCodeAt(before - 3) !== 0x5c; n++, before -= 2) if (n === MAX_CONTROLS) return true;
  return isHostCode(text.charCodeAt(before - 1)) && text.charCodeAt(before - 2) !== 0x5c && isHostCode(text.charCodeAt(after));
}

/** Tab and newline escapes (or, written as they are, characters) followed past a mark before it counts whatever stands beyond. */
const MAX_CONTROLS = 16;

/** Whether `\t`, `\n` or `\r` stands at `i`. */
function isControlEscape(text: string, i: number): boolean {
  if (text.charCodeAt(i) !== 0x5c) return false;
  const n = text.charCodeAt(i + 1);
  return n === 0x74 || n === 0x6e || n === 0x72;
}

/**
 * A slash, backslash or colon: what a legacy octal escape (`\57`) spells that the text
 * scan, which takes its digits for the start of the host glued to it, cannot read.
 */
function isStructural(cp: number): boolean {
  return cp === 0x2f || cp === 0x5c || cp === 0x3a;
}

/** A letter, digit, `-`, `_`, `.` or `%`: what a host name is written with. */
function isHostCode(c: number): boolean {
  return c === 0x2e || c === 0x25 || isLabelCode(c);
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const l = c | 0x20;
  return l >= 0x61 && l <= 0x66 ? l - 0x61 + 10 : -1;
}

/**
 * The next non-ASCII character at or after `from` whose spelling may be a mark. Most
 * text is ASCII: each block is first measured natively (its UTF-8 length is its length
 * when it is all ASCII), and only a block holding something else is searched; a run of
 * other non-ASCII text is passed in one loop.
 */
export function nextNonAsciiMark(text: string, from: number): number {
  const len = text.length;
  for (let p = from; p < len;) {
    const e = Math.min(len, p + ASCII_BLOCK);
    const block = text.slice(p, e);
    if (Buffer.byteLength(block, 'utf8') === e - p) {
      p = e;
      continue;
    }
    NON_ASCII.lastIndex = 0;
    let next = e;
    for (let m = NON_ASCII.exec(block); m !== null; m = NON_ASCII.exec(block)) {
      let i = p + m.index;
      for (; i < len && text.charCodeAt(i) >= 0x80; i++) if (nonAsciiMark(text, i)) return i;
      if (i >= e) {
        next = i;
        break;
      }
      NON_ASCII.lastIndex = i - p;
    }
    p = next;
  }
  return NONE;
}

/** A non-ASCII character the host parser maps, as a character or as the UTF-8 sequence a byte stream read as Latin-1 holds. */
function nonAsciiMark(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c > 0xff) return mapsToAscii(text.codePointAt(i) as number);
  if (mapsToAscii(c)) return true;
  const seq = readUtf8(text, i, Math.min(text.length, i + 4));
  return seq !== null && mapsToAscii(seq.cp);
}

/** The next backslash escape at or after `from` that may stand for a host character, or -1. */
export function nextEscapeMark(text: string, from: number): number {
  for (let at = text.indexOf('\\', from); at !== NONE; at = text.indexOf('\\', at + 2)) {
    const n = text.charCodeAt(at + 1);
    const kind = n < 0x80 ? ESCAPE_NEXT[n] : n === 0x2028 || n === 0x2029 ? 1 : 0;
    if (kind === 1) return at;
    if (kind === CONTROL_ESCAPE && inWord(text, at)) return at;
    if (kind === HEX_ESCAPE) {
      const cp = readEscape(text, at, text.length).cp;
      if (cp < 0x80 ? SPELLS[cp] === 1 || (n < 0x38 && isStructural(cp)) : mapsToAscii(cp)) return at;
    }
  }
  return NONE;
}

/** The next tab, LF or CR written as it is between two characters of a host name, or -1. */
export function nextControlMark(text: string, from: number): number {
  CONTROL.lastIndex = from;
  for (let m = CONTROL.exec(text); m !== null; m = CONTROL.exec(text)) {
    const at = m.index;
    let before = at;
    let after = at + 1;
    while (before - 1 > at - MAX_CONTROLS && isTabOrNewlineCode(text.charCodeAt(before - 1))) before--;
    while (after < at + MAX_CONTROLS && isTabOrNewlineCode(text.charCodeAt(after))) after++;
    if (isHostCode(text.charCodeAt(before - 1)) && isHostCode(text.charCodeAt(after))) return at;
    CONTROL.lastIndex = after;
  }
  return NONE;
}

/** The next `%` escape at or after `from` of a host character, of `%`, or of a byte past ASCII (UTF-8), or -1: not `%20`, `%2F`, `%3A` … */
export function nextPercentMark(text: string, from: number): number {
  for (let at = text.indexOf('%', from); at !== NONE; at = text.indexOf('%', at + 1)) if (percentMark(text, at, 0)) return at;
  return NONE;
}

/** Levels of percent-encoding followed (`%2561`), as the URL precheck does. */
const MAX_DECODINGS = 5;

/** Whether the `%` escape at `at` is a mark: of a host character or a byte past ASCII, or of `%` before one (`%2561`). */
function percentMark(text: string, at: number, level: number): boolean {
  const b = (hexValue(text.charCodeAt(at + 1)) << 4) | hexValue(text.charCodeAt(at + 2));
  if (b === 0x25) return level >= MAX_DECODINGS || percentMark(text, at + 2, level + 1);
  return b >= 0x80 || (b >= 0 && SPELLS[b] === 1);
}

