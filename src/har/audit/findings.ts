import type { EscapeKind } from './escape.js';
import type { UrlHit, UrlJudge } from './url-judge.js';

/**
 * A stretch of the body's text that one auditor reads (a `<script>`, an attribute value, a
 * string literal). When its text is a verbatim slice of the body, offsets inside map back
 * to the body; when it was decoded first (character references in an attribute, escapes
 * in a string) they cannot, and the whole region is the place.
 */
export class Region {
  constructor(readonly start: number, readonly end: number, readonly verbatim: boolean) {}

  /** The part `[from, to)` of this region's text; `verbatim` says whether that part's text is a slice of it. */
  sub(from: number, to: number, verbatim: boolean): Region {
    if (!this.verbatim) return this;
    return new Region(Math.min(this.start + from, this.end), Math.min(this.start + to, this.end), verbatim);
  }

  /** The body offset of offset `inner` of this region's text (the region's start when it cannot be mapped). */
  at(inner: number): number {
    return this.verbatim && inner >= 0 ? Math.min(this.start + inner, this.end) : this.start;
  }
}

/** One escape before it gets its entry, line and snippet. */
export interface Finding {
  readonly kind: EscapeKind;
  readonly where: string;
  readonly host: string;
  readonly value: string;
  readonly region: Region;
  /** Best guess of the body offset of the value. */
  readonly at: number;
}

/** Collects findings, one per host and place (a string naming a host twice is one escape). */
export class FindingSink {
  private readonly seen = new Set<string>();
  readonly findings: Finding[] = [];

  add(finding: Finding): void {
    const key = `${finding.kind}\u0000${finding.where}\u0000${finding.region.start}\u0000${finding.region.end}\u0000${finding.host}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.findings.push(finding);
  }
}

/** What every content auditor gets. */
export interface AuditScope {
  readonly judge: UrlJudge;
  /** The scheme of the page (`https:`), against which scheme-relative and `https:x` values resolve. */
  readonly pageScheme: string;
  readonly sink: FindingSink;
  /** How many documents deep (`srcdoc`, `<noscript>`, markup in feed text) this one is. */
  readonly depth: number;
  /** Records something the audit could only do in part (a script that does not parse, a truncated body). */
  note(message: string): void;
}

/** Records each hit as a finding of `kind` at `where`, placed by the hit's offset in `region`'s text. */
export function addHits(scope: AuditScope, hits: readonly UrlHit[], kind: EscapeKind, where: string, region: Region): void {
  for (const hit of hits) {
    scope.sink.add({ kind, where, host: hit.host, value: hit.url, region, at: region.at(hit.offset) });
  }
}

/**
 * A code or data string (a JS literal, a template chunk, a JSON string) whose source is
 * `[start, end)` of `region`'s text: every URL with a protected host in its value, and the
 * whole value read as one URL. One escape per host and string.
 */
export function checkCodeString(scope: AuditScope, value: string, kind: EscapeKind, where: string, region: Region, start: number, end: number): void {
  if (value.length < 3) return;
  // The value is decoded (escapes), so offsets in it only approximate its source: the
  // place is found again by the host's text when the escape is reported.
  const own = region.sub(start, end, true);
  addHits(scope, scope.judge.inText(value), kind, where, own);
  addHits(scope, scope.judge.wholeString(value, scope.pageScheme), kind, where, own);
}

/**
 * Every URL with a protected host anywhere in `text` (which starts at offset `base` of
 * `region`'s text), each its own escape: the conservative reading of text no parser read.
 */
export function scanTextUrls(scope: AuditScope, text: string, kind: EscapeKind, where: string, region: Region, base = 0): void {
  for (const hit of scope.judge.inText(text)) {
    const at = base + Math.max(0, hit.offset);
    addHits(scope, [hit], kind, where, region.sub(at, at + hit.url.length, true));
  }
}
