import type { RewriteContext } from '../context.js';
import { applyEdits, type Edit } from '../domain/index.js';
import { forEachQuotedString } from './quoted-string.js';
import { sfString, sfStringItems } from './sf-strings.js';

/**
 * `Report-To` holds JSON (one object or a comma-separated list of them, which is not
 * valid JSON as a whole), so it is not parsed: every JSON string body gets the data
 * rules (rule 3), in place, every other byte kept. A body the browser will read as a URL
 * (the endpoints' `url` members: JSON-decoded, then URL-parsed) is checked by the URL
 * rules on its decoded value too, so `\u002e` or `%2E` spellings cannot hide a host.
 */
export function rewriteJsonStrings(ctx: RewriteContext, value: string): string {
  const edits: Edit[] = [];
  forEachQuotedString(value, (from, to) => {
    if (from === to) return;
    const body = value.slice(from, to);
    const coded = ctx.hosts.codeString(body);
    const text = rewriteJsonUrl(ctx, coded) ?? coded;
    if (text !== body) edits.push({ start: from, end: to, text });
  });
  return applyEdits(value, edits);
}

/** A JSON string body whose decoded value is a URL the URL rules change: the rewritten body; else null. */
function rewriteJsonUrl(ctx: RewriteContext, body: string): string | null {
  // An absolute URL has a `:`, written out or escaped (`\u003a`).
  if (!body.includes(':') && !body.includes('\\')) return null;
  let decoded: unknown;
  try {
    decoded = JSON.parse('"' + body + '"');
  } catch {
    return null;
  }
  if (typeof decoded !== 'string') return null;
  const rewritten = ctx.hosts.url(decoded);
  return rewritten === decoded ? null : JSON.stringify(rewritten).slice(1, -1);
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
