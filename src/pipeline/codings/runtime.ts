import * as zlib from 'node:zlib';
import type { Transform } from 'node:stream';

/**
 * zstd as the running Node has it. `node:zlib` gained `createZstdCompress` and
 * `createZstdDecompress` in Node 23.8 / 22.15; Node 20 (this project's floor) has
 * neither, so zstd is decoded only where both factories exist. The lookup goes through
 * a plain record because @types/node 20 does not declare them.
 */
export interface ZstdFactories {
  compress(): Transform;
  decompress(chunkSize: number): Transform;
}

function findZstd(): ZstdFactories | null {
  const lib = zlib as unknown as Record<string, unknown>;
  const compress = lib['createZstdCompress'];
  const decompress = lib['createZstdDecompress'];
  if (typeof compress !== 'function' || typeof decompress !== 'function') return null;
  return {
    compress: () => (compress as () => Transform)(),
    decompress: (chunkSize) => (decompress as (options: { chunkSize: number }) => Transform)({ chunkSize }),
  };
}

/** null when the runtime cannot do zstd. */
export const zstd: ZstdFactories | null = findZstd();
