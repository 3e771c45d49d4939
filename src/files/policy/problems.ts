import { where, type PolicyPath } from './where.js';

/** Collects problem lines (`rules[2].match.ip[0]: "10.0.0.0/33" is not …`) in the order found. */
export class Problems {
  readonly lines: string[] = [];

  add(path: PolicyPath, text: string): void {
    this.lines.push(`${where(path)}: ${text}`);
  }
}

/** A plain JSON object (not an array, not null), as the compiler walks a document ajv may have found wrong. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
