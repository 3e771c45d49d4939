import * as streams from 'node:stream';
import type { Duplex } from 'node:stream';
import type { RewriteContext } from '../context.js';
import { toNodeTransform } from '../stream/index.js';
import { decideBody } from './body-decider.js';
import { createDecoder, createEncoder } from './codings/index.js';
import { GatedProcessor } from './gated-processor.js';
import type { ResponseDraft } from './response-plan.js';
import type { PipelineSettings } from './settings.js';

// stream.compose is in Node 20 (experimental there, stable API since) but not in @types/node 20.
const compose = (streams as unknown as { compose(...s: Duplex[]): Duplex }).compose;

/**
 * The Node body transform of a rewritten response: undo the codings (within the decode
 * limits), run the rewriter the first bytes call for, re-apply the codings in the same
 * order. One Duplex: an error anywhere destroys the whole chain.
 */
export function nodeBodyTransform(ctx: RewriteContext, settings: PipelineSettings, rewrite: NonNullable<ResponseDraft['rewrite']>): Duplex {
  const gate = toNodeTransform(new GatedProcessor(decideBody(ctx, rewrite.traits)));
  if (rewrite.codings.length === 0) return gate;
  return compose(createDecoder(rewrite.codings, settings.decodeLimits), gate, createEncoder(rewrite.codings));
}
