import { Transform } from 'node:stream';
import type { RewriteContext } from '../context.js';

/** How to read a script. `auto` tries a classic script, then a module. */
export type SourceType = 'script' | 'module' | 'auto';

export interface JsOptions {
  sourceType?: SourceType;
}

/** STUB (issue 3 replaces it): DESIGN rule 3 applied to JavaScript source. */
export function rewriteJs(ctx: RewriteContext, source: string, options: JsOptions = {}): string {
  void options;
  return ctx.hosts.codeString(source);
}

/** STUB (issue 3 replaces it): a Node Transform, bytes in, bytes out. */
export function createJsStream(ctx: RewriteContext, options: JsOptions = {}): Transform {
  const chunks: Buffer[] = [];
  return new Transform({
    transform(chunk: Buffer, _enc, cb) { chunks.push(chunk); cb(); },
    flush(cb) { cb(null, Buffer.from(rewriteJs(ctx, Buffer.concat(chunks).toString('utf8'), options))); },
  });
}
