import { Readable } from 'node:stream';
import type { RewriteContext } from '../../context.js';
import type { ByteProcessor } from '../../stream/index.js';
import type { RequestBodyKind } from './body-type.js';
import type { RequestBodyFraming } from './framing.js';
import { concat, reportedType, requestBodyProcessor } from './plan.js';

/** A request body mapped back, with the framing it must be sent with. */
export interface MappedRequestBody {
  readonly kind: RequestBodyKind;
  readonly framing: RequestBodyFraming;
  /** The whole mapped body when `framing.type` is `length`; null otherwise. */
  readonly bytes: Uint8Array | null;
  /** The body to send, whatever the framing (for `unchanged`, the source itself when it is a Node stream). */
  readonly stream: Readable;
}

/** Options of {@link mapRequestBodyBuffered}. */
export interface RequestBodyBufferOptions {
  /** The most body bytes read before giving up on an exact length and streaming. Default: `maxBufferBytes`. */
  readonly maxBytes?: number;
}

/**
 * Maps a request body back to upstream with an exact `Content-Length` when it can:
 * a body of a mapped kind is read up to `maxBytes` (default the context's
 * `maxBufferBytes`); if it ends within that, it is mapped whole and framed `length`
 * (upstreams that refuse chunked requests get what they need, and the mapped length is
 * exact); if not, what was read and the rest stream through the same rewriter, framed
 * `chunked` (memory stays bounded). A body that passes is not read at all: framed
 * `unchanged`. `body` is any async iterable of bytes: a Node `IncomingMessage`, a Web
 * `ReadableStream`. Output bytes are the same in every case.
 */
export async function mapRequestBodyBuffered(
  ctx: RewriteContext, contentType: string | readonly string[] | undefined, body: AsyncIterable<Uint8Array>, options: RequestBodyBufferOptions = {},
): Promise<MappedRequestBody> {
  const type = reportedType(ctx, contentType);
  const processor = requestBodyProcessor(ctx, type);
  if (processor === null) {
    return { kind: type.kind, framing: { type: 'unchanged' }, bytes: null, stream: body instanceof Readable ? body : Readable.from(body, { objectMode: false }) };
  }
  const max = options.maxBytes ?? ctx.limits.maxBufferBytes;
  const source = body[Symbol.asyncIterator]();
  const read: Uint8Array[] = [];
  let size = 0;
  while (size <= max) {
    const next = await source.next();
    if (next.done === true) {
      const bytes = concat([processor.write(concat(read)), processor.end()]);
      return { kind: type.kind, framing: { type: 'length', length: bytes.byteLength }, bytes, stream: Readable.from([bytes], { objectMode: false }) };
    }
    const chunk = asBytes(next.value);
    read.push(chunk);
    size += chunk.byteLength;
  }
  return { kind: type.kind, framing: { type: 'chunked' }, bytes: null, stream: Readable.from(streamRest(processor, read, source), { objectMode: false }) };
}

/** What was read, then the rest of the source, through the processor. */
async function* streamRest(processor: ByteProcessor, read: Uint8Array[], source: AsyncIterator<Uint8Array>): AsyncGenerator<Uint8Array> {
  let done = false;
  try {
    for (const chunk of read.splice(0)) {
      const out = processor.write(chunk);
      if (out !== null && out.byteLength > 0) yield out;
    }
    for (let next = await source.next(); next.done !== true; next = await source.next()) {
      const out = processor.write(asBytes(next.value));
      if (out !== null && out.byteLength > 0) yield out;
    }
    done = true;
    const last = processor.end();
    if (last !== null && last.byteLength > 0) yield last;
  } finally {
    // The consumer stopped early: let the source release what it holds.
    if (!done) await source.return?.();
  }
}

function asBytes(chunk: unknown): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk;
  throw new TypeError(`a request body yields bytes (Uint8Array), not ${typeof chunk}; a Node stream must not have an encoding set`);
}
