import type { LabelDefinition } from '../protector.js';
import { factCondition, type Condition } from './condition.js';
import { contentCondition } from './content-condition.js';
import { compileContentPattern, type ContentPattern } from './content-pattern.js';
import { FACT_DIMENSIONS, type FactDimensionName } from './fact-dimensions.js';
import { fileSizeCondition } from './file-size-condition.js';
import { labelCondition, parseLabelValue, type LabelMatcher } from './label-condition.js';
import { MATCH_DIMENSIONS } from './policy-document.js';
import { isObject, type Problems } from './problems.js';
import { evaluateList, negation, type Value, type ValueList } from './value-list.js';
import { shown, type PolicyPath } from './where.js';

/**
 * A rule's `match` as conditions, in MATCH_DIMENSIONS order (facts first, content last),
 * every wrong value reported. Values of the wrong type are skipped: the shape check has
 * reported them.
 */
export function compileMatch(match: unknown, path: PolicyPath, labels: readonly LabelDefinition[], problems: Problems): Condition[] {
  if (!isObject(match)) return [];
  const conditions: Condition[] = [];
  for (const dimension of MATCH_DIMENSIONS) {
    const raw = match[dimension];
    if (raw === undefined) continue;
    const at = [...path, dimension];
    if (dimension === 'fileSize') {
      if (!isObject(raw)) continue;
      const min = typeof raw.min === 'number' ? raw.min : undefined;
      const max = typeof raw.max === 'number' ? raw.max : undefined;
      if (min !== undefined && max !== undefined && min > max) problems.add(at, `"min" (${min}) is more than "max" (${max})`);
      conditions.push(fileSizeCondition(min, max));
    } else if (dimension === 'label') {
      const list = valueList(raw, at, problems, (v) => parseLabelValue(v));
      if (list) conditions.push(labelCondition(list as ValueList<LabelMatcher>, labels));
    } else if (dimension === 'content') {
      const list = valueList(raw, at, problems, compileContentPattern);
      if (list) conditions.push(contentCondition(list as ValueList<ContentPattern>));
    } else {
      const condition = factListCondition(dimension, raw, at, problems);
      if (condition) conditions.push(condition);
    }
  }
  return conditions;
}

function factListCondition(dimension: FactDimensionName, raw: unknown, at: PolicyPath, problems: Problems): Condition | null {
  const spec = FACT_DIMENSIONS[dimension];
  const list = valueList(raw, at, problems, (v) => spec.parse(v));
  if (list === null) return null;
  return factCondition(dimension, (subject) => evaluateList(dimension, list, spec.facts(subject), (m, f) => spec.matches(m, f), (f) => spec.show(f)));
}

/** The values of one dimension, parsed; null when the list has the wrong shape. */
function valueList<M>(raw: unknown, at: PolicyPath, problems: Problems, parse: (value: string) => M | { readonly problem: string }): ValueList<M> | null {
  if (!Array.isArray(raw)) return null;
  const positive: Value<M>[] = [];
  const negative: Value<M>[] = [];
  raw.forEach((item, i) => {
    if (typeof item !== 'string') return;
    const { negated, value } = negation(item);
    const parsed = value === '' ? { problem: 'is empty' } : parse(value);
    if (isProblem(parsed)) problems.add([...at, i], `${shown(item)} ${parsed.problem}`);
    else (negated ? negative : positive).push({ source: value, matcher: parsed });
  });
  return { positive, negative };
}

/** Matchers never have a `problem` key. */
function isProblem(value: unknown): value is { readonly problem: string } {
  return isObject(value) && 'problem' in value;
}
