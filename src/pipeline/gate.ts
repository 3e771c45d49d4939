import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import type { HeadersOutput } from '../headers/index.js';
import type { UpstreamHead, UpstreamRequest } from './exchange.js';

/** A whole answer a gate gives in place of upstream's (a refused upload). */
export interface GateAnswer {
  readonly status: number;
  readonly headers: HeadersOutput;
  readonly body: Buffer;
}

/** A response for the pipeline to plan: upstream's, or one the gate put in its place. */
export interface GatedResponse {
  readonly head: UpstreamHead;
  readonly body: Readable;
}

/**
 * A checkpoint `Pipeline.handle` passes every exchange through, between the browser and
 * upstream (file control plugs in here, see `createFileControl`). The pipeline defines
 * this shape and knows nothing of what the gate decides, so the layers stay one-way.
 */
export interface ExchangeGate {
  /**
   * Before anything goes upstream. Resolves with the body to send (the same bytes,
   * perhaps read ahead and replayed) or with an answer for the browser: then upstream
   * is never contacted. Rejecting is a 502.
   */
  request(incoming: IncomingMessage, upstream: UpstreamRequest, body: Readable): Promise<{ readonly body: Readable } | { readonly answer: GateAnswer }>;
  /**
   * After upstream's head, before the pipeline plans the response. Resolves with the
   * response to plan: upstream's (its body perhaps read ahead and replayed) or a
   * replacement (a blocked or protected file).
   */
  response(incoming: IncomingMessage, upstream: UpstreamRequest, head: UpstreamHead, body: Readable): Promise<GatedResponse>;
}

/**
 * Thrown into a request body the gate let go upstream when it refuses the request after
 * all (an upload part announced late in a long body): `handle` aborts the upstream
 * request and sends the answer, when the browser has not had a response head yet.
 */
export class GateRefusal extends Error {
  override readonly name = 'GateRefusal';
  constructor(readonly answer: GateAnswer) {
    super(`request refused by the gate (${answer.status})`);
  }
}
