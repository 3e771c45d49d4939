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
 * The text reading of a URL value: every `url` occurrence the scanner finds edited.
 * `data:`, `blob:`, `about:`, `mailto:`, `tel:` and `javascript:` come back unchanged.
 * Forward, URL positions are decided by the URL parser instead (url-rule.ts); this is
 * the request direction's rule (`upstreamUrl`), where only exact twins map back.
 */
export function rewriteUrlValue(scanner: HostScanner, value: string): string {
  if (!scanner.mayContain(value) || NEVER_REWRITTEN.test(value)) return value;
  return applyEdits(value, editsOf(scanner.scan(value), isUrlOccurrence));
}
