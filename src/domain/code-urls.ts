import { domainToASCII } from 'node:url';
import { isLabelCode } from './chars.js';
import { nextMarkedSlashes, type AuthorityRules } from './code-candidates.js';
import { authorityFromStart, writtenEnd, writtenUrlStart, type UrlAuthority } from './code-url-extents.js';
import type { Direction } from './direction.js';
import type { Edit } from './edits.js';
import { MappingError } from './errors.js';
import { emitEvent, type EventListener } from './events.js';
import { encodeForLiteral, isPlainLiteral, literalView } from './literal-view.js';
import type { HostOccurrence } from './scanner.js';
import type { UrlRule } from './url-rule.js';

// The part of rule 3 the text scan cannot see: in a code or data string, a URL whose
// authority holds something only the URL parser resolves (a percent-encoded or
// full-width letter, a tab it drops, a Unicode label before a protected tail, a
// JavaScript escape, no slashes at all) is decided by the URL rule on the string's
// value, as the browser running the code would parse it; and a whole string that is a
// host in Unicode (`"bücher.example.com"`) is read by domain-to-ASCII. The rest of the
// string keeps the text scan (code-strings.ts), which is exact for hosts written out.

/**
 * How a string's text is written: `value` is the string itself (a CSS string after its
 * escapes, a header value); `literal` a JavaScript or JSON string literal's body, whose
 * backslash escapes the code sees decoded; `literal-bytes` the same read as Latin-1 from
 * UTF-8 bytes (the byte streams).
 */
export type CodeForm = 'value' | 'literal' | 'literal-bytes';

/** What the URL rule proxied inside one string: its occurrences and the raw ranges whose text-scan occurrences they replace. */
export interface CodeUrlDecision {
  readonly found: HostOccurrence[];
  readonly decided: Array<readonly [start: number, end: number]>;
}

/** A string's value and where each of its units starts in the raw text. */
interface ValueView {
  readonly text: string;
  rawAt(k: number): number;
}

function isTabOrNewline(c: number): boolean {
  return c === 0x09 || c === 0x0a || c === 0x0d;
}

/** What only the parser reads: a percent sign, a tab or newline it drops, anything past ASCII. */
function parserMade(c: number): boolean {
  return c === 0x25 || c === 0x09 || c === 0x0a || c === 0x0d || c >= 0x80;
}

/** A character only the parser reads, a backslash (an escape, or a slash of a special URL), or userinfo's `@`. */
const PARSER_TEXT = /[%@\\\t\n\r\u0080-\uffff]/;

/** A special scheme without the `//` the text scan needs (`wss:example.com`), which the parser still reads a host after. */
const NO_SLASHES_URL = /^[\x00-\x20]*(?:https?|wss?):(?![/\\][/\\])/i;

function shifted(d: CodeUrlDecision, by: number): CodeUrlDecision {
  return {
    decided: d.decided.map(([s, e]) => [s + by, e + by] as const),
    found: d.found.map((o) => ({
      ...o,
      start: o.start + by,
      hostStart: o.hostStart + by,
      end: o.end + by,
      edits: o.edits.map((e) => ({ start: e.start + by, end: e.end + by, text: e.text })),
    })),
  };
}

// A host written in Unicode, as a whole string: labels of letters, digits, `-`, `_` and
// anything past ASCII, joined by dots, optionally after `.` or `*.` (suffix tests, cookie
// domains, wildcards); at least one character past ASCII (the ASCII ones the scan reads).
const UNICODE_HOST = /^(\*\.|\.)?([A-Za-z0-9_\-.\u0080-\uffff]{1,1024})$/;
/** Raw length past which a string is no host name, however escaped (253 characters, six for each escape). */
const MAX_UNICODE_HOST = 2048;
/** Besides label characters, what a host in Unicode may be written with: dots, the wildcard, escapes. */
const HOST_EXTRA = new Set([0x2e, 0x2a, 0x5c, 0x7b, 0x7d]);

export class CodeUrls implements AuthorityRules {
  readonly addressBase: boolean;
  readonly unicodeBase: boolean;

  constructor(
    private readonly urlRule: UrlRule,
    private readonly direction: Direction,
    private readonly onEvent?: EventListener,
  ) {
    this.addressBase = urlRule.precheck.addressBase;
    this.unicodeBase = urlRule.precheck.unicodeBase;
  }

