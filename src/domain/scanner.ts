import { BACKSLASH, DOT, isLabelCode, isLabelLike } from './chars.js';
import { type Edit } from './edits.js';
import { dotFormBefore, escapedDotLength, escapePrefixLength, userinfoStart } from './escapes.js';
import { MappingError } from './errors.js';
import { emitEvent, type EventListener } from './events.js';
import type { Direction } from './direction.js';
import { readBackslashAuthorityBefore, readColonBefore, readPortAfter, readSlashPairBefore, colonFor } from './url-syntax.js';

/**
 * Where a host occurrence stands, which decides whether a content rewriter proxies it:
 * - `url`: after `//` in any escaped form (`\/\/`, `\u002F\u002F`, `%2F%2F`, …), or after `//user@`;
 *   also after `\\` (backslashes, which the URL parser reads as slashes) following an
 *   http(s)/ws(s) scheme or at the start of the string;
 * - `whole`: the occurrence (with an optional leading `.` or `*.`) is the whole string the caller gave;
 * - `regex`: written with escaped dots, `example\.com`;
 * - `email`: after `user@` that is not itself after `//`;
 * - `other`: anything else (prose, code).
 */
export type OccurrenceContext = 'url' | 'whole' | 'regex' | 'email' | 'other';

/** One whole host name in the text that matches a protected pattern. */
export interface HostOccurrence {
  /** Start of the occurrence including a leading `.` or `*.`. */
  readonly start: number;
  /** Start of the host's first label. */
  readonly hostStart: number;
  /** End of the host's last label. */
  readonly end: number;
  /** The host, normalized: lower case, plain dots. */
  readonly host: string;
  readonly context: OccurrenceContext;
  /** How dots are written in the text: `.`, `\.` or `\\.`. */
  readonly dot: string;
  readonly leadingDot: boolean;
  readonly wildcard: boolean;
  /** The edits that proxy this occurrence: host, and in `url` context scheme and port. */
  readonly edits: readonly Edit[];
}

/** A region the caller knows to be one whole string (a JS literal's contents, a header value). */
export interface WholeRange {
  readonly start: number;
  readonly end: number;
}

/**
 * With one two-label tail the search is for it (a literal V8 finds as fast as
 * `indexOf`); with more, an alternation is several times slower than searching for
 * `.tld` and checking the label before it in a set (bench/RESULTS.md), so it does that.
 */
const MAX_PRECISE_ANCHORS = 1;
/** A dot as text, as a regex escape, or as a regex escape inside a string literal. */
const DOT_FORMS = '(?:\\.|\\\\{1,2}\\.)';
const MAX_BACKSLASHES = 8;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Finds protected hosts in text. One compiled search for all patterns (a linear
 * alternation of literals: no backtracking beyond a fixed width), then a bounded look
 * left and right of each candidate; so the cost is one pass over the text whatever the
 * number of patterns. It finds and classifies; the caller decides which contexts to edit.
 */
export class HostScanner {
  private readonly search: RegExp;

  /** Whether the search matches a dot and a last label (`.com`) rather than the last two labels (`example.com`). */
  private readonly tldAnchors: boolean;
  /** With last-label anchors: the two-label tails (lower case) a candidate must end with, and their first labels' lengths. */
  private readonly tails: Set<string>;
  private readonly tailLabelLengths: number[];

  constructor(private readonly direction: Direction, private readonly onEvent?: EventListener) {
    // The search only anchors on the tail of a host; the walk left and one hash lookup per
    // label decide the rest. One two-label tail makes a precise search; more fall back to
    // their few last labels, so the regular expression never grows with the number of
    // patterns.
    const bases = direction.bases();
    const tails = unique(bases.map((b) => lastLabels(b, 2)));
    this.tails = new Set(tails);
    this.tailLabelLengths = unique(tails.map((t) => String(t.indexOf('.')))).map(Number);
    this.tldAnchors = tails.length > MAX_PRECISE_ANCHORS;
    const anchors = this.tldAnchors ? unique(bases.map((b) => lastLabels(b, 1))) : tails;
    // Longest first, so a longer tail wins over its own suffix at the same position.
    const alternatives = anchors.sort((a, b) => b.length - a.length).map((a) => a.split('.').map(escapeRegExp).join(DOT_FORMS));
    const body = alternatives.join('|');
    this.search = new RegExp(this.tldAnchors ? `\\.(?:${body})` : body, 'gi');
  }

  /** True when the text holds no candidate at all: the fast path every rewriter takes first. */
  mayContain(text: string, from = 0): boolean {
    return this.nextCandidate(text, from) !== -1;
  }

