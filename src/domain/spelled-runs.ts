import { isLabelCode } from './chars.js';
import { decodeLiteral, readEscape } from './literal-view.js';
import { nextControlMark, nextEscapeMark, nextNonAsciiMark, nextPercentMark } from './spelling-marks.js';

// The fast path's search for hosts no text scan sees: spelled, in code or data text as
// written, only through the language's escapes (`\u0061`, `\u{2f}`, `\57`) or the URL
// parser's own reading (`%61`, full-width letters, `。`, a soft hyphen), with or without
// the `//` the other searches anchor on: a whole-string host (`"ａｃｍｅ.com"`), a
// special scheme without slashes (`"wss:%61cme.com"`), slashes written as escapes
// (`https:\u{2f}\u{2f}%61cme.com`), a URL percent-encoded in another's query
// (`?next=https%3A%2F%2F%61cme.com`). The anchors are the marks themselves: a backslash
// escape, a `%` escape and a non-ASCII character that may stand for something a URL or
// a host is written with (spelling-marks.ts). Around each, the run of characters a URL
// or host may be written with is decoded (as a literal, as a value, as UTF-8 bytes: the
// search does not know the form, so it reads every way) and handed to the host-piece
// check (host-pieces.ts). Each character belongs to one run, so the search is linear in
// the text.

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

function isRunCode(c: number): boolean {
  return c >= 0x80 || RUN[c] === 1;
}

function isTabOrNewline(c: number): boolean {
  return c === 0x09 || c === 0x0a || c === 0x0d;
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
      const text = this.text;
      if (this.backslash !== NONE && this.backslash < pos) this.backslash = nextEscapeMark(text, pos);
      if (this.percent !== NONE && this.percent < pos) this.percent = nextPercentMark(text, pos);
      if (this.nonAscii !== NONE && this.nonAscii < pos) this.nonAscii = nextNonAsciiMark(text, pos);
      if (this.control !== NONE && this.control < pos) this.control = nextControlMark(text, pos);
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

/** The earlier of two positions, -1 meaning none. */
function first(a: number, b: number): number {
  if (a < 0) return b < 0 ? NONE : b;
  return b < 0 || a < b ? a : b;
}