  /** The URL rule's precheck on a value: false when no parse of it gives a protected host. */
  mayYieldProtectedHost(value: string): boolean {
    return this.urlRule.mayYieldProtectedHost(value, 0);
  }

  /**
   * The parser's part of `text[from, to)` (written as `form`; `whole` when that range
   * is a whole string), or null when it holds nothing only the parser reads.
   */
  decide(text: string, from: number, to: number, whole: boolean, form: CodeForm): CodeUrlDecision | null {
    // On the string alone (a slice shares the text's memory), so no search runs past its end.
    if (from !== 0 || to !== text.length) {
      const inner = this.decide(text.slice(from, to), 0, to - from, whole, form);
      return inner && shifted(inner, from);
    }
    if (!this.addressBase && !PARSER_TEXT.test(text) && !(whole && NO_SLASHES_URL.test(text))) return null;
    const decision: CodeUrlDecision = { found: [], decided: [] };
    const marked = nextMarkedSlashes(this, text, from, to, to);
    // A URL with no candidate `//` in it is read right by the scan, unless no `//` stands
    // in it (`https:host`, `/\host`) or it has userinfo.
    if (whole && (marked !== -1 || !text.includes('//') || text.includes('@')) && this.wholeUrl(text, from, to, form, marked !== -1, decision)) return decision;
    if (whole && mayBeUnicodeHost(text, from, to)) {
      this.unicodeHost(viewOf(text, from, to, form), from, to, decision);
      return decision;
    }
    // URLs inside the string, each once: decided whole (its own host and the URLs nested in
    // its query and fragment) when its own authority needs the parser or a candidate `//`
    // stands in it further on; so the work is linear in the string.
    const escapes = form !== 'value';
    for (let slashes = marked; slashes !== -1;) {
      const start = writtenUrlStart(text, from, slashes);
      if (start < 0) {
        slashes = nextMarkedSlashes(this, text, slashes + 1, to, to);
        continue;
      }
      const end = writtenEnd(text, slashes, to, escapes);
      const view = viewOf(text, start, end, form);
      const authority = authorityFromStart(view.text);
      if (authority !== null) {
        const nested = nextMarkedSlashes(this, text, view.rawAt(authority.authorityEnd), end, end) !== -1;
        this.url(view, authority, form, decision, nested);
      }
      slashes = nextMarkedSlashes(this, text, end, to, to);
    }
    return decision;
  }

  /**
   * A whole string that starts like a URL: when the URL rule decides it, it does so whole,
   * its own host and the URLs nested in its query and fragment (not in its path), and
   * this returns true. It does when the string's own authority needs the parser or
   * `marked` (a candidate `//` stands in it). The start is read first, so a long string
   * (a script in JSON that starts with a `//` comment) is decoded whole only when asked.
   */
  private wholeUrl(text: string, from: number, to: number, form: CodeForm, marked: boolean, decision: CodeUrlDecision): boolean {
    if (!startsLikeUrl(text, from)) return false;
    const headEnd = Math.min(to, from + START_WINDOW);
    const head = viewOf(text, from, headEnd, form);
    const start = authorityFromStart(head.text);
    if (start === null) return false;
    const complete = headEnd === to || start.authorityEnd < head.text.length;
    if (complete && !marked && !this.needsParser(head, start, form)) return false;
    const view = headEnd === to ? head : viewOf(text, from, to, form);
    const authority = headEnd === to ? start : authorityFromStart(view.text);
    return authority !== null && this.url(view, authority, form, decision, true) !== null;
  }

  /**
   * One URL's value (`view`, the whole of it a URL) by the URL rule, when the text scan
   * could misread it (or `always`): its edits (the ones that change something are added
   * to `decision`), or null when the scan's reading stands.
   */
  private url(view: ValueView, authority: UrlAuthority, form: CodeForm, decision: CodeUrlDecision, always = false): Edit[] | null {
    if (!always && !this.needsParser(view, authority, form)) return null;
    const edits = this.urlRule.safeEdits(view.text);
    // A URL the parser proxies replaces the scan's reading of it. One it keeps leaves
    // that reading: a host after `//` in any spelling is what rule 3 always proxies,
    // whatever a later decoding of the string makes of it.
    if (edits !== null && edits.length > 0) {
      const start = view.rawAt(0);
      decision.decided.push([start, view.rawAt(view.text.length)]);
      decision.found.push(urlOccurrence(view, authority, edits, form, start));
    }
    return edits;
  }