  /**
   * Whether `text[from…]` holds a protected tail as text (`example.com`, in any case and
   * dot spelling), the boundaries around it not checked. Sharper than {@link mayContain}
   * with many patterns, whose search only anchors on last labels (`.com`).
   */
  mayContainTail(text: string, from = 0): boolean {
    if (!this.tldAnchors) return this.mayContain(text, from);
    const re = this.search;
    re.lastIndex = from;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      if (this.endsWithKnownTail(text, m.index, m.index + 1, m.index + m[0].length)) return true;
      re.lastIndex = m.index + 1;
    }
    return false;
  }

  /**
   * Where the next candidate (a protected base in any dot spelling) starts at or after
   * `from`, or -1. Callers that scan many small ranges of one buffer use it to skip the
   * ranges that hold none, keeping the whole walk linear.
   */
  nextCandidate(text: string, from = 0): number {
    this.search.lastIndex = from;
    const m = this.search.exec(text);
    return m === null ? -1 : m.index;
  }

  /**
   * Every occurrence in `text[from, to)`. Look-arounds never leave that range, so a
   * caller can scan one literal inside a larger buffer; the search itself runs on that
   * range alone, so scanning many ranges of one buffer stays linear.
   */
  scan(text: string, from = 0, to = text.length, whole?: WholeRange): HostOccurrence[] {
    if (from === 0 && to === text.length) return this.scanWhole(text, whole);
    const found = this.scanWhole(text.slice(from, to), whole && { start: whole.start - from, end: whole.end - from });
    return found.map((o) => shift(o, from));
  }

  private scanWhole(text: string, whole: WholeRange | undefined): HostOccurrence[] {
    const found: HostOccurrence[] = [];
    const re = this.search;
    const to = text.length;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      const me = m.index + m[0].length;
      const ms = this.tldAnchors ? m.index + 1 : m.index;
      re.lastIndex = me;
      if (this.tldAnchors && !this.endsWithKnownTail(text, m.index, ms, me)) continue;
      const occ = this.classify(text, ms, me, 0, to, whole);
      if (occ) found.push(occ);
    }
    return found;
  }

  /**
   * The cheap test a last-label candidate (`.com`) must pass before the full look-around:
   * the label before the dot ends with the first label of a protected two-label tail.
   * Only suffixes are compared, since an escape can be glued in front (`%2Fexample.com`).
   */
  private endsWithKnownTail(text: string, dotAt: number, tldStart: number, tldEnd: number): boolean {
    let labelEnd = dotAt;
    while (labelEnd > 0 && dotAt - labelEnd < 2 && text.charCodeAt(labelEnd - 1) === BACKSLASH) labelEnd--;
    let labelStart = labelEnd;
    while (labelStart > 0 && isLabelCode(text.charCodeAt(labelStart - 1))) labelStart--;
    const tld = text.slice(tldStart, tldEnd).toLowerCase();
    for (const n of this.tailLabelLengths) {
      if (labelEnd - labelStart < n) continue;
      if (this.tails.has(text.slice(labelEnd - n, labelEnd).toLowerCase() + '.' + tld)) return true;
    }
    return false;
  }

  private classify(text: string, ms: number, me: number, from: number, to: number, whole?: WholeRange): HostOccurrence | null {
    const dot = dotFormBefore(text, this.tldAnchors ? ms - 1 : text.indexOf('.', ms), from);
    const dotLen = dot.length;

    // Right boundary: nothing label-like, and no further label after a dot.
    if (me < to) {
      const c = text.charCodeAt(me);
      if (isLabelLike(c)) return null;
      let j = me;
      while (j < to && text.charCodeAt(j) === BACKSLASH && j - me < MAX_BACKSLASHES) j++;
      if (j < to && text.charCodeAt(j) === DOT && j + 1 < to && isLabelCode(text.charCodeAt(j + 1))) return null;
      // An escaped dot (`\x2e`, `\u002e`, `%2e`) before a label continues the host at run time.
      const escapedDot = escapedDotLength(text, me, to);
      if (escapedDot > 0 && me + escapedDot < to && isLabelCode(text.charCodeAt(me + escapedDot))) return null;
    }

    // Left: extend over whole labels joined by the same dot form.
    let hs = ms;
    for (;;) {
      while (hs > from && isLabelCode(text.charCodeAt(hs - 1))) hs--;
      const d = hs - dotLen;
      if (d - 1 >= from && text.startsWith(dot, d) && isLabelCode(text.charCodeAt(d - 1))) hs = d;
      else break;
    }
    let escaped = false;
    const skip = escapePrefixLength(text, hs, from);
    if (skip > 0) {
      hs += skip;
      escaped = true;
      if (hs > ms) return null;
    }
    // A label-glued start inside the match means the real host is longer than the base and the
    // walk already covered it; here only the character before the host can still glue.
    let start = hs;
    let leadingDot = false;
    let wildcard = false;
    if (!escaped && start - dotLen >= from && text.startsWith(dot, start - dotLen)) {
      leadingDot = true;
      start -= dotLen;
      if (start > from && text.charCodeAt(start - 1) === 0x2a /* * */) {
        wildcard = true;
        start--;
      }
    }
    if (!escaped && start > from && isLabelLike(text.charCodeAt(start - 1))) return null;

    const written = text.slice(hs, me);
    const host = (dotLen === 1 ? written : written.split(dot).join('.')).toLowerCase();
    if (!validLabels(host)) return null;
    if (!this.direction.accepts(host, leadingDot)) return null;

    let context: OccurrenceContext;
    let slashEnc: string | undefined;
    let schemeStart = -1;
    let schemeEnd = -1;
    if (whole && start === whole.start && me === whole.end) {
      context = 'whole';
    } else if (dotLen > 1) {
      context = 'regex';
    } else {
      context = 'other';
    }
    if (!leadingDot) {
      let q = start;
      let afterAt = false;
      if (q > from && text.charCodeAt(q - 1) === 0x40 /* @ */) {
        afterAt = true;
        q = userinfoStart(text, q - 1, from);
      }
      const pair = readSlashPairBefore(text, q, from) ?? readBackslashAuthorityBefore(text, q, from, whole?.start);
      if (pair) {
        context = 'url';
        slashEnc = pair.enc;
        const colon = readColonBefore(text, pair.start, from);
        if (colon) {
          schemeStart = colon.schemeStart;
          schemeEnd = colon.start;
        }
      } else if (afterAt && context === 'other') {
        context = 'email';
      }
    }

    let edits: Edit[];
    try {
      edits = this.editsFor(text, host, hs, me, to, dot, wildcard, context, slashEnc, schemeStart, schemeEnd, start, leadingDot);
    } catch (err) {
      if (!(err instanceof MappingError)) throw err;
      emitEvent(this.onEvent, { type: 'mapping-error', message: err.message, host });
      return null;
    }
    return { start, hostStart: hs, end: me, host, context, dot, leadingDot, wildcard, edits };
  }

  private editsFor(
    text: string, host: string, hs: number, me: number, to: number, dot: string, wildcard: boolean,
    context: OccurrenceContext, slashEnc: string | undefined, schemeStart: number, schemeEnd: number, start: number, leadingDot: boolean,
  ): Edit[] {
    const direction = this.direction;
    const edits: Edit[] = [];
    const spell = (h: string) => (dot === '.' ? h : h.split('.').join(dot));
    const hostEdit = direction.hostEdit(host, hs, me, wildcard, spell, start, leadingDot);
    if (context !== 'url' || slashEnc === undefined) return [hostEdit];

    const scheme = schemeStart >= 0 ? text.slice(schemeStart, schemeEnd) : undefined;
    if (scheme !== undefined) {
      const newScheme = direction.scheme(scheme);
      if (newScheme !== undefined && newScheme !== scheme) edits.push({ start: schemeStart, end: schemeEnd, text: newScheme });
    }
    edits.push(hostEdit);
    const port = direction.port(scheme);
    if (port !== undefined) {
      const colon = colonFor(slashEnc);
      // A fully qualified `example.com.` keeps its trailing dot before the port.
      const hostEnd = me < to && text.charCodeAt(me) === DOT ? me + 1 : me;
      const existing = readPortAfter(text, hostEnd, to);
      const portText = port === '' ? '' : colon + port;
      if (existing === 'open') {
        // The code writes the port at run time; the client runtime gives proxied URLs the public port.
      } else if (existing) {
        if (text.slice(existing.start, existing.end) !== portText) edits.push({ start: existing.start, end: existing.end, text: portText });
      } else if (portText !== '') {
        if (hostEdit.start === hostEnd) hostEdit.text += portText;
        else edits.push({ start: hostEnd, end: hostEnd, text: portText });
      }
    }
    return edits;
  }
}

function shift(o: HostOccurrence, by: number): HostOccurrence {
  return {
    ...o,
    start: o.start + by,
    hostStart: o.hostStart + by,
    end: o.end + by,
    edits: o.edits.map((e) => ({ start: e.start + by, end: e.end + by, text: e.text })),
  };
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function lastLabels(host: string, n: number): string {
  const labels = host.split('.');
  return labels.slice(Math.max(0, labels.length - n)).join('.');
}

function validLabels(host: string): boolean {
  let len = 0;
  for (let i = 0; i < host.length; i++) {
    if (host.charCodeAt(i) === DOT) {
      if (len === 0) return false;
      len = 0;
    } else if (++len > 63) {
      return false;
    }
  }
  return len > 0;
}
