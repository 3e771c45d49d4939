import { isAlphaCode, isSchemeCode, isTabOrNewlineCode } from './chars.js';
import { readEscape } from './literal-view.js';

// Where URLs start inside a code or data string (DESIGN rule 3a), read on the value the
// code holds: at a scheme and its colon (`https:`, with slashes or without, as the parser
// reads `https:host` too; any scheme's query may hold a nested URL), the scheme being all
// the scheme characters before the colon (`git+https:` is not `https:`); or,
// scheme-relative, at two slashes (`/` or `\`, which the parser reads as `/` in a special
// URL) after a separator. In a literal, any of these
// may be written as escapes (`\u0068ttps\x3a\u{2f}\57`): the escapes are read one by one
// as the search meets them, front to back, so a long string is never decoded whole and
// each character is looked at once. The few escapes last read are kept to read a scheme
// backwards from its colon.

const SPECIAL = new Set(['http', 'https', 'ws', 'wss']);
/** The longest scheme name read (`chrome-extension`, `git+https` …). */
const MAX_SCHEME = 32;
/** Escapes remembered for reading back from a colon or slash: far more than a scheme and what may stand between its letters. */
const RING = 32;
const NONE = -1;
const STRING_START = -2;
const UNKNOWN = -3;
const NO_ESCAPES = new Int32Array(0);

/** What may stand before a scheme-relative `//` inside a string: a separator, never a scheme's `:`, a path or a label. */
function separatesRelative(c: number): boolean {
  return c <= 0x20 || c === 0x22 || c === 0x27 || c === 0x60 || c === 0x3c || c === 0x3e || c === 0x3d || c === 0x28 ||
    c === 0x2c || c === 0x3b || c === 0x5b || c === 0x7b || c === 0x7c;
}

/** The code points of the escapes `\X` that are two characters whatever follows (-1: any other). */
const SIMPLE_ESCAPE = new Int16Array(128).fill(-1);
for (const [c, cp] of [['"', 0x22], ["'", 0x27], ['\\', 0x5c], ['/', 0x2f], ['b', 8], ['f', 12], ['n', 10], ['r', 13], ['t', 9], ['v', 11]] as const) {
  SIMPLE_ESCAPE[c.charCodeAt(0)] = cp;
}

/** Whether `c`, as written, may be (or end the escape of) the last character of a scheme. */
function mayEndScheme(c: number): boolean {
  return isSchemeCode(c) || mayEndEscape(c);
}

/** Whether a character ending an escape other than `\X` may be `c`: a hex or octal digit, `}`, a line terminator (a line continuation), or the letter of `\n`, `\t` … */
function mayEndEscape(c: number): boolean {
  const l = c | 0x20;
  return (c >= 0x30 && c <= 0x39) || (l >= 0x61 && l <= 0x66) || c === 0x7d || c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029 ||
    l === 0x6e || l === 0x72 || l === 0x74 || l === 0x76;
}

/** Whether the raw `/` at `at` may start a scheme-relative URL: another slash (or what the parser drops) after it, a separator (or an escape's end, or nothing) before it. */
function mayStartRelative(text: string, at: number): boolean {
  const n = text.charCodeAt(at + 1);
  if (n !== 0x2f && n !== 0x5c && n !== 0x09 && n !== 0x0a && n !== 0x0d) return false;
  if (at === 0) return true;
  const c = text.charCodeAt(at - 1);
  return separatesRelative(c) || mayEndEscape(c);
}

function isSlash(cp: number): boolean {
  return cp === 0x2f || cp === 0x5c;
}

/** Finds the URL starts of one string front to back (`literal`: a JS or JSON literal's body, else the value itself). */
export class UrlStarts {
  /** Every escape before `pos` has been read (and the last {@link RING} of them kept). */
  private pos = 0;
  /** Where the current search started: a URL starting before it was looked at already. */
  private floor = 0;
  /** The escapes last read (start, end, code point), made at the first one: most strings have none. */
  private escStart: Int32Array = NO_ESCAPES;
  private escEnd: Int32Array = NO_ESCAPES;
  private escCp: Int32Array = NO_ESCAPES;
  private escapes = 0;
  private colon = -2;
  private slash = -2;
  private backslash = -2;
  /** Where the URL last found has its slashes (or its authority, without them): after its scheme's colon, or at its start. */
  afterScheme = 0;
  /** Whether the URL last found is http(s), ws(s) or scheme-relative (rule 1): another scheme's host is never proxied. */
  special = true;
  /** Set by {@link unitBefore}: where the unit it read starts. */
  private unitStart = 0;
  /** Set by {@link unitAt}: the raw length of the unit it read. */
  private unitLength = 1;

  constructor(private readonly text: string, private readonly to: number, private readonly literal: boolean) {}

