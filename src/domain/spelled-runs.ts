import { isLabelCode } from './chars.js';
import { decodeLiteral, readEscape, readUtf8 } from './literal-view.js';
import { mapsToAscii } from './uts46-ascii.js';

// The fast path's search for hosts no text scan sees: spelled, in code or data text as
// written, only through the language's escapes (`\u0061`, `\u{2f}`, `\57`) or the URL
// parser's own reading (`%61`, full-width letters, `。`, a soft hyphen), with or without
// the `//` the other searches anchor on: a whole-string host (`"ａｃｍｅ.com"`), a
// special scheme without slashes (`"wss:%61cme.com"`), slashes written as escapes
// (`https:\u{2f}\u{2f}%61cme.com`), a URL percent-encoded in another's query
// (`?next=https%3A%2F%2F%61cme.com`). The anchors are the marks themselves: a backslash
// escape, a `%` escape and a non-ASCII character, each of which must stand for something
// a URL or a host is written with (most escapes in code are `\n` or `\"`, most `%` in
// data `%20`, most non-ASCII text no UTS #46 mapping, so they cost one look). Around a
// mark that passes, the run of characters a URL or host may be written with is decoded
// (as a literal, as a value, as UTF-8 bytes: the search does not know the form, so it
// reads every way) and handed to the host-piece check (host-pieces.ts). Each character
// belongs to one run, so the search is linear in the text.

/** What the search asks of the host rules. */
export interface SpellingRules {
  /** Whether a decoded stretch may hold a protected host once the parser reads it (host-pieces.ts). */
  mayHoldProtectedHost(value: string): boolean;
}

/** Raw characters followed each way from a mark; a longer run counts as a candidate unread. */
const MAX_RUN = 2048;
const NONE = -1;

// What a run is written with: a URL's scheme, slashes, userinfo and authority, or a host
// with its leading `*.`, and the escapes that spell them (a backslash and what follows).
const RUN = new Uint8Array(128);
for (let c = 0; c < 128; c++) if (isLabelCode(c)) RUN[c] = 1;
for (const c of '.%:/@*\\') RUN[c.charCodeAt(0)] = 1;

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

function isRunCode(c: number): boolean {
  return c >= 0x80 || RUN[c] === 1;
}

/**
 * Whether the two-character escape at `at` stands between two characters of a host name
 * (a letter, digit, `-`, `_` or `.` written out on each side, not the letter of another escape):
 * where a tab or newline the parser drops could split a host.
 */
function inWord(text: string, at: number): boolean {
  return isHostCode(text.charCodeAt(at - 1)) && text.charCodeAt(at - 2) !== 0x5c && isHostCode(text.charCodeAt(at + 2));
}

/**
 * A slash, backslash or colon: what a legacy octal escape (`\57`) spells that the text
 * scan, which takes its digits for the start of the host glued to it, cannot read.
 */
function isStructural(cp: number): boolean {
  return cp === 0x2f || cp === 0x5c || cp === 0x3a;
}

/** A letter, digit, `-`, `_` or `.`: what a host name is written with. */
function isHostCode(c: number): boolean {
  return c === 0x2e || isLabelCode(c);
}

function isTabOrNewline(c: number): boolean {
  return c === 0x09 || c === 0x0a || c === 0x0d;
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const l = c | 0x20;
  return l >= 0x61 && l <= 0x66 ? l - 0x61 + 10 : -1;
}

/** Whether code point `cp` (past ASCII) is one the host parser can make host characters of. */
function mapsInHost(cp: number): boolean {
  return mapsToAscii(cp);
}

const MARK_CHARACTERS = /[\\%\u0080-\uffff]/g;
const VALUE_MARK_CHARACTERS = /[\\%\t\n\r\u0080-\uffff]/g;

/** False when `text[from…]` holds no character a mark is written with (most short strings): no search needed. */
export function mayHoldMarks(text: string, from: number, controls: boolean): boolean {
  const re = controls ? VALUE_MARK_CHARACTERS : MARK_CHARACTERS;
  re.lastIndex = from;
  return re.test(text);
}

/**
 * Finds, front to back, the marks of one text whose run may hold a protected host for
 * the parser. A caller asking again from further on never searches the same stretch twice.
 */
export class SpelledRuns {
  private backslash = NONE - 1;
  private percent = NONE - 1;
  private nonAscii = NONE - 1;
  private control: number;
  /** The last run looked at, and whether it may hold a protected host. */
  private runStart = 0;
  private runEnd = 0;
  private runHolds = false;

  /**
   * @param controls the text is a string's value (not code): a tab, LF or CR written as it
   * is between two characters of a word also counts as a mark (code holds too many of them)
   */
  constructor(private readonly rules: SpellingRules, private readonly text: string, private readonly controls = false) {
    this.control = controls ? NONE - 1 : NONE;
  }

  /** In a value, a run also goes over tabs, LFs and CRs written as they are (the parser drops them). */
  private inRun(c: number): boolean {
    return isRunCode(c) || (this.controls && isTabOrNewline(c));
  }

  /** The first mark at or after `from` (and before `before`) whose run may hold a protected host, or -1. */
  next(from: number, before = this.text.length): number {
    for (let pos = from; ;) {
      if (this.backslash !== NONE && this.backslash < pos) this.backslash = this.nextEscapeMark(pos);
      if (this.percent !== NONE && this.percent < pos) this.percent = this.nextPercentMark(pos);
      if (this.nonAscii !== NONE && this.nonAscii < pos) this.nonAscii = this.nextNonAscii(pos);
      if (this.control !== NONE && this.control < pos) this.control = this.nextControlMark(pos);
      const at = first(first(first(this.backslash, this.percent), this.nonAscii), this.control);
      if (at === NONE || at >= before) return NONE;
      if (at < this.runEnd && at >= this.runStart) {
        if (this.runHolds) return at;
        pos = this.runEnd;
        continue;
      }
      this.look(at);
      if (this.runHolds) return at;
      pos = Math.max(this.runEnd, at + 1);
    }
  }

