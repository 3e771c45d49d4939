import { isTabOrNewlineCode } from './chars.js';
import { authorityAfter, type AuthorityRules } from './marked-authorities.js';
import { authorityFromStart, writtenEnd, type UrlAuthority } from './code-url-extents.js';
import type { Direction } from './direction.js';
import type { Edit } from './edits.js';
import type { EventListener } from './events.js';
import { mayHoldProtectedHost } from './host-pieces.js';
import type { HostOccurrence } from './scanner.js';
import { viewOf, type CodeForm, type ValueView } from './string-value.js';
import { urlOccurrence } from './code-url-occurrence.js';
import { mayBeSpelledHost, spelledHostOccurrence } from './spelled-host.js';
import { ScanBlindSpots } from './scan-blind-spots.js';
import type { UrlRule } from './url-rule.js';
import { UrlStarts } from './url-starts.js';

// The part of rule 3 the text scan cannot see: in a code or data string, a URL whose
// authority holds something only the URL parser resolves (a percent-encoded or
// full-width letter, a tab it drops, a Unicode label before a protected tail, a
// JavaScript escape), whose slashes are escapes the scan does not read (`\u{2f}`, `\57`,
// backslashes) or missing (`https:host`), or whose query holds a URL so spelled
// (`?next=https%3A%2F%2F%61pp.example.com`) is decided by the URL rule on the string's
// value, as the browser running the code would parse it; and a whole string that is a
// host so spelled (`"ｅｘａｍｐｌｅ.com"`, `"%65xample.com"`) is read by the host parser
// (spelled-host.ts). The rest of the string keeps the text scan (code-strings.ts), exact
// for hosts written out.

/**
 * What the URL rule proxied inside one string: its occurrences, and the raw spans its
 * edits take (a text-scan occurrence meeting one gives way).
 */
export interface CodeUrlDecision {
  readonly found: HostOccurrence[];
  readonly decided: Array<readonly [start: number, end: number]>;
}

/** What only the parser reads: a percent sign, a tab or newline it drops, anything past ASCII. */
function parserMade(c: number): boolean {
  return c === 0x25 || c >= 0x80 || isTabOrNewlineCode(c);
}

const NON_ASCII = /[^\x00-\x7f]/;

/** A character only the parser reads, a backslash (an escape, or a slash of a special URL), or userinfo's `@`. */
const PARSER_TEXT = /[%@\\\t\n\r\u0080-\uffff]/;

