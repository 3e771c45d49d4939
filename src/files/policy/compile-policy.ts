import { SESSION_ACTIVITIES, type Action, type FileLimits, type ProtectSpec } from '../file-facts.js';
import type { LabelDefinition } from '../protector.js';
import { compileLabels } from './compile-labels.js';
import { compileMatch } from './compile-match.js';
import { normalGuid } from './guid.js';
import { FILE_DIMENSIONS, type CannotInspectSetting, type CannotProtectAction, type Decide } from './policy-document.js';
import { attachCompiled, type CompiledRule, type Policy } from './policy.js';
import { isObject, Problems } from './problems.js';
import type { PolicyPath } from './where.js';

/**
 * Checks the values of a policy (what JSON Schema cannot: IP ranges, globs, regular
 * expressions, GUIDs, label references, duplicate names, min > max) and compiles it.
 * Runs on any value: parts of the wrong shape are skipped (the shape check reports
 * them), so one pass reports every problem. The policy is only meaningful when
 * neither check found a problem.
 */
export function compilePolicy(value: unknown, problems: Problems): Policy {
  const doc = isObject(value) ? value : {};
  const labels = compileLabels(doc.labels, problems);
  const protectSpec = (raw: unknown, path: PolicyPath) => compileProtect(raw, path, labels, problems);
  const defaultProtect = protectSpec(doc.protect, ['protect']);
  const fallback = isObject(doc.default)
    ? { action: doc.default.action as Action, message: text(doc.default.message), protect: protectSpec(doc.default.protect, ['default', 'protect']) ?? defaultProtect }
    : { action: (doc.default ?? 'allow') as Action, message: undefined, protect: defaultProtect };

  const rules: CompiledRule[] = [];
  const firstWithName = new Map<string, number>();
  (Array.isArray(doc.rules) ? doc.rules : []).forEach((rule: unknown, i) => {
    if (!isObject(rule)) return;
    const path = ['rules', i];
    const name = text(rule.name) ?? '';
    const earlier = firstWithName.get(name);
    if (earlier !== undefined && name !== '') problems.add([...path, 'name'], `${JSON.stringify(name)} is already the name of rules[${earlier}]`);
    else firstWithName.set(name, i);
    const conditions = compileMatch(rule.match, [...path, 'match'], labels, problems);
    if (rule.action === 'protect') refuseProtectedSessionActivities(rule.match, [...path, 'match', 'activity'], problems);
    rules.push({
      name,
      action: rule.action as Action,
      message: text(rule.message),
      protect: protectSpec(rule.protect, [...path, 'protect']),
      conditions,
      // Session activities are governed only by rules that name the activity dimension: a
      // policy written for files (`default: "block"`, a device rule) must not start blocking
      // copy and paste in every page.
      forFilesOnly: conditions.some((c) => FILE_DIMENSIONS.includes(c.dimension)) || !conditions.some((c) => c.dimension === 'activity'),
    });
  });

  return attachCompiled(
    {
      decide: (doc.decide ?? 'first') as Decide,
      limits: isObject(doc.limits) ? ({ ...doc.limits } as Partial<FileLimits>) : {},
      cannotInspect: (doc.cannotInspect ?? 'rule') as CannotInspectSetting,
      cannotProtect: (doc.cannotProtect ?? 'block') as CannotProtectAction,
      labels,
      rules: rules.map((r) => r.name),
      defaultProtect,
    },
    { rules, fallback },
  );
}

/**
 * A `protect` rule that names a session activity asks for what cannot be done: a copy or
 * a print has no file to encrypt or label. Said at load rather than guessed at run time.
 * (A protect rule that names no activity, or the default, still reaches session
 * activities: there it blocks, failing closed, and its reason says so.)
 */
function refuseProtectedSessionActivities(match: unknown, at: PolicyPath, problems: Problems): void {
  const activities = isObject(match) && Array.isArray(match.activity) ? match.activity : [];
  activities.forEach((value: unknown, i) => {
    if (typeof value === 'string' && (SESSION_ACTIVITIES as readonly string[]).includes(value)) {
      problems.add([...at, i], `${JSON.stringify(value)} has no file to protect: "protect" applies to downloads and uploads (give ${value} a rule with "block" or "monitor")`);
    }
  });
}

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** A protect spec; its label must be one the policy names or a GUID, or the protector could not know what to stamp. */
function compileProtect(raw: unknown, path: PolicyPath, labels: readonly LabelDefinition[], problems: Problems): ProtectSpec | undefined {
  if (!isObject(raw) || typeof raw.with !== 'string') return undefined;
  const label = text(raw.label);
  if (label === undefined) return { with: raw.with };
  const named = labels.some((l) => l.name.toLowerCase() === label.toLowerCase());
  if (!named && normalGuid(label) === null) problems.add([...path, 'label'], `${JSON.stringify(label)} is neither a name in "labels" nor a GUID`);
  return { with: raw.with, label };
}
