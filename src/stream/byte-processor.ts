import { Transform } from 'node:stream';

/**
 * A synchronous bytes-in, bytes-out rewriter: the one shape every content rewriter has,
 * so the Node `Transform` and the Web `TransformStream` are two thin adapters of the
 * same code. `write` and `end` never throw for bad input.
 */
export interface ByteProcessor {
  write(chunk: Uint8Array): Uint8Array | null;
  end(): Uint8Array | null;
}

function asBytes(chunk: unknown, encoding: BufferEncoding): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk;
  return Buffer.from(String(chunk), encoding);
}

/** A Node `Transform` (bytes in, bytes out) around a processor. */
export function toNodeTransform(processor: ByteProcessor): Transform {
  return new Transform({
    transform(chunk: unknown, encoding, callback) {
      try {
        const out = processor.write(asBytes(chunk, encoding));
        callback(null, out !== null && out.byteLength > 0 ? out : undefined);
      } catch (err) {
        callback(err as Error);
      }
    },
    flush(callback) {
      try {
        const out = processor.end();
        callback(null, out !== null && out.byteLength > 0 ? out : undefined);
      } catch (err) {
        callback(err as Error);
      }
    },
  });
}

/** A Web `TransformStream<Uint8Array, Uint8Array>` (fetch, undici, workers) around a processor. */
export function toWebTransformStream(processor: ByteProcessor): TransformStream<Uint8Array, Uint8Array> {
  return new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      const out = processor.write(chunk);
      if (out !== null && out.byteLength > 0) controller.enqueue(out);
    },
    flush(controller) {
      const out = processor.end();
      if (out !== null && out.byteLength > 0) controller.enqueue(out);
    },
  });
}
