import type { Transform } from 'node:stream';

/**
 * Wraps a Node Transform (bytes in, bytes out) as a Web `TransformStream`, for fetch,
 * undici and worker-style handlers. Errors of the Node stream error the Web stream.
 */
export function toWebTransformStream(node: Transform): TransformStream<Uint8Array, Uint8Array> {
  return new TransformStream<Uint8Array, Uint8Array>({
    start(controller) {
      node.on('data', (chunk: Buffer) => controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)));
      node.on('error', (err) => controller.error(err));
    },
    transform(chunk) {
      return new Promise<void>((resolve, reject) => {
        node.write(chunk, (err) => (err ? reject(err) : resolve()));
      });
    },
    flush() {
      return new Promise<void>((resolve, reject) => {
        node.once('end', resolve);
        node.once('error', reject);
        node.end();
      });
    },
  });
}
