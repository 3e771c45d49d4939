import type { RewriteContext } from '../../src/context.js';
import { recordingContext, type TestContextOptions } from '../helpers/context.js';
import type { RewriteEvent } from '../../src/domain/index.js';
import { HtmlByteRewriter, type HtmlOptions } from '../../src/html/index.js';

/** `example.com` and its subdomains behind `proxy.test`; events collected. */
export function testContext(extra: TestContextOptions = {}): RewriteContext & { events: RewriteEvent[] } {
  const { ctx, events } = recordingContext(extra);
  return Object.assign(ctx, { events });
}

/** Runs bytes through the byte rewriter in the given chunk sizes (cycled). */
export function runChunked(ctx: RewriteContext, input: Buffer, sizes: number[], options: HtmlOptions = {}): Buffer {
  const r = new HtmlByteRewriter(ctx, options);
  const parts: Buffer[] = [];
  let i = 0;
  let k = 0;
  while (i < input.length) {
    const size = Math.max(1, sizes[k++ % sizes.length] as number);
    const out = r.write(input.subarray(i, i + size));
    if (out) parts.push(Buffer.from(out));
    i += size;
  }
  const end = r.end();
  if (end) parts.push(Buffer.from(end));
  return Buffer.concat(parts);
}
