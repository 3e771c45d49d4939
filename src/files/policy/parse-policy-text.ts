import type { Policy } from './policy.js';
import { PolicyError } from './policy-error.js';
import { jsonSyntaxError } from './json-syntax-error.js';
import { loadPolicy } from './load-policy.js';

/**
 * A policy from the text of a policy file. Text that is not JSON is one problem naming
 * the line and column (`line 3, column 5: not valid JSON: …`); `source` (a file name)
 * heads the error's message.
 */
export function parsePolicyText(text: string, source?: string): Policy {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text; // editors on Windows write a BOM
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (err) {
    throw new PolicyError([syntaxProblem(body, (err as Error).message)], source);
  }
  return loadPolicy(value, source);
}

function syntaxProblem(text: string, message: string): string {
  if (text.trim() === '') return 'the file is empty (a policy is a JSON object with "rules")';
  // Our scanner agrees with JSON.parse on what is JSON; should it ever not, V8's words are kept.
  const error = jsonSyntaxError(text) ?? { offset: text.length, message };
  const before = text.slice(0, error.offset);
  const line = before.split('\n').length;
  const column = error.offset - (before.lastIndexOf('\n') + 1) + 1;
  return `line ${line}, column ${column}: not valid JSON: ${error.message}`;
}
