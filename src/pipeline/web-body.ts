import type { RewriteContext } from '../context.js';
import { toWebTransformStream } from '../stream/index.js';
import { decideBody } from './body-decider.js';
import { GatedProcessor } from './gated-processor.js';
import type { ResponseDraft } from './response-plan.js';

/**
 * The Web body transform of a rewritten response. fetch has already undone the codings,
 * so this is the gate and the rewriter alone.
 */
export function webBody(ctx: RewriteContext, rewrite: NonNullable<ResponseDraft['rewrite']>): TransformStream<Uint8Array, Uint8Array> {
  return toWebTransformStream(new GatedProcessor(decideBody(ctx, rewrite.traits)));
}
