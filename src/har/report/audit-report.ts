import type { AuditNote, AuditResult, AuditSummary, Escape } from '../audit/index.js';

/** A file decision of the session (the shape of `spr har`'s summary list), when the report shows them. */
export interface ReportFileDecision {
  readonly entry: number;
  readonly activity: string;
  readonly url: string;
  readonly fileName: string;
  readonly action: string;
  readonly rule: string | null;
  readonly reason: string;
  readonly deliveredName?: string | null;
}

/** What the report says about the run besides the audit itself. */
export interface AuditReportContext {
  /** The HAR audited, as the user named it. */
  readonly file?: string;
  readonly suffix: string;
  readonly domains: readonly string[];
  /** File decisions of a session run, when known (`spr har` output audited in the same run). */
  readonly files?: readonly ReportFileDecision[];
  /** When the report was made (default: now). */
  readonly generatedAt?: Date;
}

/** The machine-readable report: `spr audit --json` prints it. */
export interface AuditReport {
  readonly tool: 'spr audit';
  readonly file: string | null;
  readonly generatedAt: string;
  readonly suffix: string;
  readonly domains: readonly string[];
  /** True when no escape was found. */
  readonly clean: boolean;
  readonly summary: AuditSummary;
  readonly escapes: readonly Escape[];
  /** Whether `escapes` was cut short (the counts in `summary` are complete). */
  readonly listTruncated: boolean;
  readonly notes: readonly AuditNote[];
  readonly readerProblems: readonly string[];
  readonly files: { readonly decisions: Readonly<Record<string, number>>; readonly list: readonly ReportFileDecision[] } | null;
}

/** The audit as one JSON-ready object. */
export function auditReportJson(result: AuditResult, context: AuditReportContext): AuditReport {
  return {
    tool: 'spr audit',
    file: context.file ?? null,
    generatedAt: (context.generatedAt ?? new Date()).toISOString(),
    suffix: context.suffix,
    domains: [...context.domains],
    clean: result.summary.escapes === 0,
    summary: result.summary,
    escapes: result.escapes,
    listTruncated: result.listTruncated,
    notes: result.notes,
    readerProblems: result.readerProblems,
    files: context.files === undefined ? null : { decisions: countBy(context.files, (f) => f.action), list: context.files },
  };
}

/** How many items fall under each key, in first-seen order. */
export function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}
