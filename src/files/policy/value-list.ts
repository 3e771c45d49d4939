import { NOT_MET, type Verdict } from './condition.js';

/**
 * The values of one dimension, split into positive and `!`-negated ones. A dimension
 * matches when it has no positive value or one of them matches one of the facts, and no
 * negated value matches any fact. A fact that is absent is no fact: a positive value does
 * not match it, a negated one is satisfied (`"location": ["!corporate"]` matches a session
 * without location tags).
 */
export interface ValueList<M> {
  readonly positive: readonly Value<M>[];
  readonly negative: readonly Value<M>[];
}

export interface Value<M> {
  /** As written in the policy, without the `!`. */
  readonly source: string;
  readonly matcher: M;
}

/** Splits off a leading `!` (only one: `!!x` is the value `!x` negated). */
export function negation(raw: string): { readonly negated: boolean; readonly value: string } {
  return raw.startsWith('!') ? { negated: true, value: raw.slice(1) } : { negated: false, value: raw };
}

/**
 * The verdict of a value list over some facts; `show` gives the fact in words for the
 * reason (`device unmanaged`), and only negated values make `location not corporate`.
 */
export function evaluateList<M, F>(
  dimension: string,
  list: ValueList<M>,
  facts: readonly F[],
  matches: (matcher: M, fact: F) => boolean,
  show: (fact: F) => string,
): Verdict {
  for (const fact of facts) {
    if (list.negative.some((v) => matches(v.matcher, fact))) return NOT_MET;
  }
  if (list.positive.length === 0) return { met: true, because: `${dimension} not ${list.negative.map((v) => v.source).join('|')}` };
  for (const fact of facts) {
    if (list.positive.some((v) => matches(v.matcher, fact))) return { met: true, because: `${dimension} ${show(fact)}` };
  }
  return NOT_MET;
}
