import type { Action, FileFacts, SensitivityLabel, SessionContext } from '../file-facts.js';
import type { FileAuditEvent } from './event.js';
import { sessionFields } from './session-fields.js';

/** What was decided about a file, as the audit event records it. */
export interface AuditOutcome {
  /** What was done (after any fallback). */
  readonly action: Action;
  readonly rule?: string | null;
  readonly reason: string;
  /** The protector used, for `protect`. */
  readonly protector?: string | null;
  /** The name the user received, when it is not the file's name. */
  readonly deliveredName?: string | null;
  /** Labels read from the file: label objects (named by name, else GUID; disabled ones left out) or names as given. */
  readonly labels?: readonly (SensitivityLabel | string)[];
}

/**
 * The audit event of one decision: every field filled, an unknown one null (or [] for a
 * list), so every line a log shipper reads has one shape. `now` defaults to the clock.
 */
export function auditEventOf(facts: FileFacts, session: SessionContext, outcome: AuditOutcome, now: Date = new Date()): FileAuditEvent {
  return {
    type: 'file-decision',
    time: now.toISOString(),
    ...sessionFields(session),
    appHost: facts.appHost,
    url: facts.url,
    activity: facts.activity,
    fileName: facts.name,
    extension: facts.extension,
    size: facts.size,
    declaredType: facts.declaredType,
    sniffedType: facts.sniffedType,
    partial: facts.partial,
    labels: labelNames(outcome.labels ?? []),
    rule: outcome.rule ?? null,
    action: outcome.action,
    reason: outcome.reason,
    protector: outcome.protector ?? null,
    deliveredName: outcome.deliveredName === undefined || outcome.deliveredName === facts.name ? null : outcome.deliveredName,
  };
}

function labelNames(labels: readonly (SensitivityLabel | string)[]): string[] {
  const names = labels.flatMap((label) => (typeof label === 'string' ? [label] : label.enabled ? [label.name ?? label.id] : []));
  return [...new Set(names)];
}