  /** The raw start of the next URL at or after `from` (where a unit starts), or -1. */
  next(from: number): number {
    this.advance(from);
    this.floor = from;
    const text = this.text;
    for (;;) {
      const pos = this.pos;
      if (this.colon !== NONE && this.colon < pos) this.colon = text.indexOf(':', pos);
      if (this.slash !== NONE && this.slash < pos) this.slash = text.indexOf('/', pos);
      if (this.backslash !== NONE && this.backslash < pos) this.backslash = text.indexOf('\\', pos);
      const at = first(first(this.colon, this.slash), this.backslash);
      if (at === NONE || at >= this.to) {
        this.pos = this.to;
        return NONE;
      }
      const raw = text.charCodeAt(at);
      // Most colons and slashes start nothing: a look at the characters around them says so.
      if (raw !== 0x5c && !(raw === 0x3a ? mayEndScheme(text.charCodeAt(at - 1)) : mayStartRelative(text, at))) {
        this.pos = at + 1;
        continue;
      }
      const cp = this.unitAt(at);
      this.pos = at + this.unitLength;
      if (cp === 0x3a) {
        const start = this.schemeStart(at);
        // (A scheme before `from` belongs to a URL already looked at.)
        if (start >= this.floor) {
          this.afterScheme = this.pos;
          return start;
        }
      } else if (isSlash(cp) && this.startsRelative(at, this.pos)) {
        this.afterScheme = at;
        this.special = true;
        return at;
      }
    }
  }

  /** Reads (and remembers) the escapes between the last position and `from`. */
  private advance(from: number): void {
    if (!this.literal) {
      this.pos = Math.max(this.pos, from);
      return;
    }
    const text = this.text;
    while (this.pos < from) {
      const b = text.indexOf('\\', this.pos);
      if (b === NONE || b >= from) {
        this.pos = from;
        return;
      }
      this.unitAt(b);
      this.pos = b + this.unitLength;
    }
  }

  /**
   * The code point of the unit at `at` (-1: a line continuation, which spells nothing),
   * its length in {@link unitLength}; an escape read in order is remembered.
   */
  private unitAt(at: number, remember = true): number {
    const text = this.text;
    const c = text.charCodeAt(at);
    if (!this.literal || c !== 0x5c) {
      this.unitLength = 1;
      return c;
    }
    const n = text.charCodeAt(at + 1);
    const simple = n < 0x80 && at + 1 < this.to ? SIMPLE_ESCAPE[n] as number : -1;
    const e = simple >= 0 ? { cp: simple, length: 2 } : readEscape(text, at, this.to);
    this.unitLength = e.length;
    if (!remember) return e.cp;
    if (this.escapes === 0) {
      this.escStart = new Int32Array(RING);
      this.escEnd = new Int32Array(RING);
      this.escCp = new Int32Array(RING);
    }
    const k = this.escapes++ % RING;
    this.escStart[k] = at;
    this.escEnd[k] = at + e.length;
    this.escCp[k] = e.cp;
    return e.cp;
  }

  /**
   * The code point of the unit that ends at `q` (where units meet, at or before the last
   * position read), its start in {@link unitStart}; STRING_START at the string's start,
   * UNKNOWN when it lies beyond the escapes remembered.
   */
  private unitBefore(q: number): number {
    if (q <= 0) return STRING_START;
    const known = Math.min(this.escapes, RING);
    for (let n = 1; n <= known; n++) {
      const k = (this.escapes - n) % RING;
      if (this.escStart[k] >= q) continue;
      if (this.escEnd[k] === q) {
        this.unitStart = this.escStart[k];
        return this.escCp[k];
      }
      break;
    }
    if (this.escapes > RING && q <= this.escStart[this.escapes % RING]) return UNKNOWN;
    this.unitStart = q - 1;
    return this.text.charCodeAt(q - 1);
  }

  /**
   * Where the scheme whose colon starts at `colon` starts (its name all the scheme
   * characters before the colon, a letter first; {@link special} says whether it is
   * http(s) or ws(s)), or -1 when none stands there.
   */
  private schemeStart(colon: number): number {
    let q = colon;
    let name = '';
    for (;;) {
      const cp = this.unitBefore(q);
      if (cp === UNKNOWN) return NONE;
      if (cp === STRING_START) break;
      if (cp === -1) {
        q = this.unitStart;
        continue;
      }
      if (cp >= 0x80 || !isSchemeCode(cp)) break;
      if (name.length === MAX_SCHEME) return NONE;
      name = String.fromCharCode(cp) + name;
      q = this.unitStart;
    }
    if (!isAlphaCode(name.charCodeAt(0))) return NONE;
    this.special = SPECIAL.has(name.toLowerCase());
    return q;
  }

  /**
   * Whether the slash unit `[at, after)` starts a scheme-relative URL: a separator (or the
   * string's start) before it, and another slash after it, tabs, newlines and line
   * continuations between them skipped as the parser and the language skip them.
   */
  private startsRelative(at: number, after: number): boolean {
    let q = at;
    let before = this.unitBefore(q);
    while (before === -1) before = this.unitBefore((q = this.unitStart));
    if (before !== STRING_START && (before < 0 || !separatesRelative(before))) return false;
    // Read ahead, not remembered: the search reads these units again in order.
    let i = after;
    let cp = i < this.to ? this.unitAt(i, false) : NONE;
    while (i < this.to && (cp === -1 || isTabOrNewlineCode(cp))) {
      i += this.unitLength;
      cp = i < this.to ? this.unitAt(i, false) : NONE;
    }
    return isSlash(cp);
  }
}

/** The earlier of two positions, -1 meaning none. */
function first(a: number, b: number): number {
  if (a < 0) return b < 0 ? NONE : b;
  return b < 0 || a < b ? a : b;
}
