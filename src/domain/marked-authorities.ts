import { literalView, readEscape } from './literal-view.js';

// Where, in code or data text as written, a URL's authority may spell a protected host
// that only the URL parser reads (`%61cme.com`, a full-width letter, `\u0061`, a tab the
// parser drops, userinfo): the anchor is the `//` before an authority (`\/\/` in JSON
// counts, tabs and newlines may stand between the slashes), and an anchor counts only
// when the authority after it holds something the parser reads differently and, decoded,
// may give a protected host. Slashes are much rarer than colons in JSON and code, so one
// `indexOf` pass for them and a short look at each `//` keep a text without candidates
// cheap. (Authorities after slashes written only as backslashes or escapes,
// `\\\\%61pp.example.com` or `\u{2f}\u{2f}%61pp.example.com`, are found through their
// spelled host: spelled-runs.ts.)

/** What reading an authority asks of the host rules. */
export interface AuthorityRules {
  /** The URL rule's precheck on a decoded authority: false when no parse of it gives a protected host. */
  mayYieldProtectedHost(text: string): boolean;
  /** A protected IPv4 address, which digits spell: every authority counts. */
  readonly addressBase: boolean;
  /** A protected IDN base (`xn--`), which Unicode spells: every non-ASCII character counts. */
  readonly unicodeBase: boolean;
}

/** How far an authority is followed before it counts as a candidate unread (a host is 253 characters, escapes make it longer). */
const MAX_AUTHORITY = 2048;
const NONE = -1;

const MARK_PERCENT = 1;
const MARK_ESCAPE = 2;
const MARK_CONTROL = 4;
const MARK_NON_ASCII = 8;
/** Userinfo, which the text scan may take for the host: `https://u@evil.org@example.com`. */
const MARK_AT = 16;
/** Slashes the scan does not read: none, one, escapes it does not know (`\u{2f}`, `\57`), backslashes. */
const MARK_SLASHES = 32;

// How the authority walk reads each ASCII character: plain, the end of the authority as
// written (a path, query or fragment, a quote, whitespace, code or query punctuation), or
// a mark.
const PLAIN = 0;
const END = 1;
const ESCAPE = 2;
const PERCENT = 3;
const CONTROL = 4;
const AT = 5;
const CLASS = new Uint8Array(128);
for (const c of '/?#"\'` \f<>(){},;&=|^') CLASS[c.charCodeAt(0)] = END;
CLASS[0x5c] = ESCAPE;
CLASS[0x25] = PERCENT;
CLASS[0x09] = CLASS[0x0a] = CLASS[0x0d] = CONTROL;
CLASS[0x40] = AT;

/**
 * Length of a slash as a literal may spell it at `i`: `/`, `\/`, `\\` (a backslash, which
 * the parser reads as a slash in a special URL), `\u002f`, `\x2f`, `\u005c`, `\x5c`; 0 for none.
 */
function slashLength(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 0x2f) return 1;
  if (c !== 0x5c) return 0;
  const n = text.charCodeAt(i + 1);
  if (n === 0x2f || n === 0x5c) return 2;
  if (n === 0x75 /* u */) return text.charCodeAt(i + 2) === 0x30 && text.charCodeAt(i + 3) === 0x30 && isSlashByte(text, i + 4) ? 6 : 0;
  if (n === 0x78 /* x */) return isSlashByte(text, i + 2) ? 4 : 0;
  return 0;
}

/** `2f` or `5c` (any case) at `i`: the hex of `/` or `\`. */
function isSlashByte(text: string, i: number): boolean {
  const hi = text.charCodeAt(i);
  const lo = text.charCodeAt(i + 1) | 0x20;
  return (hi === 0x32 && lo === 0x66) || (hi === 0x35 && lo === 0x63);
}

/** Whether the second slash of a `//` starts at `i`: `/` or `\/`, after what stands for nothing (see {@link droppedLength}). */
function secondSlashFollows(text: string, i: number): boolean {
  let j = i;
  const c = text.charCodeAt(j);
  if (c === 0x2f) return true;
  if (c !== 0x5c && c !== 0x09 && c !== 0x0a && c !== 0x0d) return false;
  for (let n = droppedLength(text, j); n > 0; n = droppedLength(text, j)) j += n;
  return text.charCodeAt(j) === 0x2f || (text.charCodeAt(j) === 0x5c && text.charCodeAt(j + 1) === 0x2f);
}

/**
 * Length of what stands for nothing in a host at `i`: a tab or newline the parser drops,
 * as written (1) or as `\t`, `\n`, `\r` (2), or a line continuation (a `\` before a line
 * terminator), which the language drops; 0 for none.
 */
function droppedLength(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 0x09 || c === 0x0a || c === 0x0d) return 1;
  if (c !== 0x5c) return 0;
  const n = text.charCodeAt(i + 1);
  if (n === 0x74 || n === 0x6e || n === 0x72 || n === 0x0a || n === 0x2028 || n === 0x2029) return 2;
  return n === 0x0d ? (text.charCodeAt(i + 2) === 0x0a ? 3 : 2) : 0;
}

/** Whether a host character may stand at `i`: a label character, `%`, past ASCII, or an escape of one. */
function continuesHost(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c >= 0x80) return true;
  const k = CLASS[c];
  if (k === PLAIN || k === PERCENT || k === AT) return true;
  return k === ESCAPE && slashLength(text, i) === 0 && !isQuote(text.charCodeAt(i + 1)) && droppedLength(text, i) === 0;
}

