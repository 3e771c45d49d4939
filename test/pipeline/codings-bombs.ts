import { once } from 'node:events';
import type { Transform } from 'node:stream';
import { constants, createBrotliCompress, createGzip } from 'node:zlib';

const MiB = 1024 * 1024;

/**
 * `total` zero bytes streamed through `compressor`, 1 MiB at a time: a decompression bomb
 * built without ever allocating its decoded size. Shared by the tests and the bench.
 */
export async function compressZeros(compressor: Transform, total: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  compressor.on('data', (c: Buffer) => parts.push(c));
  const ended = once(compressor, 'end');
  const zeros = Buffer.alloc(MiB);
  for (let left = total; left > 0; left -= zeros.length) {
    if (!compressor.write(zeros.subarray(0, Math.min(left, zeros.length)))) await once(compressor, 'drain');
  }
  compressor.end();
  await ended;
  return Buffer.concat(parts);
}

/** Brotli of `total` zeros at quality 1 (about 1 GiB per 100 ms, about 5500:1). */
export function brotliZeros(total: number): Promise<Buffer> {
  return compressZeros(createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: 1 } }), total);
}

/** gzip of `total` zeros at level 9 (deflate's best, about 1030:1). */
export function gzipZeros(total: number): Promise<Buffer> {
  return compressZeros(createGzip({ level: 9 }), total);
}
