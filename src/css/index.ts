/**
 * `src/css`: CSS rewriting. Protected hosts in `url()` (every spelling), `@import`,
 * `image-set()`, `src()` and `@font-face` sources are proxied with the URL rules, other
 * strings with the code-string rule; `data:` URLs, comments, `@namespace` and everything
 * outside strings and url tokens are left byte-identical. One streaming tokenizer
 * (CSS Syntax Level 3) serves the string helpers and the Transform alike.
 */
import type { Transform } from 'node:stream';
import type { RewriteContext } from '../context.js';
import { CssTokenRewriter } from './tokenizer.js';
import { toNodeTransform } from '../stream/index.js';
import { createCssProcessor } from './stream.js';

export { createCssProcessor } from './stream.js';

export { CssTokenRewriter } from './tokenizer.js';
export { rewriteBody, type BodyRole } from './body-rewrite.js';
export { decodeEscapes, type DecodedText } from './escapes.js';

/**
 * Rewrites a whole stylesheet (a `.css` body or a `<style>` element's text).
 * Never throws: on an internal failure it reports `css-error` and returns the source.
 */
export function rewriteCss(ctx: RewriteContext, source: string): string {
  // Fast path: no host in any form, and no escape that could spell one.
  if (!ctx.hosts.scanner.mayContain(source) && source.indexOf('\\') < 0) return source;
  const engine = new CssTokenRewriter(ctx);
  try {
    return engine.write(source) + engine.end();
  } catch (err) {
    ctx.emit({ type: 'css-error', message: `CSS rewriting failed, the stylesheet passes through unrewritten: ${String(err)}` });
    return source;
  }
}

/**
 * Rewrites a `style` attribute's value (a declaration list). The same tokenizer as a
 * stylesheet: the grammar differences do not change where URLs and strings are.
 */
export function rewriteStyleAttribute(ctx: RewriteContext, value: string): string {
  return rewriteCss(ctx, value);
}

/**
 * A Node Transform, bytes in, bytes out: the streaming form of {@link rewriteCss}.
 * Chunk-invariant; memory bounded by `ctx.limits.maxBufferBytes` (at least 2 KiB) per
 * token: a longer string or url() is rewritten in windows cut where its own text says,
 * reported as `css-token-too-long`.
 */
export function createCssStream(ctx: RewriteContext): Transform {
  return toNodeTransform(createCssProcessor(ctx));
}
