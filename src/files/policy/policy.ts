import type { Action, FileLimits, ProtectSpec } from '../file-facts.js';
import type { LabelDefinition } from '../protector.js';
import type { Condition } from './condition.js';
import type { CannotInspectSetting, CannotProtectAction, Decide } from './policy-document.js';

/** A policy that passed every check, its patterns compiled. Made by loadPolicy or parsePolicyText. */
export interface Policy {
  readonly decide: Decide;
  /** The limits the policy sets; the file control fills the rest from DEFAULT_FILE_LIMITS. */
  readonly limits: Partial<FileLimits>;
  readonly cannotInspect: CannotInspectSetting;
  readonly cannotProtect: CannotProtectAction;
  /** The `labels` map, for the label protector (stamping by name) and the audit log. */
  readonly labels: readonly LabelDefinition[];
  /** The rule names, in order. */
  readonly rules: readonly string[];
  /** The policy's `protect`: the protector of `protect` rules that do not name their own. */
  readonly defaultProtect: ProtectSpec | undefined;
}

/** A rule ready to evaluate. */
export interface CompiledRule {
  readonly name: string;
  readonly action: Action;
  readonly message: string | undefined;
  readonly protect: ProtectSpec | undefined;
  /** In evaluation order: those answered from facts first. */
  readonly conditions: readonly Condition[];
  /** It lists a file dimension (FILE_DIMENSIONS), or no `activity`: it never applies to a session activity. */
  readonly forFilesOnly: boolean;
}

/** What the classifier needs beyond the public face. */
export interface CompiledPolicy {
  readonly rules: readonly CompiledRule[];
  readonly fallback: { readonly action: Action; readonly message: string | undefined; readonly protect: ProtectSpec | undefined };
}

const compiled = new WeakMap<Policy, CompiledPolicy>();

export function attachCompiled(policy: Policy, inner: CompiledPolicy): Policy {
  compiled.set(policy, inner);
  return policy;
}

/** The compiled rules of a policy made by loadPolicy; a look-alike object is refused. */
export function compiledOf(policy: Policy): CompiledPolicy {
  const inner = compiled.get(policy);
  if (inner === undefined) throw new TypeError('not a loaded policy: make it with loadPolicy() or parsePolicyText()');
  return inner;
}