function isQuote(c: number): boolean {
  return c === 0x22 || c === 0x27 || c === 0x60;
}

/**
 * The next `//` in `text[from, before)` (the second slash may be written `\/`, as JSON
 * may write both, and tabs or newlines may stand between them) whose authority, read up to `to`, may spell a protected host for the
 * parser only: the first slash's position, or -1. The anchors of {@link CodeCandidates},
 * and where the URL rule takes over inside a string.
 */
export function nextMarkedSlashes(rules: AuthorityRules, text: string, from: number, before: number, to: number): number {
  let pos = from;
  for (;;) {
    const at = text.indexOf('/', pos);
    if (at === NONE || at >= before) return NONE;
    if (!secondSlashFollows(text, at + 1)) {
      pos = at + 1;
      continue;
    }
    // Past the slashes and any tab or newline among them (which the text scan cannot read through).
    let a = at;
    let controls = false;
    for (;;) {
      const n = slashLength(text, a);
      const m = n > 0 ? 0 : droppedLength(text, a);
      if ((n === 0 && m === 0) || a >= to) break;
      if (m > 0) controls = true;
      a += n + m;
    }
    const end = authorityEnd(rules, text, a, to, controls ? MARK_CONTROL : 0);
    if (end < 0) return at;
    pos = Math.max(end, at + 1);
  }
}

/** Whether `raw[i, i + n)`, a slash unit of a literal, is one the text scan reads as a slash: `/`, `\/`, `\u002f`, `\x2f`. */
function scanReadsSlash(raw: string, i: number, n: number): boolean {
  if (n === 1) return raw.charCodeAt(i) === 0x2f;
  if (n === 2) return raw.charCodeAt(i + 1) === 0x2f;
  return (n === 4 || n === 6) && (raw.charCodeAt(i + n - 1) | 0x20) === 0x66 /* f */;
}

/**
 * The authority of a URL inside a string whose slashes (if any) start at `at`, after its
 * scheme's colon or as the `//` of a scheme-relative URL, read up to `to` on the string
 * written as a literal (`literal`) or as its value: where it ends when the text scan
 * reads it right, or -1 when it may spell a protected host for the parser only (its
 * slashes are not the scan's two, in a spelling the scan reads, or the authority holds
 * something only the parser reads).
 */
export function authorityAfter(rules: AuthorityRules, text: string, at: number, to: number, literal: boolean): number {
  let a = at;
  let slashes = 0;
  let marks = 0;
  while (a < to) {
    const c = text.charCodeAt(a);
    let cp = c;
    let n = 1;
    if (c === 0x5c && literal) {
      const e = readEscape(text, a, to);
      cp = e.cp;
      n = e.length;
    }
    if (cp === 0x2f || cp === 0x5c) {
      slashes++;
      if (cp === 0x5c || !scanReadsSlash(text, a, n)) marks |= MARK_SLASHES;
    } else if (cp === -1 || cp === 0x09 || cp === 0x0a || cp === 0x0d) {
      marks |= MARK_CONTROL;
    } else {
      break;
    }
    a += n;
  }
  if (slashes !== 2) marks |= MARK_SLASHES;
  return authorityEnd(rules, text, a, to, marks);
}

/**
 * Where the authority written from `a` ends (before `to`), or -1 when it may spell a
 * protected host for the parser only; `marksBefore` notes what stood before it.
 */
function authorityEnd(rules: AuthorityRules, text: string, a: number, to: number, marksBefore: number): number {
  const limit = Math.min(to, a + MAX_AUTHORITY);
  let marks = marksBefore;
  let e = a;
  for (; e < limit; e++) {
    const c = text.charCodeAt(e);
    if (c >= 0x80) {
      marks |= MARK_NON_ASCII;
      continue;
    }
    const k = CLASS[c];
    if (k === PLAIN) continue;
    if (k === END) break;
    if (k === PERCENT || k === AT) {
      marks |= k === PERCENT ? MARK_PERCENT : MARK_AT;
      continue;
    }
    // A tab or newline (as written, or `\t`, `\n`, `\r`) is dropped by the parser inside a
    // host, a line continuation by the language; a run of them that no host character
    // follows ends the URL, as whitespace ends it in prose.
    if (k === ESCAPE) {
      // An escaped slash starts the path, an escaped quote ends the string the URL stands in.
      if (slashLength(text, e) > 0 || isQuote(text.charCodeAt(e + 1))) break;
      if (droppedLength(text, e) === 0) {
        marks |= MARK_ESCAPE;
        e += readEscape(text, e, limit).length - 1;
        continue;
      }
    }
    let run = e;
    for (let n = droppedLength(text, run); n > 0 && run < limit; n = droppedLength(text, run)) {
      if (n > 1) marks |= MARK_ESCAPE;
      run += n;
    }
    if (run >= limit || !continuesHost(text, run)) break;
    marks |= MARK_CONTROL;
    e = run - 1;
  }
  if (e === limit && limit < to) return NONE;
  if (e === a) return e;
  if (rules.addressBase || (marks & MARK_NON_ASCII) !== 0) return NONE;
  if (marks === 0) return e;
  // Decoded as a string literal's body would be (a superset of what a value holds), the
  // tabs and newlines the parser drops removed: the URL rule's own precheck decides.
  const decoded = (marks & MARK_ESCAPE) !== 0 ? literalView(text, a, e, false).text : text.slice(a, e);
  return rules.mayYieldProtectedHost(decoded.replace(/[\t\n\r]/g, '')) ? NONE : e;
}
