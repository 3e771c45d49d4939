import type { RewriteContext } from '../context.js';
import { Latin1Processor, type ByteProcessor } from '../stream/index.js';
import { CssTokenRewriter } from './tokenizer.js';

/**
 * Rewrites a stylesheet as it flows, bytes in, bytes out, read as Latin-1 (CSS syntax
 * and every edit are ASCII). An internal failure is reported as `css-error` and the rest
 * of the body passes through unrewritten: nothing is ever lost or thrown out.
 */
export function createCssProcessor(ctx: RewriteContext): ByteProcessor {
  return new Latin1Processor(ctx, 'css', new CssTokenRewriter(ctx, true));
}
