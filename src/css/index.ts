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
export { decodeEscapes, type DecodedText } from './decoded-text.js';

/**
 * Rewrites a whole stylesheet (a `.css` body or a `<style>` element's text).
 * Never throws: on an internal failure it reports `css-error` and returns the source.
 */
export function rewriteCss(ctx: RewriteContext, source: string): string {
  if (!mayRewriteCss(ctx, source)) return source;
  const engine = new CssTokenRewriter(ctx);
  try {
    return engine.write(source) + engine.end();
  } catch (err) {
    ctx.emit({ type: 'css-error', message: `CSS rewriting failed, the stylesheet passes through unrewritten: ${String(err)}` });
    return source;
  }
}

/**
 * What can spell a host in a string or url token without the host's text: an escape
 * (`\2e `), a tab the URL parser drops (a string may hold one; a raw newline ends it),
 * a percent-encoded byte, a non-ASCII character its host parser maps.
 */
const HOST_SPELLING = /[\\\t\u0080-\uffff]|%[0-9A-Fa-f]{2}/;

/**
 * The stylesheet fast path (and the precheck for a caller holding CSS, such as a
 * `style` attribute): false only when no string or url token of `source` can hold a
 * protected host in any spelling. Otherwise the tokenizer runs and each value
 * gets the URL rule's own precise precheck. `mayRewriteUrl('')` is true when that
 * precheck can rule nothing out (a protected IPv4 address, which bare numbers spell).
 */
export function mayRewriteCss(ctx: RewriteContext, source: string): boolean {
  return ctx.hosts.scanner.mayContain(source) || HOST_SPELLING.test(source) || ctx.hosts.mayRewriteUrl('');
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
