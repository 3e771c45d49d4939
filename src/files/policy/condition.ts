import type { Activity, CannotInspectReason, ClassifiedFile, SessionActivity, SessionContext } from '../file-facts.js';
import type { FileEvidence } from './file-evidence.js';
import type { ClientAddress } from './ip-range.js';
import type { MatchDimension } from './policy-document.js';

/** What one dimension of a rule says about one file. */
export type Verdict =
  | { readonly met: true; /** In words, for the decision's reason: `device unmanaged`. */ readonly because: string }
  | { readonly met: false }
  | { readonly met: 'cannot-inspect'; readonly reason: CannotInspectReason };

export const NOT_MET: Verdict = { met: false };

/** The facts every condition reads, gathered once per file or session activity. */
export interface Subject {
  readonly activity: Activity | SessionActivity;
  /** Null for a session activity: only rules without file dimensions are evaluated then (CompiledRule.forFilesOnly). */
  readonly file: ClassifiedFile | null;
  readonly session: SessionContext;
  /** The session IP, parsed; null when absent or not an IP address. */
  readonly clientAddress: ClientAddress | null;
}

/**
 * One dimension of a rule, compiled. A condition answers from the facts when it can;
 * a condition that needs the file's content (labels, text, a size not known up front)
 * answers `needsContent`, and is asked again with the file's evidence only when every
 * other dimension of its rule has matched, so no rule reads content it cannot use.
 */
export interface Condition {
  readonly dimension: MatchDimension;
  fromFacts(subject: Subject): Verdict | 'needs-content';
  /** Called only after `fromFacts` answered `needs-content`. */
  fromContent(evidence: FileEvidence): Promise<Verdict>;
}

/** For conditions that always answer from the facts. */
export function factCondition(dimension: MatchDimension, fromFacts: (subject: Subject) => Verdict): Condition {
  return {
    dimension,
    fromFacts,
    fromContent: () => Promise.reject(new Error(`the ${dimension} condition never needs content`)),
  };
}
