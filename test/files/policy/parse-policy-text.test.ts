import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePolicyText, PolicyError } from '../../../src/files/policy/index.js';
import { jsonSyntaxError } from '../../../src/files/policy/json-syntax-error.js';

function problemsOf(text: string, source?: string): { message: string; problems: readonly string[] } {
  try {
    parsePolicyText(text, source);
  } catch (err) {
    if (err instanceof PolicyError) return { message: err.message, problems: err.problems };
    throw err;
  }
  throw new Error('expected a PolicyError');
}

describe('parsePolicyText', () => {
  it('loads a policy from its text, with a byte order mark or without', () => {
    const text = '{ "rules": [ { "name": "a", "match": {}, "action": "monitor" } ] }';
    expect(parsePolicyText(text).rules).toEqual(['a']);
    expect(parsePolicyText(`\uFEFF${text}`).rules).toEqual(['a']);
  });

  it('names the line and column of a JSON syntax error', () => {
    // Line 3: `    { "name": "a", }` — the trailing comma is followed by `}` at column 20.
    const { message, problems } = problemsOf('{\n  "rules": [\n    { "name": "a", }\n  ]\n}', 'p.json');
    expect(problems).toHaveLength(1);
    expect(problems).toEqual(['line 3, column 20: not valid JSON: expected a property name in double quotes, not "}" (a comma before it?)']);
    expect(message).toBe(`p.json: ${problems[0]}`);
  });

  it('counts columns from 1 on the first line', () => {
    expect(problemsOf('nope').problems).toEqual(['line 1, column 1: not valid JSON: unexpected "n"']);
  });

  it('places text that ends too early at its end', () => {
    expect(problemsOf('{\n  "rules": [').problems).toEqual(['line 2, column 13: not valid JSON: unexpected end of text']);
  });

  it.each([
    ['{"rules": [] "x": 1}', 'line 1, column 14: not valid JSON: expected "," or "}", not "\\""'],
    ['{"rules" []}', 'line 1, column 10: not valid JSON: expected ":" after the property name, not "["'],
    ['{"rules": [1,]}', 'line 1, column 14: not valid JSON: unexpected "]" (a comma before it?)'],
    ['{"rules": []}}', 'line 1, column 14: not valid JSON: unexpected "}" after the end of the JSON value'],
    ['{"a": "x\\d"}', 'line 1, column 9: not valid JSON: an unknown escape "\\\\d" (a backslash is written \\\\ in JSON)'],
    ['{"a": "x\n"}', 'line 1, column 9: not valid JSON: a line break or control character inside a string (write \\n, \\t, …)'],
    ['{"a": 01}', 'line 1, column 8: not valid JSON: expected "," or "}", not "1"'],
    ["{'rules': []}", 'line 1, column 2: not valid JSON: expected a property name in double quotes, not "\'"'],
  ])('says why %j is not JSON', (text, problem) => {
    expect(problemsOf(text).problems).toEqual([problem]);
  });

  it('finds a syntax error exactly when JSON.parse does', () => {
    const parses = (text: string) => {
      try {
        JSON.parse(text);
        return true;
      } catch {
        return false;
      }
    };
    const texts = fc.oneof(
      fc.json(),
      fc.string({ unit: fc.constantFrom(...'{}[]:,"\\ \n0123456789-+.eEtrufalsn\u0001') }),
      fc.json().chain((t) => fc.nat(t.length).map((n) => t.slice(0, n) + t.slice(n + 1))),
    );
    fc.assert(
      fc.property(texts, (text) => {
        expect(jsonSyntaxError(text) === null).toBe(parses(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('says an empty file is empty', () => {
    expect(problemsOf(' \n').problems).toEqual(['the file is empty (a policy is a JSON object with "rules")']);
  });

  it('reports the problems of valid JSON that is not a valid policy, headed by the source', () => {
    const { message, problems } = problemsOf('{"rules": [], "decide": "last"}', 'policy.json');
    expect(problems).toEqual(['decide: "last" is not one of first, strictest']);
    expect(message).toBe('policy.json: decide: "last" is not one of first, strictest');
  });
});
