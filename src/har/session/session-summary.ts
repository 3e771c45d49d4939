import type { Action, Activity } from '../../files/index.js';
import type { ProblemKind, SessionProblem } from './problems.js';

/** One file decision taken in the session. */
export interface SessionFileDecision {
  readonly entry: number;
  readonly activity: Activity;
  readonly url: string;
  readonly fileName: string;
  readonly action: Action;
  readonly rule: string | null;
  readonly reason: string;
  readonly deliveredName: string | null;
}

/** What `spr har` prints at the end and `--report` writes as JSON. */
export interface SessionSummary {
  readonly entries: {
    readonly total: number;
    /** Entries whose request host is protected (they go through the proxy). */
    readonly proxied: number;
    /** Of those, the ones that came out different. */
    readonly changed: number;
  };
  readonly bytes: {
    /** The HAR file read and written, when the caller says (the CLI does); else null. */
    readonly in: number | null;
    readonly out: number | null;
    /** Decoded response bodies run through the pipeline. */
    readonly bodiesIn: number;
    readonly bodiesOut: number;
  };
  /** Values and bodies changed, by position (`url`, `host`, `location`, `set-cookie`, …) and body kind (`html`, `js`, …). */
  readonly rewrites: Readonly<Record<string, number>>;
  /** Fallback and caught-failure events of the rewriters, by type (`js-fallback`, …). */
  readonly fallbacks: Readonly<Record<string, number>>;
  /** Every rewriter event, by type. */
  readonly events: Readonly<Record<string, number>>;
  readonly files: {
    readonly downloads: number;
    readonly uploads: number;
    readonly decisions: Readonly<Record<Action, number>>;
    /** The first {@link SUMMARY_LIST_LIMIT} decisions. */
    readonly list: readonly SessionFileDecision[];
  };
  readonly problems: {
    readonly count: number;
    readonly byKind: Readonly<Partial<Record<ProblemKind, number>>>;
    /** The first {@link SUMMARY_LIST_LIMIT} problems. */
    readonly list: readonly SessionProblem[];
  };
  /** Protected hosts in URL positions left unproxied in the output (the audit's count); null when not counted. */
  readonly escapesLeft: number | null;
  readonly timeMs: number;
  /** Input megabytes (10^6 bytes: the HAR file, else the bodies) per second. */
  readonly mbPerSecond: number;
}

/** Lists in a summary stop here; their counts stay complete. */
export const SUMMARY_LIST_LIMIT = 1000;

const counts = (record: Readonly<Record<string, number>>): string => {
  const parts = Object.entries(record)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${k} ${n}`);
  return parts.length === 0 ? 'none' : parts.join(', ');
};

/** Byte counts as people read them: `812 B`, `45.3 kB`, `1.20 GB` (decimal units). */
export function formatBytes(n: number): string {
  if (n < 1000) return `${n} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = n;
  let unit = -1;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 2 : 1)} ${units[unit]}`;
}

/** The summary as a few lines for a terminal. */
export function formatSummary(s: SessionSummary): string[] {
  const bytesIn = s.bytes.in ?? s.bytes.bodiesIn;
  const bytesOut = s.bytes.out ?? s.bytes.bodiesOut;
  const files = s.files.downloads + s.files.uploads === 0
    ? 'none'
    : `${s.files.downloads} download${s.files.downloads === 1 ? '' : 's'}, ${s.files.uploads} upload${s.files.uploads === 1 ? '' : 's'}; ${counts(s.files.decisions)}`;
  return [
    `entries: ${s.entries.total} (${s.entries.proxied} on protected hosts, ${s.entries.changed} changed)`,
    `bytes: ${formatBytes(bytesIn)} in, ${formatBytes(bytesOut)} out (bodies ${formatBytes(s.bytes.bodiesIn)} in, ${formatBytes(s.bytes.bodiesOut)} out)`,
    `rewrites: ${counts(s.rewrites)}`,
    `fallbacks: ${counts(s.fallbacks)}`,
    `files: ${files}`,
    `problems: ${counts(s.problems.byKind as Record<string, number>)}`,
    `escapes left: ${s.escapesLeft === null ? 'not counted' : s.escapesLeft}`,
    `time: ${(s.timeMs / 1000).toFixed(2)} s, ${s.mbPerSecond.toFixed(2)} MB/s`,
  ];
}
