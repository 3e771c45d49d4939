import { applyEdits, type Edit } from './edits.js';
import type { HostScanner, HostOccurrence } from './scanner.js';

/** DESIGN rule 3: in code and data strings, a host is proxied in a URL, as the whole string, or regex-escaped. */
export function isCodeOccurrence(o: HostOccurrence): boolean {
  return o.context === 'url' || o.context === 'whole' || o.context === 'regex';
}

/** DESIGN rules 1 and 2: in a URL position only hosts after `//` (in any spelling) are proxied. */
export function isUrlOccurrence(o: HostOccurrence): boolean {
  return o.context === 'url';
}

/** Collects the edits of the occurrences `accept` keeps. */
export function editsOf(occurrences: readonly HostOccurrence[], accept: (o: HostOccurrence) => boolean): Edit[] {
  const out: Edit[] = [];
  for (const o of occurrences) if (accept(o)) for (const e of o.edits) out.push(e);
  return out;
}

/**
 * Rule 3 edits for one string's contents `text[from, to)` (a JS literal body, a JSON
 * string body, a CSS string).
 */
export function codeStringEdits(scanner: HostScanner, text: string, from: number, to: number): Edit[] {
  return editsOf(scanner.scan(text, from, to, { start: from, end: to }), isCodeOccurrence);
}

/** Rule 3 applied to a whole string value. */
export function rewriteCodeString(scanner: HostScanner, value: string): string {
  if (!scanner.mayContain(value)) return value;
  return applyEdits(value, codeStringEdits(scanner, value, 0, value.length));
}

const NEVER_REWRITTEN = /^[\s\x00-\x1f]*(?:data|blob|about|mailto|tel|javascript):/i;

/**
 * Rules 1 and 2 for a value in a URL position: the URL's own host and URLs nested in
 * it (`?return=https%3A%2F%2F…`). `data:`, `blob:`, `about:`, `mailto:`, `tel:` and
 * `javascript:` come back unchanged (the last is the caller's to hand to the JS rules).
 */
export function rewriteUrlValue(scanner: HostScanner, value: string): string {
  if (!scanner.mayContain(value) || NEVER_REWRITTEN.test(value)) return value;
  return applyEdits(value, editsOf(scanner.scan(value), isUrlOccurrence));
}
