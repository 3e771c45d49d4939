import type { RewriteContext } from '../context.js';
import { rewriteCss, rewriteStyleAttribute } from '../css/index.js';
import { rewriteJavascriptUrl, rewriteJs, rewriteJsHandler } from '../js/index.js';
import { rewriteJson } from '../json/index.js';
import { LexicalCodeRewriter } from './lexical-fallback.js';

/** The language of an inline body or attribute value. */
export type InlineKind = 'classic' | 'module' | 'json' | 'css' | 'html';

/**
 * Runs a content rewriter on one inline unit. A rewriter that throws must not lose the
 * page: the unit then goes through the lexical fallback, and the failure is reported.
 */
function guarded(ctx: RewriteContext, what: string, source: string, run: () => string): string {
  try {
    return run();
  } catch (err) {
    ctx.emit({ type: 'html-inline-fallback', message: `${what} rewriter failed (${(err as Error).message}); lexical fallback used` });
    const lex = new LexicalCodeRewriter(ctx);
    return lex.push(source) + lex.end();
  }
}

/** A whole inline `<script>` or `<style>` body. `html` (for `<noscript>`) is given by the caller. */
export function rewriteInlineBody(ctx: RewriteContext, kind: Exclude<InlineKind, 'html'>, source: string): string {
  // CSS decides for itself: an escape (`example\2e com`) spells a host with no host text.
  if (kind !== 'css' && !ctx.hosts.code.mayContain(source)) return source;
  switch (kind) {
    case 'classic': return guarded(ctx, 'JS', source, () => rewriteJs(ctx, source, { sourceType: 'script' }));
    case 'module': return guarded(ctx, 'JS', source, () => rewriteJs(ctx, source, { sourceType: 'module' }));
    case 'json': return guarded(ctx, 'JSON', source, () => rewriteJson(ctx, source));
    case 'css': return guarded(ctx, 'CSS', source, () => rewriteCss(ctx, source));
  }
}

/** An `on*` event handler attribute's code (a function body: a bare `return` is fine). */
export function rewriteHandler(ctx: RewriteContext, code: string): string {
  if (!ctx.hosts.code.mayContain(code)) return code;
  return guarded(ctx, 'JS', code, () => rewriteJsHandler(ctx, code));
}

/** A `javascript:` URL: its code through the JS rules, the scheme and what precedes it kept. */
export function rewriteJavascriptUrlValue(ctx: RewriteContext, url: string): string {
  if (!ctx.hosts.code.mayContain(url)) return url;
  return guarded(ctx, 'JS', url, () => rewriteJavascriptUrl(ctx, url));
}

/** A `style` attribute's declarations (CSS decides for itself, see {@link rewriteInlineBody}). */
export function rewriteStyle(ctx: RewriteContext, value: string): string {
  return guarded(ctx, 'CSS', value, () => rewriteStyleAttribute(ctx, value));
}

/** A JSON attribute value (rule 3 on every string). */
export function rewriteJsonValue(ctx: RewriteContext, value: string): string {
  if (!ctx.hosts.code.mayContain(value)) return value;
  return guarded(ctx, 'JSON', value, () => rewriteJson(ctx, value));
}
