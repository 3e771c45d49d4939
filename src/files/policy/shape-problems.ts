import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { didYouMean } from './closest.js';
import { POLICY_SCHEMA } from './schema.js';
import { pathFromPointer, shown, where } from './where.js';

let validate: ValidateFunction | undefined;

/** The schema compiled once, on first use (not at import: most users of the package never load a policy). */
function validator(): ValidateFunction {
  validate ??= new Ajv({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true }).compile(POLICY_SCHEMA);
  return validate;
}

/** Every problem with the shape of a policy (types, unknown keys, missing keys, unknown words), one line each. */
export function shapeProblems(value: unknown): string[] {
  const check = validator();
  if (check(value)) return [];
  return (check.errors ?? []).flatMap((e) => {
    const line = problemLine(e);
    return line === null ? [] : [line];
  });
}

/** One ajv error in words, or null for the bookkeeping errors of `if`/`then` (their branch has said it). */
function problemLine(e: ErrorObject): string | null {
  const path = pathFromPointer(e.instancePath);
  const parent = e.parentSchema as { title?: string; properties?: Record<string, unknown> } | undefined;
  switch (e.keyword) {
    case 'if':
      return null;
    case 'additionalProperties': {
      const key = (e.params as { additionalProperty: string }).additionalProperty;
      return `${where([...path, key])}: unknown key${didYouMean(key, Object.keys(parent?.properties ?? {}))}`;
    }
    case 'required':
      return `${where(path)}: missing ${JSON.stringify((e.params as { missingProperty: string }).missingProperty)}`;
    case 'enum': {
      const allowed = (e.params as { allowedValues: readonly string[] }).allowedValues;
      const hint = typeof e.data === 'string' ? didYouMean(e.data, allowed) : '';
      return `${where(path)}: ${shown(e.data)} is not one of ${allowed.join(', ')}${hint}`;
    }
    case 'minProperties':
      return `${where(path)}: give at least one of ${Object.keys(parent?.properties ?? {}).map((k) => JSON.stringify(k)).join(', ')}`;
    default:
      return parent?.title !== undefined ? `${where(path)}: must be ${parent.title}, not ${shown(e.data)}` : `${where(path)}: ${e.message ?? e.keyword}`;
  }
}
