import { ACTIONS_BY_STRICTNESS, type Action, type SessionActivity, type SessionContext } from '../file-facts.js';
import type { Subject } from './condition.js';
import { matchFacts } from './evaluate-rule.js';
import { parseClientAddress } from './ip-range.js';
import { compiledOf, type Policy } from './policy.js';

/** What the policy decides about one session activity in one session. */
export interface ActivityDecision {
  readonly activity: SessionActivity;
  /** `protect` never: there is no file to protect, so it blocks (see the reason). */
  readonly action: Exclude<Action, 'protect'>;
  /** The rule that decided, or null for the policy's default. */
  readonly rule: string | null;
  /** The rule's (or default's) message; undefined when it gives none. */
  readonly message: string | undefined;
  /** Why, in words, for the audit log. */
  readonly reason: string;
}

const strictness = (action: Action) => ACTIONS_BY_STRICTNESS.indexOf(action);
const STRICTEST = strictness('block');

/**
 * The policy over a session activity (copy, cut, paste, print), decided by the rules
 * that name the `activity` dimension (`decide: first | strictest`) with the session's
 * dimensions only: a rule that lists a file dimension never applies (there is no file),
 * and neither do rules without `activity` nor the `default`: those were written for files,
 * and an activity no rule names is allowed. Every dimension is a fact of the session, so
 * no content is read and the answer is immediate. `protect` (a rule reaching the activity
 * through a negation such as `!download`) blocks: there is no file to encrypt.
 */
export function activityDecision(policy: Policy, session: SessionContext, activity: SessionActivity): ActivityDecision {
  const inner = compiledOf(policy);
  const subject: Subject = { activity, file: null, session, clientAddress: session.ip === undefined ? null : parseClientAddress(session.ip) };
  let best: ActivityDecision | null = null;
  for (const rule of inner.rules) {
    if (rule.forFilesOnly) continue;
    const facts = matchFacts(rule, subject);
    if (facts === null) continue;
    const decision = decided(activity, rule.action, rule.name, rule.message, `rule ${JSON.stringify(rule.name)}: ${facts.because.length === 0 ? 'matches every activity' : facts.because.join(', ')}`);
    if (policy.decide === 'first') return decision;
    if (best === null || strictness(decision.action) > strictness(best.action)) best = decision;
    if (strictness(best.action) === STRICTEST) break;
  }
  return best ?? { activity, action: 'allow', rule: null, message: undefined, reason: 'no rule names this activity: allowed (the default is for files)' };
}

function decided(activity: SessionActivity, action: Action, rule: string | null, message: string | undefined, reason: string): ActivityDecision {
  if (action !== 'protect') return { activity, action, rule, message, reason };
  return { activity, action: 'block', rule, message, reason: `${reason}; protect: a ${activity} has no file to protect, blocked` };
}
