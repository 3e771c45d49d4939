import type { RewriteContext } from '../context.js';
import { applyEdits, editsOf, isUrlOccurrence } from '../domain/index.js';
import { rewriteJs } from './rewrite.js';

/**
 * An `on*` attribute's value (already decoded from HTML): a classic-script function body,
 * where a bare `return` is allowed. Same rules and guarantees as {@link rewriteJs}.
 */
export function rewriteJsHandler(ctx: RewriteContext, code: string): string {
  return rewriteJs(ctx, code, { sourceType: 'script' });
}

const JAVASCRIPT_SCHEME = /^[\s\x00-\x1f]*javascript:/i;

/**
 * A `javascript:` URL (DESIGN rule 1): the code after the scheme goes through the
 * JavaScript rules as a classic script; the scheme and anything before it stay as they
 * are. Any other URL comes back unchanged (it is the URL rules' business).
 * The browser percent-decodes the code before running it, so a literal may hide behind
 * `%22`: hosts after `//` anywhere in such code are proxied too (rule 1 on the raw text).
 */
export function rewriteJavascriptUrl(ctx: RewriteContext, url: string): string {
  const m = JAVASCRIPT_SCHEME.exec(url);
  if (!m) return url;
  const prefix = m[0];
  const code = url.slice(prefix.length);
  let out = rewriteJs(ctx, code, { sourceType: 'script' });
  if (out.includes('%')) {
    const scanner = ctx.hosts.scanner;
    out = applyEdits(out, editsOf(scanner.scan(out), isUrlOccurrence));
  }
  return out === code ? url : prefix + out;
}
