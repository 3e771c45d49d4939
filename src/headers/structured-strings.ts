import type { RewriteContext } from '../context.js';
import { applyEdits, codeStringEdits, type Edit } from '../domain/index.js';
import { forEachQuotedString } from './quoted-string.js';

/**
 * `Report-To` holds JSON (one object or a comma-separated list of them, which is not
 * valid JSON as a whole), so it is not parsed: every JSON string body gets the data
 * rules (rule 3), in place, every other byte kept.
 */
export function rewriteJsonStrings(ctx: RewriteContext, value: string): string {
  const scanner = ctx.hosts.scanner;
  if (!scanner.mayContain(value)) return value;
  const edits: Edit[] = [];
  forEachQuotedString(value, (from, to) => {
    if (scanner.mayContain(value.slice(from, to))) for (const e of codeStringEdits(scanner, value, from, to)) edits.push(e);
  });
  return applyEdits(value, edits);
}

/**
 * `Reporting-Endpoints: default="https://app.example.com/r", csp="/csp"`: a structured
 * dictionary whose string members are URLs (rules 1–2 on each).
 */
export function rewriteQuotedUrls(ctx: RewriteContext, value: string): string {
  if (!ctx.hosts.scanner.mayContain(value)) return value;
  const edits: Edit[] = [];
  forEachQuotedString(value, (from, to) => {
    const body = value.slice(from, to);
    const rewritten = ctx.hosts.url(body);
    if (rewritten !== body) edits.push({ start: from, end: to, text: rewritten });
  });
  return applyEdits(value, edits);
}
