import type { RewriteContext } from '../context.js';
import { applyEdits, codeStringEdits, type Edit } from '../domain/index.js';
import { forEachQuotedString } from './quoted-string.js';
import { sfString, sfStringItems } from './sf-strings.js';

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
 * A structured field whose string items are URLs (rules 1–2 on each, as the parser
 * reads it: `\\` and `\"` unescaped first, escaped again after):
 * `Reporting-Endpoints: default="https://app.example.com/r", csp="/csp"` (a dictionary)
 * and `Speculation-Rules: "/rules.json", "https://app.example.com/more.json"` (a list of
 * the URLs of speculation-rules JSON documents). Parameter values are names, not URLs,
 * and are left alone. No precheck of its own: `url()` has the sound one.
 */
export function rewriteSfUrls(ctx: RewriteContext, value: string): string {
  const edits: Edit[] = [];
  for (const item of sfStringItems(value)) {
    const rewritten = ctx.hosts.url(item.text);
    if (rewritten !== item.text) edits.push({ start: item.start, end: item.end, text: sfString(rewritten, item.closed) });
  }
  return applyEdits(value, edits);
}