/** A special scheme without the `//` the text scan needs (`wss:example.com`, `https:/example.com`), which the parser still reads a host after. */
const NO_SLASHES_URL = /(?:https?|wss?):(?!\/\/)/i;

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

  /** The sharper check on a short stretch of a value: false when no piece of it is read as a protected host (host-pieces.ts). */
  mayHoldProtectedHost(value: string): boolean {
    return mayHoldProtectedHost(this.urlRule.precheck, value);
  }

  /**
   * The parser's part of `text[from, to)` (written as `form`; `whole` when that range
   * is a whole string), or null when it holds nothing only the parser reads.
   * `hostsOutsideUrls`: the text scan found a protected host it does not read as a URL's
   * (it may stand in one without slashes).
   */
  decide(text: string, from: number, to: number, whole: boolean, form: CodeForm, hostsOutsideUrls = true): CodeUrlDecision | null {
    if (from === 0 && to === text.length) return this.decideString(text, whole, form, hostsOutsideUrls);
    // On the string alone (a slice shares the text's memory), so no search runs past its end.
    const inner = this.decideString(text.slice(from, to), whole, form, hostsOutsideUrls);
    return inner && shifted(inner, from);
  }

  private decideString(text: string, whole: boolean, form: CodeForm, hostsOutsideUrls: boolean): CodeUrlDecision | null {
    const to = text.length;
    if (!this.addressBase && !PARSER_TEXT.test(text) && !NO_SLASHES_URL.test(text)) return null;
    const decision: CodeUrlDecision = { found: [], decided: [] };
    const blind = new ScanBlindSpots(this, this.urlRule.precheck.scanner, text, form === 'value');
    if (whole && this.wholeUrl(text, form, () => blind.within(0, to, false), decision)) return decision;
    if (whole && this.wholeOtherUrl(text, form, () => blind.within(0, to, true), decision)) return decision;
    if (whole && mayBeSpelledHost(text, 0, to)) {
      const host = spelledHostOccurrence(this.direction, viewOf(text, 0, to, form), 0, this.onEvent);
      if (host !== null) {
        decision.decided.push([0, to]);
        decision.found.push(host);
        return decision;
      }
    }
    // A URL the scan misreads has a host it does not take for a URL's (written out after
    // slashes it does not read, or none), one it does not see (spelled), or a label past
    // ASCII before a protected one (`wss:bücher.example.com`, which the scan does not take
    // for a host at all): with none of these, every URL in the string reads as the scan
    // reads it.
    if (!this.addressBase && !hostsOutsideUrls && !blind.within(0, to, false) && !NON_ASCII.test(text)) return null;
    this.urlsInside(text, form, blind, decision);
    return decision.found.length === 0 ? null : decision;
  }

  /**
   * The URLs inside a string, each once: decided whole (its own host and the URLs nested
   * in its query and fragment) when its own authority, read as written, may need the
   * parser, or something the scan cannot see stands in its rest; so the work is linear in
   * the string. A URL the scan reads is passed after its authority: a URL nested in it is
   * looked at on its own. A URL of another scheme is decided only for what its query
   * and fragment hold (its own host is never proxied), after the URLs in its path.
   */
  private urlsInside(text: string, form: CodeForm, blind: ScanBlindSpots, decision: CodeUrlDecision): void {
    const to = text.length;
    const literal = form !== 'value';
    const starts = new UrlStarts(text, to, literal);
    // The query of another scheme's URL, decided once every URL before it is.
    let pending: { start: number; query: number; end: number } | null = null;
    const settle = (): number => {
      const p = pending as { start: number; query: number; end: number };
      pending = null;
      if (blind.within(p.query, p.end, true)) this.nestedOnly(viewOf(text, p.start, p.end, form), form, decision);
      return p.end;
    };
    for (let start = starts.next(0); ; ) {
      if (pending !== null && (start === -1 || start >= pending.query)) start = starts.next(Math.max(settle(), start + 1));
      if (start === -1) return;
      if (!starts.special) {
        const end = writtenEnd(text, start, to, literal);
        const query = queryAt(text, starts.afterScheme, end);
        if (query !== -1 && pending === null) pending = { start, query, end };
        start = starts.next(starts.afterScheme);
        continue;
      }
      const authorityEnd = this.addressBase ? -1 : authorityAfter(this, text, starts.afterScheme, to, literal);
      let end = -1;
      if (authorityEnd !== -1) {
        end = writtenEnd(text, authorityEnd, to, literal);
        if (!blind.within(authorityEnd, end, true)) {
          start = starts.next(Math.max(authorityEnd, start + 1));
          continue;
        }
      }
      if (end === -1) end = writtenEnd(text, start, to, literal);
      const view = viewOf(text, start, end, form);
      const authority = authorityFromStart(view.text);
      if (authority !== null) this.url(view, authority, form, decision, authorityEnd !== -1 || blind.within(view.rawAt(authority.authorityEnd), end, true));
      // A URL decided whole took the URLs nested in it, and in another scheme's query.
      if (pending !== null && (pending as { end: number }).end <= end) pending = null;
      start = starts.next(Math.max(end, start + 1));
    }
  }

  /**
   * A whole string that is a URL of another scheme (`myapp://cb?next=…`) with a tab or
   * newline in it: its own host stays, the URLs nested in its query and fragment are
   * decided when something the scan cannot see (`unseen`) stands in it. True when decided.
   */
  private wholeOtherUrl(text: string, form: CodeForm, unseen: () => boolean, decision: CodeUrlDecision): boolean {
    const head = viewOf(text, 0, Math.min(text.length, START_WINDOW), form).text;
    const scheme = OTHER_SCHEME.exec(head)?.[1]?.replace(/[\t\n\r]/g, '').toLowerCase();
    if (scheme === undefined || SPECIAL_SCHEMES.has(scheme) || (!text.includes('?') && !text.includes('#')) || !unseen()) return false;
    const view = viewOf(text, 0, text.length, form);
    // The URLs inside a string are read one by one, each to the first whitespace: that
    // reads this one alike unless a tab or newline (which the parser drops) stands in it.
    // With a space or a quote in it, it is prose that starts with a word and a colon.
    if (!TABS_AND_NEWLINES.test(view.text) || PROSE.test(view.text.trim())) return false;
    this.nestedOnly(view, form, decision);
    return true;
  }

  /** The URLs nested in the query and fragment of `view`, a URL of a scheme whose own host stays. */
  private nestedOnly(view: ValueView, form: CodeForm, decision: CodeUrlDecision): void {
    const edits = this.urlRule.safeEdits(view.text);
    if (edits === null || edits.length === 0) return;
    const found = urlOccurrence(view, null, edits, form);
    for (const e of found.edits) decision.decided.push([e.start, e.end]);
    decision.found.push(found);
  }

  /**
   * A whole string that starts like a URL: when the URL rule decides it, it does so whole,
   * its own host and the URLs nested in its query and fragment (not in its path), and
   * this returns true. It does when the string's own authority needs the parser or
   * `marked` (something the text scan cannot see stands in it). The start is read first,
   * so a long string (a script in JSON that starts with a `//` comment) is decoded whole
   * only when asked.
   */
  private wholeUrl(text: string, form: CodeForm, marked: () => boolean, decision: CodeUrlDecision): boolean {
    if (!startsLikeUrl(text)) return false;
    const to = text.length;
    const headEnd = Math.min(to, START_WINDOW);
    const head = viewOf(text, 0, headEnd, form);
    const start = authorityFromStart(head.text);
    if (start === null) return false;
    const complete = headEnd === to || start.authorityEnd < head.text.length;
    if (complete && !this.needsParser(head, start, form) && !marked()) return false;
    const view = headEnd === to ? head : viewOf(text, 0, to, form);
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
    // The parser's edits replace the scan's reading where they meet it; elsewhere that
    // reading stays (a host after `//` in any spelling is what rule 3 always proxies,
    // whatever a later decoding of the string makes of it), so a second pass finds
    // nothing new.
    if (edits !== null && edits.length > 0) {
      const found = urlOccurrence(view, authority, edits, form);
      for (const e of found.edits) decision.decided.push([e.start, e.end]);
      decision.found.push(found);
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
      if (isTabOrNewlineCode(c) || c === 0x5c) return true;
    }
    for (let k = s; k < e; k++) {
      const c = value.charCodeAt(k);
      if (parserMade(c) || c === 0x40) return true;
    }
    if (form === 'value') return false;
    // Every escape is longer than what it stands for: equal lengths mean the authority is written as it reads.
    return view.rawAt(e) - view.rawAt(s) !== e - s || slashesTheScanCannotRead(view.raw, view.rawAt(0), view.rawAt(s));
  }

}

