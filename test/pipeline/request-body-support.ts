import type { RewriteContext } from '../../src/context.js';
import { mapRequestBody, planRequestBody } from '../../src/pipeline/request-body/index.js';
import { runChunks, splitAt } from '../helpers/streams.js';

/** The body mapped whole, as Latin-1 text (one character per byte). */
export function mapText(ctx: RewriteContext, contentType: string, body: string): string {
  return Buffer.from(mapRequestBody(ctx, contentType, Buffer.from(body, 'latin1'))).toString('latin1');
}

/** The body through the plan's Node Transform, cut at `cuts`. */
export async function mapInChunks(ctx: RewriteContext, contentType: string, body: Buffer, cuts: readonly number[]): Promise<Buffer> {
  const plan = planRequestBody(ctx, contentType);
  if (plan.transform === null) throw new Error(`${contentType} passes: no transform`);
  return runChunks(plan.transform, splitAt(body, cuts));
}
