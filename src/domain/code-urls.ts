import { isTabOrNewlineCode } from './chars.js';
import { authorityAfter, type AuthorityRules } from './marked-authorities.js';
import { authorityFromStart, writtenEnd, type UrlAuthority } from './code-url-extents.js';
import type { Direction } from './direction.js';
import type { Edit } from './edits.js';
import type { EventListener } from './events.js';
import { encodeForLiteral } from './literal-view.js';
import { mayHoldProtectedHost } from './host-pieces.js';
import type { HostOccurrence } from './scanner.js';
import { rawEdit, viewOf, type CodeForm, type ValueView } from './string-value.js';
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
    if (whole && mayBeSpelledHost(text, 0, to)) {
      const host = spelledHostOccurrence(this.direction, viewOf(text, 0, to, form), 0, this.onEvent);
      if (host !== null) {
        decision.decided.push([0, to]);
        decision.found.push(host);
        return decision;
      }
    }
    // A URL the scan misreads has a host it does not take for a URL's (written out after
    // slashes it does not read, or none) or one it does not see (spelled): with neither,
    // every URL in the string reads as the scan reads it.
    if (!this.addressBase && !hostsOutsideUrls && !blind.within(0, to, false)) return null;
    // URLs inside the string, each once: decided whole (its own host and the URLs nested in
    // its query and fragment) when its own authority, read as written, may need the
    // parser, or something the scan cannot see stands in its rest; so the work is linear
    // in the string. A URL the scan reads is passed after its authority: a URL nested in
    // it is looked at on its own.
    const literal = form !== 'value';
    const starts = new UrlStarts(text, to, literal);
    for (let start = starts.next(0); start !== -1;) {
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
      start = starts.next(Math.max(end, start + 1));
    }
    return decision.found.length === 0 ? null : decision;
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

/** The host the parser reads in a URL the URL rule proxied (for the record: the edits are decided). */
function parsedHost(url: string): string {
  try {
    return new URL(url, 'http://base.invalid/').hostname;
  } catch {
    return '';
  }
}

/** The URL rule's edits of one URL's value as an occurrence of the raw text. */
function urlOccurrence(view: ValueView, authority: UrlAuthority, edits: readonly Edit[], form: CodeForm): HostOccurrence {
  const encode = form === 'value' ? (t: string) => t : encodeForLiteral;
  return {
    start: view.rawAt(0),
    hostStart: view.rawAt(authority.authorityStart),
    end: view.rawAt(authority.authorityEnd),
    host: parsedHost(view.text),
    context: 'url',
    dot: '.',
    leadingDot: false,
    wildcard: false,
    edits: edits.map((e) => rawEdit(view, e.start, e.end, encode(e.text))),
  };
}

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