/**
 * Whether `raw[from, to)`, a URL's scheme and slashes as written, holds an escape the text
 * scan does not read as a slash: a code-point escape (`\u{2f}`) or a legacy octal one (`\57`).
 */
function slashesTheScanCannotRead(raw: string, from: number, to: number): boolean {
  for (let i = raw.indexOf('\\', from); i !== -1 && i < to; i = raw.indexOf('\\', i + 2)) {
    const n = raw.charCodeAt(i + 1);
    if ((n >= 0x30 && n <= 0x37) || (n === 0x75 && raw.charCodeAt(i + 2) === 0x7b)) return true;
  }
  return false;
}

/** Where the query or fragment of the URL written in `text[from, end)` starts (its first `?` or `#` as written), or -1. */
function queryAt(text: string, from: number, end: number): number {
  for (let i = from; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3f || c === 0x23) return i;
  }
  return -1;
}

/** A scheme at a string's start (after what the parser trims; tabs and newlines in it, which it drops). */
const OTHER_SCHEME = /^[\x00-\x20]*([a-z][a-z0-9+.\-\t\n\r]*):/i;
const SPECIAL_SCHEMES = new Set(['http', 'https', 'ws', 'wss']);
const TABS_AND_NEWLINES = /[\t\n\r]/;
/** What ends a URL in prose, but tabs and newlines (which the parser drops from a whole URL). */
const PROSE = /[\x00-\x08\x0b\x0c\x0e-\x20"'`<>]/;

/** How many characters of a string's start decide whether it starts like a URL (leading spaces, escapes, a scheme and slashes). */
const START_WINDOW = 96;

/** Whether the string may start like a URL: its first character after spaces may begin a scheme, a slash or an escape. */
function startsLikeUrl(text: string): boolean {
  let i = 0;
  while (i < text.length && text.charCodeAt(i) <= 0x20) i++;
  const c = text.charCodeAt(i);
  const lower = c | 0x20;
  return lower === 0x68 /* h */ || lower === 0x77 /* w */ || c === 0x2f || c === 0x5c;
}

