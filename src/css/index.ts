import { Transform } from 'node:stream';
import type { RewriteContext } from '../context.js';

/** STUB (issue 3 replaces it): a stylesheet. */
export function rewriteCss(ctx: RewriteContext, source: string): string {
  return ctx.hosts.codeString(source);
}

/** STUB (issue 3 replaces it): a `style` attribute's declarations. */
export function rewriteStyleAttribute(ctx: RewriteContext, value: string): string {
  return rewriteCss(ctx, value);
}

/** STUB (issue 3 replaces it): a Node Transform, bytes in, bytes out. */
export function createCssStream(ctx: RewriteContext): Transform {
  const chunks: Buffer[] = [];
  return new Transform({
    transform(chunk: Buffer, _enc, cb) { chunks.push(chunk); cb(); },
    flush(cb) { cb(null, Buffer.from(rewriteCss(ctx, Buffer.concat(chunks).toString('utf8')))); },
  });
}
