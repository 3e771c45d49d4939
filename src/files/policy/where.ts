/**
 * Where a problem is in a policy, written as a reader would point at it:
 * `rules[2].match.ip[0]`, `labels["Highly Confidential"]`; the whole document is `policy`.
 */
export type PolicyPath = readonly (string | number)[];

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function where(path: PolicyPath): string {
  let out = '';
  for (const step of path) {
    if (typeof step === 'number') out += `[${step}]`;
    else if (IDENTIFIER.test(step)) out += out === '' ? step : `.${step}`;
    else out += `[${JSON.stringify(step)}]`;
  }
  return out === '' ? 'policy' : out;
}

/** Turns a JSON Pointer (`/rules/2/match`, as ajv reports it) into path steps. */
export function pathFromPointer(pointer: string): PolicyPath {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((raw) => {
      const step = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      return /^(?:0|[1-9][0-9]*)$/.test(step) ? Number(step) : step;
    });
}

/** A value as a problem line shows it: strings quoted, long ones shortened. */
export function shown(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 80 ? `${value.slice(0, 77)}...` : value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : 'a list';
  if (typeof value === 'object') return 'an object';
  return String(value);
}