  /**
   * The next non-ASCII character at or after `from` whose spelling may be a mark. Most
   * text is ASCII: each block is first measured natively (its UTF-8 length is its length
   * when it is all ASCII), and only a block holding something else is searched; a run of
   * other non-ASCII text is passed in one loop.
   */
  private nextNonAscii(from: number): number {
    const text = this.text;
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
        for (; i < len && text.charCodeAt(i) >= 0x80; i++) if (this.nonAsciiMark(i)) return i;
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
  private nonAsciiMark(i: number): boolean {
    const text = this.text;
    const c = text.charCodeAt(i);
    if (c > 0xff) return mapsInHost(text.codePointAt(i) as number);
    if (mapsInHost(c)) return true;
    const seq = readUtf8(text, i, Math.min(text.length, i + 4));
    return seq !== null && mapsInHost(seq.cp);
  }

  /** The next backslash escape at or after `from` that may stand for a host character, or -1. */
  private nextEscapeMark(from: number): number {
    const text = this.text;
    for (let at = text.indexOf('\\', from); at !== NONE; at = text.indexOf('\\', at + 2)) {
      const n = text.charCodeAt(at + 1);
      const kind = n < 0x80 ? ESCAPE_NEXT[n] : n === 0x2028 || n === 0x2029 ? 1 : 0;
      if (kind === 1) return at;
      if (kind === CONTROL_ESCAPE && inWord(text, at)) return at;
      if (kind === HEX_ESCAPE) {
        const cp = readEscape(text, at, text.length).cp;
        if (cp < 0x80 ? SPELLS[cp] === 1 || (n < 0x38 && isStructural(cp)) : mapsInHost(cp)) return at;
      }
    }
    return NONE;
  }

  /** The next tab, LF or CR written as it is between two characters of a host name, or -1. */
  private nextControlMark(from: number): number {
    const text = this.text;
    CONTROL.lastIndex = from;
    for (let m = CONTROL.exec(text); m !== null; m = CONTROL.exec(text)) {
      const at = m.index;
      if (isHostCode(text.charCodeAt(at - 1)) && isHostCode(text.charCodeAt(at + 1))) return at;
    }
    return NONE;
  }

  /** The next `%` escape at or after `from` of a host character, of `%`, or of a byte past ASCII (UTF-8), or -1: not `%20`, `%2F`, `%3A` … */
  private nextPercentMark(from: number): number {
    const text = this.text;
    for (let at = text.indexOf('%', from); at !== NONE; at = text.indexOf('%', at + 1)) if (percentMark(text, at, 0)) return at;
    return NONE;
  }

  /** Reads the run around the mark at `at`: its extent, and whether it may hold a protected host. */
  private look(at: number): void {
    const text = this.text;
    const floor = Math.max(this.runEnd, at - MAX_RUN);
    let s = at;
    while (s > floor && this.inRun(text.charCodeAt(s - 1))) s--;
    const limit = Math.min(text.length, at + MAX_RUN);
    let e = at;
    while (e < limit) {
      const c = text.charCodeAt(e);
      if (c === 0x5c) {
        const esc = readEscape(text, e, limit);
        // An escape of what ends a URL in prose (a space, a quote) ends the run; a tab or newline the parser drops does not.
        if (esc.cp >= 0 && esc.cp <= 0x20 && !isTabOrNewline(esc.cp)) break;
        if (esc.cp === 0x22 || esc.cp === 0x27 || esc.cp === 0x60 || esc.cp === 0x3c || esc.cp === 0x3e) break;
        e += esc.length;
        continue;
      }
      if (!this.inRun(c)) break;
      e++;
    }
    this.runStart = s;
    this.runEnd = Math.max(e, at + 1);
    // Stopped by the bound rather than by what ends a run: too long to read, a candidate.
    const unread = (s === at - MAX_RUN && this.inRun(text.charCodeAt(s - 1))) || (e >= limit && limit < text.length);
    this.runHolds = unread || this.holds(s, e);
  }

  /** Whether the run `text[s, e)`, read every way the text may be written, may hold a protected host. */
  private holds(s: number, e: number): boolean {
    const text = this.text;
    const raw = text.slice(s, e);
    const rules = this.rules;
    if (rules.mayHoldProtectedHost(raw)) return true;
    const escaped = raw.includes('\\');
    if (escaped && rules.mayHoldProtectedHost(decodeLiteral(text, s, e, false))) return true;
    if (!/[\x80-\xff]/.test(raw)) return false;
    const bytes = decodeLiteral(text, s, e, true);
    return bytes !== raw && rules.mayHoldProtectedHost(bytes);
  }
}

/** Levels of percent-encoding followed (`%2561`), as the URL precheck does. */
const MAX_DECODINGS = 5;

/** Whether the `%` escape at `at` is a mark: of a host character or a byte past ASCII, or of `%` before one (`%2561`). */
function percentMark(text: string, at: number, level: number): boolean {
  const b = (hexValue(text.charCodeAt(at + 1)) << 4) | hexValue(text.charCodeAt(at + 2));
  if (b === 0x25) return level >= MAX_DECODINGS || percentMark(text, at + 2, level + 1);
  return b >= 0x80 || (b >= 0 && SPELLS[b] === 1);
}

/** The earlier of two positions, -1 meaning none. */
function first(a: number, b: number): number {
  if (a < 0) return b < 0 ? NONE : b;
  return b < 0 || a < b ? a : b;
}
