import { compilePolicy } from './compile-policy.js';
import type { Policy } from './policy.js';
import { PolicyError } from './policy-error.js';
import { Problems } from './problems.js';
import { shapeProblems } from './shape-problems.js';

/** Every problem with a policy (parsed JSON), one line each, each naming where; [] when it is a valid policy. */
export function checkPolicy(value: unknown): string[] {
  return check(value).problems;
}

/** A valid policy, compiled; throws PolicyError with every problem otherwise. */
export function loadPolicy(value: unknown, source?: string): Policy {
  const { policy, problems } = check(value);
  if (problems.length > 0) throw new PolicyError(problems, source);
  return policy;
}

function check(value: unknown): { policy: Policy; problems: string[] } {
  const values = new Problems();
  const policy = compilePolicy(value, values);
  return { policy, problems: [...shapeProblems(value), ...values.lines] };
}
