import { performance } from 'node:perf_hooks';
import type { RewriteEvent } from '../../domain/index.js';
import type { Action, FileOutcome } from '../../files/index.js';
import type { ProblemKind, SessionProblem } from './problems.js';
import { SUMMARY_LIST_LIMIT, type SessionFileDecision, type SessionSummary } from './session-summary.js';

/**
 * Events that say a rewriter gave way to a more conservative one or caught its own
 * failure: what an implementer checks first after a run (README "Failure rules").
 */
const FALLBACK_EVENTS: ReadonlySet<string> = new Set([
  'js-fallback', 'html-inline-fallback', 'html-inline-cap', 'html-charset-fallback', 'html-nesting-limit',
  'css-token-too-long', 'html-error', 'js-error', 'css-error', 'json-error', 'url-error', 'header-rewrite-failed',
  'request-body-error',
]);

const bump = (map: Map<string, number>, key: string, n = 1) => map.set(key, (map.get(key) ?? 0) + n);

/**
 * The run's counters: entries, bytes, rewrites by position and body kind, rewriter
 * events (fed by the rewriter's `onEvent`), file decisions and problems. One per run;
 * {@link summary} may be read at any time.
 */
export class SessionStats {
  private readonly started = performance.now();
  private entryCount = 0;
  private proxied = 0;
  private changed = 0;
  private bodiesIn = 0;
  private bodiesOut = 0;
  private fileBytesIn: number | null = null;
  private fileBytesOut: number | null = null;
  private readonly rewriteCounts = new Map<string, number>();
  private readonly eventCounts = new Map<string, number>();
  private readonly decisions: Record<Action, number> = { allow: 0, monitor: 0, block: 0, protect: 0 };
  private downloads = 0;
  private uploads = 0;
  private readonly decisionList: SessionFileDecision[] = [];
  private problemCount = 0;
  private readonly problemKinds = new Map<string, number>();
  private readonly problemList: SessionProblem[] = [];
  private escapes: number | null = null;
  private muted = 0;

  /** The rewriter's event listener (`createRewriter({ onEvent })`). */
  readonly onEvent = (event: RewriteEvent): void => {
    if (this.muted === 0) bump(this.eventCounts, event.type);
  };

  /**
   * Runs `fn` without counting its events: a value rewritten a second time only to read
   * a result (a HAR cookie replayed as a Set-Cookie line) is not a second report.
   */
  quietly<T>(fn: () => T): T {
    this.muted++;
    try {
      return fn();
    } finally {
      this.muted--;
    }
  }

  /** A new entry: returns its index in `log.entries`. */
  beginEntry(): number {
    return this.entryCount++;
  }

  /** An entry on a protected host went through; `changed` when it came out different. */
  proxiedEntry(changed: boolean): void {
    this.proxied++;
    if (changed) this.changed++;
  }

  /** One value or body changed, at position `kind` (`url`, `location`, `html`, …). */
  rewrite(kind: string, n = 1): void {
    if (n > 0) bump(this.rewriteCounts, kind, n);
  }

  /** A response body run through the pipeline: its decoded sizes before and after. */
  body(bytesIn: number, bytesOut: number): void {
    this.bodiesIn += bytesIn;
    this.bodiesOut += bytesOut;
  }

  /** The HAR file's own sizes, when the caller knows them: they make the MB/s. */
  fileBytes(bytesIn: number | null, bytesOut: number | null): void {
    this.fileBytesIn = bytesIn;
    this.fileBytesOut = bytesOut;
  }

  problem(entry: number | null, kind: ProblemKind, message: string): void {
    this.problemCount++;
    bump(this.problemKinds, kind);
    if (this.problemList.length < SUMMARY_LIST_LIMIT) this.problemList.push({ entry, kind, message });
  }

  /** A file classified and its decision carried out. */
  fileDecision(entry: number, outcome: FileOutcome): void {
    const e = outcome.event;
    if (e.activity === 'download') this.downloads++;
    else this.uploads++;
    this.decisions[outcome.action]++;
    if (this.decisionList.length < SUMMARY_LIST_LIMIT) {
      this.decisionList.push({ entry, activity: e.activity, url: e.url, fileName: e.fileName, action: outcome.action, rule: e.rule, reason: e.reason, deliveredName: e.deliveredName });
    }
  }

  /** Escapes the audit found left in one output entry. */
  escapesLeft(n: number): void {
    this.escapes = (this.escapes ?? 0) + n;
  }

  summary(): SessionSummary {
    const timeMs = performance.now() - this.started;
    const inputBytes = this.fileBytesIn ?? this.bodiesIn;
    const events = Object.fromEntries(this.eventCounts);
    return {
      entries: { total: this.entryCount, proxied: this.proxied, changed: this.changed },
      bytes: { in: this.fileBytesIn, out: this.fileBytesOut, bodiesIn: this.bodiesIn, bodiesOut: this.bodiesOut },
      rewrites: Object.fromEntries(this.rewriteCounts),
      fallbacks: Object.fromEntries([...this.eventCounts].filter(([type]) => FALLBACK_EVENTS.has(type))),
      events,
      files: { downloads: this.downloads, uploads: this.uploads, decisions: { ...this.decisions }, list: [...this.decisionList] },
      problems: { count: this.problemCount, byKind: Object.fromEntries(this.problemKinds), list: [...this.problemList] },
      escapesLeft: this.escapes,
      timeMs,
      mbPerSecond: timeMs > 0 ? inputBytes / 1e6 / (timeMs / 1000) : 0,
    };
  }
}
