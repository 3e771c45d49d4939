import type { Action, Activity } from '../file-facts.js';
import type { SessionFields } from './session-fields.js';

/**
 * One file decision, as written to the audit log (one JSON object per line). Fields that
 * are unknown are null, never absent, so a log shipper sees one shape.
 */
export interface FileAuditEvent extends SessionFields {
  readonly type: 'file-decision';
  /** ISO 8601, UTC. */
  readonly time: string;
  readonly appHost: string;
  readonly url: string;
  readonly activity: Activity;
  readonly fileName: string;
  readonly extension: string;
  readonly size: number | null;
  readonly declaredType: string | null;
  readonly sniffedType: string | null;
  readonly partial: boolean;
  /** Labels read from the file (names where known, else GUIDs); [] when none or not read. */
  readonly labels: readonly string[];
  readonly rule: string | null;
  /** What was done to the file (after any fallback: a failed classifier, a file that could not be protected). */
  readonly action: Action;
  /** Why, in words: the rule, the fallback and its cause. */
  readonly reason: string;
  /** The protector used, for `protect`. */
  readonly protector: string | null;
  /** The name the user received (`x.pdf.blocked.txt`, `x.pdf.pgp`), when it differs from fileName. */
  readonly deliveredName: string | null;
}
