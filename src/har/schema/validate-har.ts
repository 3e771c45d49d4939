// validateHar: a value checked against the HAR 1.2 JSON Schema of this folder, with ajv.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import schema from './har-1.2.schema.json' with { type: 'json' };

let compiled: ValidateFunction | undefined;

/** Compiled on first use: most runs never validate. */
function validator(): ValidateFunction {
  // allErrors: every problem of a file at once, not the first one.
  compiled ??= new Ajv({ allErrors: true }).compile(schema);
  return compiled;
}

/** One ajv error as a line: JSON Pointer of the value, then what is wrong with it. */
function describe(error: ErrorObject): string {
  const where = error.instancePath === '' ? '/' : error.instancePath;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `${where}: missing required field "${String(params.missingProperty)}"`;
    case 'additionalProperties':
      return `${where}: field "${String(params.additionalProperty)}" is not in HAR 1.2 (custom fields start with "_")`;
    case 'anyOf':
      // The schema's only anyOf: postData's text-or-params.
      return `${where}: has neither "text" nor "params" (HAR 1.2 requires one of them)`;
    default:
      return `${where}: ${error.message ?? error.keyword}`;
  }
}

/** Problems of `value` as a HAR 1.2 document, one line each, led by the JSON Pointer of the
 *  value ("/log/entries/3/timings: missing required field "send""); empty when it is valid. */
export function validateHar(value: unknown): string[] {
  const validate = validator();
  if (validate(value)) return [];
  const errors = validate.errors ?? [];
  // An anyOf's branch errors only repeat its own line.
  const unions = errors.filter((e) => e.keyword === 'anyOf').map((e) => `${e.schemaPath}/`);
  const lines = errors.filter((e) => !unions.some((u) => e.schemaPath.startsWith(u))).map(describe);
  return [...new Set(lines)];
}
