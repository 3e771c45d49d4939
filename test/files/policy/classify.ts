import type { ClassifiedFile, Decision, SessionContext } from '../../../src/files/file-facts.js';
import { loadPolicy, policyClassifier, type PolicyDocument } from '../../../src/files/policy/index.js';
import { contextFor } from './file-double.js';

/** The decision of a policy (given as JSON) on one file in one session. */
export async function decide(policy: PolicyDocument, file: ClassifiedFile, session: SessionContext = {}): Promise<Decision> {
  return policyClassifier(loadPolicy(policy))(file, contextFor(session));
}

/** A policy of one blocking rule with this match. */
export function blockWhen(match: PolicyDocument['rules'][number]['match'], extra: Partial<PolicyDocument> = {}): PolicyDocument {
  return { rules: [{ name: 'R', match, action: 'block' }], ...extra };
}
