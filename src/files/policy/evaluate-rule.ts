import type { CannotInspectReason } from '../file-facts.js';
import type { Condition, Subject } from './condition.js';
import type { FileEvidence } from './file-evidence.js';
import type { MatchDimension } from './policy-document.js';
import type { CompiledRule } from './policy.js';

/** A rule whose fact dimensions all matched; `pending` still need the file's content. */
export interface FactMatch {
  readonly because: readonly string[];
  readonly pending: readonly Condition[];
}

/** A rule that matched, and the dimensions that could not be decided because the content could not be inspected. */
export interface RuleMatch {
  readonly because: readonly string[];
  readonly cannotInspect: readonly { readonly dimension: MatchDimension; readonly reason: CannotInspectReason }[];
}

/** The first, cheap step: every dimension answered from facts; null as soon as one does not match. */
export function matchFacts(rule: CompiledRule, subject: Subject): FactMatch | null {
  const because: string[] = [];
  const pending: Condition[] = [];
  for (const condition of rule.conditions) {
    const verdict = condition.fromFacts(subject);
    if (verdict === 'needs-content') pending.push(condition);
    else if (verdict.met === true) because.push(verdict.because);
    else return null; // facts never answer cannot-inspect
  }
  return { because, pending };
}

/** The second step, reading the content: null as soon as a dimension does not match. */
export async function matchContent(facts: FactMatch, evidence: FileEvidence): Promise<RuleMatch | null> {
  const because = [...facts.because];
  const cannotInspect: { dimension: MatchDimension; reason: CannotInspectReason }[] = [];
  for (const condition of facts.pending) {
    const verdict = await condition.fromContent(evidence);
    if (verdict.met === false) return null;
    if (verdict.met === true) because.push(verdict.because);
    else cannotInspect.push({ dimension: condition.dimension, reason: verdict.reason });
  }
  return { because, cannotInspect };
}
