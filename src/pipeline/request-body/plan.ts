import type { Transform } from 'node:stream';
import type { RewriteContext } from '../../context.js';
import { createJsonRequestEngine } from '../../json/index.js';
import { Latin1Processor, toNodeTransform, toWebTransformStream, type ByteProcessor } from '../../stream/index.js';
import { requestBodyType, type RequestBodyKind, type RequestBodyType } from './body-type.js';
import { FormEngine } from './form-engine.js';
import { MultipartEngine } from './multipart-engine.js';

/** What the pipeline does with one request body. */
export interface RequestBodyPlan {
  readonly kind: RequestBodyKind;
  /**
   * The body's rewriter as a Node `Transform` (bytes in, bytes out), or null when the
   * body passes untouched. Its length is not known in advance: drop `Content-Length`
   * (or use `mapRequestBodyBuffered` for an exact one).
   */
  readonly transform: Transform | null;
  /** The same rewriting as a new Web `TransformStream`, or null when the body passes untouched. */
  webStream(): TransformStream<Uint8Array, Uint8Array> | null;
}

/**
 * Decides by `Content-Type` how a request body is mapped back to upstream (see
 * `requestBodyType`). The body must be decoded (no `Content-Encoding`): a compressed
 * body has no text to map, so the caller decodes it first or lets it pass. A multipart
 * type without a usable boundary passes, reported as `request-body-unreadable`.
 */
export function planRequestBody(ctx: RewriteContext, contentType: string | readonly string[] | undefined): RequestBodyPlan {
  const type = reportedType(ctx, contentType);
  const processor = requestBodyProcessor(ctx, type);
  return {
    kind: type.kind,
    transform: processor === null ? null : toNodeTransform(processor),
    webStream: () => {
      const fresh = requestBodyProcessor(ctx, type);
      return fresh === null ? null : toWebTransformStream(fresh);
    },
  };
}

/** {@link requestBodyType}, reporting a body it cannot read. */
export function reportedType(ctx: RewriteContext, contentType: string | readonly string[] | undefined): RequestBodyType {
  const type = requestBodyType(contentType);
  if (type.unreadable !== undefined) {
    ctx.emit({ type: 'request-body-unreadable', reason: type.unreadable, message: 'multipart/form-data without a usable boundary parameter: the body passed unchanged' });
  }
  return type;
}

/** A fresh bytes-in, bytes-out processor for the body type, or null for `pass`. */
export function requestBodyProcessor(ctx: RewriteContext, type: RequestBodyType): ByteProcessor | null {
  switch (type.kind) {
    case 'form':
      return new Latin1Processor(ctx, 'request-body', new FormEngine(ctx));
    case 'json':
      return new Latin1Processor(ctx, 'request-body', createJsonRequestEngine(ctx));
    case 'multipart':
      return new Latin1Processor(ctx, 'request-body', new MultipartEngine(ctx, type.boundary as string));
    case 'pass':
      return null;
  }
}

/**
 * The whole body at once (the CLI's `spr rewrite --direction request`, tests): the same
 * bytes the streaming forms give for any chunking. A body that passes comes back as the
 * same array.
 */
export function mapRequestBody(ctx: RewriteContext, contentType: string | readonly string[] | undefined, body: Uint8Array): Uint8Array {
  const processor = requestBodyProcessor(ctx, reportedType(ctx, contentType));
  if (processor === null) return body;
  return concat([processor.write(body), processor.end()]);
}

/** The non-empty parts as one array (the part itself when there is one). */
export function concat(parts: ReadonlyArray<Uint8Array | null>): Uint8Array {
  const present = parts.filter((p): p is Uint8Array => p !== null && p.byteLength > 0);
  return present.length === 1 ? present[0] : Buffer.concat(present);
}
