import { ACTIONS_BY_STRICTNESS, type Action, type ClassifiedFile, type Classifier, type ClassifyContext, type Decision } from '../file-facts.js';
import type { Subject } from './condition.js';
import { matchContent, matchFacts, type RuleMatch } from './evaluate-rule.js';
import { FileEvidence } from './file-evidence.js';
import { parseClientAddress } from './ip-range.js';
import { compiledOf, type CompiledPolicy, type Policy } from './policy.js';
import { defaultDecision, ruleDecision } from './rule-decision.js';

const strictness = (action: Action) => ACTIONS_BY_STRICTNESS.indexOf(action);
const STRICTEST = ACTIONS_BY_STRICTNESS.length - 1;

/**
 * The built-in classifier: the policy's rules over each file. Every rule evaluates its
 * fact dimensions first, and reads the file (labels, text, a size not known up front)
 * only when they all matched, so a file no content rule can apply to is never read.
 * `first`: the first matching rule decides. `strictest`: every matching rule counts,
 * block > protect > monitor > allow, the earlier rule winning a tie; a rule that could
 * not beat the strictest so far is not read for.
 */
export function policyClassifier(policy: Policy): Classifier {
  const inner = compiledOf(policy);
  return async (file: ClassifiedFile, context: ClassifyContext): Promise<Decision> => {
    const { session } = context;
    const subject: Subject = { activity: file.activity, file, session, clientAddress: session.ip === undefined ? null : parseClientAddress(session.ip) };
    const evidence = new FileEvidence(file, context.signal);
    return policy.decide === 'first' ? first(policy, inner, subject, evidence) : strictest(policy, inner, subject, evidence);
  };
}

async function first(policy: Policy, inner: CompiledPolicy, subject: Subject, evidence: FileEvidence): Promise<Decision> {
  for (const rule of inner.rules) {
    const facts = matchFacts(rule, subject);
    if (facts === null) continue;
    const match: RuleMatch | null = facts.pending.length === 0 ? { because: facts.because, cannotInspect: [] } : await matchContent(facts, evidence);
    if (match !== null) return ruleDecision(policy, rule, match);
  }
  return defaultDecision(inner.fallback);
}

async function strictest(policy: Policy, inner: CompiledPolicy, subject: Subject, evidence: FileEvidence): Promise<Decision> {
  let best: Decision | null = null;
  for (const rule of inner.rules) {
    if (best !== null && strictness(best.action) === STRICTEST) break;
    const facts = matchFacts(rule, subject);
    if (facts === null) continue;
    let match: RuleMatch | null;
    if (facts.pending.length === 0) {
      match = { because: facts.because, cannotInspect: [] };
    } else {
      // Reading the content can give the rule's action, or the cannot-inspect action.
      const atMost = Math.max(strictness(rule.action), policy.cannotInspect === 'rule' ? -1 : strictness(policy.cannotInspect));
      if (best !== null && atMost <= strictness(best.action)) continue;
      match = await matchContent(facts, evidence);
    }
    if (match === null) continue;
    const decision = ruleDecision(policy, rule, match);
    if (best === null || strictness(decision.action) > strictness(best.action)) best = decision;
  }
  return best ?? defaultDecision(inner.fallback);
}
