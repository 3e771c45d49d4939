import type { Action, Decision, ProtectSpec } from '../file-facts.js';
import type { RuleMatch } from './evaluate-rule.js';
import type { CompiledPolicy, CompiledRule, Policy } from './policy.js';

/**
 * The decision of a matching rule. When a dimension could not be decided for want of
 * content, the policy's cannotInspect says what happens: `rule` applies the rule's action
 * as if the dimension had matched, an action replaces the rule's.
 */
export function ruleDecision(policy: Policy, rule: CompiledRule, match: RuleMatch): Decision {
  const uninspected = match.cannotInspect.length > 0;
  const action = !uninspected || policy.cannotInspect === 'rule' ? rule.action : policy.cannotInspect;
  const parts = [...match.because, ...match.cannotInspect.map((c) => `${c.dimension} cannot be inspected (${c.reason})`)];
  const reason = `rule ${JSON.stringify(rule.name)}: ${parts.length === 0 ? 'matches every file' : parts.join(', ')}${uninspected ? `; cannotInspect=${policy.cannotInspect}` : ''}`;
  return decision(action, rule.name, rule.message, reason, rule.protect ?? policy.defaultProtect);
}

/** The policy's `default`, when no rule matched. */
export function defaultDecision(fallback: CompiledPolicy['fallback']): Decision {
  return decision(fallback.action, null, fallback.message, 'no rule matched: default', fallback.protect);
}

function decision(action: Action, rule: string | null, message: string | undefined, reason: string, protect: ProtectSpec | undefined): Decision {
  return {
    action,
    rule,
    ...(message !== undefined ? { message } : {}),
    reason,
    ...(action === 'protect' && protect !== undefined ? { protect } : {}),
  };
}
