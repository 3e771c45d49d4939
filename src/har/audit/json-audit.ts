import { checkCodeString, type AuditScope, type Region } from './findings.js';

/**
 * JSON: every string, keys and values, decoded with `JSON.parse` and judged like a code
 * string (a URL in it, or the whole string one URL). Strings are found by a lexer of
 * JSON's string syntax rather than by walking `JSON.parse`'s result, so each escape keeps
 * its place in the body, and a body that is not quite JSON (JSONP, a trailing comma, a
 * capture cut short) is read all the same. Outside strings JSON has no `"`, so every `"`
 * there opens one. Linear.
 */
export function auditJson(source: string, region: Region, where: string, scope: AuditScope): void {
  let i = source.indexOf('"');
  while (i !== -1) {
    const end = closingQuote(source, i + 1);
    const raw = source.slice(i, end + 1);
    if (mayHoldUrl(raw)) {
      const value = decode(raw);
      if (value !== null) checkCodeString(scope, value, 'json-string', where, region, i, end + 1);
    }
    if (end >= source.length) return;
    i = source.indexOf('"', end + 1);
  }
}

/** The index of the `"` closing the string whose text starts at `from` (the length when unterminated). */
function closingQuote(source: string, from: number): number {
  let j = from;
  while (j < source.length) {
    const c = source.charCodeAt(j);
    if (c === 0x22) return j;
    j += c === 0x5c ? 2 : 1;
  }
  return source.length;
}

/** A URL needs a `/` (or an escape of one, or `%2F`) or at least a scheme's `:`. */
function mayHoldUrl(raw: string): boolean {
  return raw.length > 4 && (raw.includes('/') || raw.includes('\\') || raw.includes('%') || raw.includes(':'));
}

/** The string's value; its escapes read by hand when it is no valid JSON string (raw control characters, cut short). */
function decode(raw: string): string | null {
  try {
    return JSON.parse(raw.endsWith('"') && raw.length > 1 ? raw : raw + '"') as string;
  } catch {
    return raw.slice(1).replace(/\\(?:\/|u002[fF])/g, '/');
  }
}