  /**
   * Whether the text scan could misread this URL's host: its authority holds a character
   * only the parser reads, userinfo (`@`) or escapes; no `//` stands before it (the scan
   * needs one, without a tab, newline or backslash in it); or a protected address may be
   * spelled in digits.
   */
  private needsParser(view: ValueView, authority: UrlAuthority, form: CodeForm): boolean {
    if (this.addressBase || authority.slashes < 2) return true;
    const value = view.text;
    const { authorityStart: s, authorityEnd: e } = authority;
    for (let k = 0; k < s; k++) {
      const c = value.charCodeAt(k);
      if (isTabOrNewline(c) || c === 0x5c) return true;
    }
    for (let k = s; k < e; k++) {
      const c = value.charCodeAt(k);
      if (parserMade(c) || c === 0x40) return true;
    }
    // Every escape is longer than what it stands for: equal lengths mean the authority is written as it reads.
    return form !== 'value' && view.rawAt(e) - view.rawAt(s) !== e - s;
  }

  /** A whole string that is a host in Unicode: its ASCII form decides, the edit keeps the text as written. */
  private unicodeHost(view: ValueView, from: number, to: number, decision: CodeUrlDecision): void {
    const m = UNICODE_HOST.exec(view.text);
    if (m === null) return;
    const prefix = m[1] ?? '';
    const ascii = domainToASCII(m[2]).toLowerCase();
    const leadingDot = prefix !== '';
    if (ascii === '' || ascii.endsWith('.') || !this.direction.accepts(ascii, leadingDot)) return;
    const hostStart = view.rawAt(prefix.length);
    let edit: Edit;
    try {
      edit = this.direction.hostEdit(ascii, hostStart, to, prefix === '*.', (h) => h, from, leadingDot);
    } catch (err) {
      if (!(err instanceof MappingError)) throw err;
      emitEvent(this.onEvent, { type: 'mapping-error', message: err.message, host: ascii });
      return;
    }
    decision.decided.push([from, to]);
    decision.found.push({
      start: from, hostStart, end: to, host: ascii, context: 'whole', dot: '.', leadingDot, wildcard: prefix === '*.', edits: [edit],
    });
  }
}

function viewOf(text: string, from: number, to: number, form: CodeForm): ValueView {
  if (form === 'value' || isPlainLiteral(text, from, to, form === 'literal-bytes')) {
    return { text: from === 0 && to === text.length ? text : text.slice(from, to), rawAt: (k) => from + k };
  }
  const v = literalView(text, from, to, form === 'literal-bytes');
  return { text: v.text, rawAt: (k) => v.rawStart[k] };
}

/** The host the parser reads in a URL the URL rule proxied (for the record: the edits are decided). */
function parsedHost(url: string): string {
  try {
    return new URL(url, 'http://base.invalid/').hostname;
  } catch {
    return '';
  }
}

/** The URL rule's edits of one URL's value as an occurrence of the raw text. */
function urlOccurrence(view: ValueView, authority: UrlAuthority, edits: readonly Edit[], form: CodeForm, rawStart: number): HostOccurrence {
  const encode = form === 'value' ? (t: string) => t : encodeForLiteral;
  return {
    start: rawStart,
    hostStart: view.rawAt(authority.authorityStart),
    end: view.rawAt(authority.authorityEnd),
    host: parsedHost(view.text),
    context: 'url',
    dot: '.',
    leadingDot: false,
    wildcard: false,
    edits: edits.map((e) => ({ start: view.rawAt(e.start), end: view.rawAt(e.end), text: encode(e.text) })),
  };
}

/** How many characters of a string's start decide whether it starts like a URL (leading spaces, escapes, a scheme and slashes). */
const START_WINDOW = 96;

/** Whether the string `text[from, to)` may start like a URL: its first character after spaces may begin a scheme, a slash or an escape. */
function startsLikeUrl(text: string, from: number): boolean {
  let i = from;
  while (i < text.length && text.charCodeAt(i) <= 0x20) i++;
  const c = text.charCodeAt(i);
  const lower = c | 0x20;
  return lower === 0x68 /* h */ || lower === 0x77 /* w */ || c === 0x2f || c === 0x5c;
}

/** Whether the string `text[from, to)` may be a host name in Unicode: host characters, escapes and nothing else, not too long. */
function mayBeUnicodeHost(text: string, from: number, to: number): boolean {
  if (to - from > MAX_UNICODE_HOST) return false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80 && !isLabelCode(c) && !HOST_EXTRA.has(c)) return false;
  }
  return true;
}
