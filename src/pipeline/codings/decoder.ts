import { createBrotliDecompress, createGunzip } from 'node:zlib';
import { PassThrough, type Transform } from 'node:stream';
import { requireCodings, type Coding } from './coding.js';
import { createDeflateDecoder } from './deflate-format.js';
import { DEFAULT_DECODE_LIMITS, DecodeMeter, resolveLimits, type DecodeLimits } from './limits.js';
import { zstd } from './runtime.js';
import { StageChain } from './stage-chain.js';

/**
 * Output chunk of each decoding stage. zlib's 16 KiB default costs one JS round trip per
 * 16 KiB; 64 KiB halves the time to decode (or refuse) a long body, and backpressure
 * still holds each stage to about one chunk.
 */
export const DECODE_CHUNK_BYTES = 64 * 1024;

function decoderFor(coding: Coding): Transform {
  switch (coding) {
    case 'gzip':
      return createGunzip({ chunkSize: DECODE_CHUNK_BYTES });
    case 'deflate':
      return createDeflateDecoder(DECODE_CHUNK_BYTES);
    case 'br':
      return createBrotliDecompress({ chunkSize: DECODE_CHUNK_BYTES });
    case 'zstd':
      return (zstd as NonNullable<typeof zstd>).decompress(DECODE_CHUNK_BYTES);
  }
}

/**
 * A Transform that undoes `codings` (as parseContentEncoding lists them, in the order
 * they were applied) by decoding them in reverse: `gzip, br` is br-decoded, then
 * gunzipped. Corrupt or truncated input, and a crossed limit (DecodeLimitError), are
 * errors of the Transform; the caller then destroys the client response, so a body cut
 * short upstream never looks complete. No codings gives a PassThrough. Throws RangeError
 * for codings this runtime cannot decode (check canDecode first).
 */
export function createDecoder(codings: readonly Coding[], limits: Partial<DecodeLimits> = DEFAULT_DECODE_LIMITS): Transform {
  const order = requireCodings(codings).reverse();
  const meter = new DecodeMeter(resolveLimits(limits));
  if (order.length === 0) return new PassThrough();
  const chain: StageChain = new StageChain(() => order.map(decoderFor), {
    onOutput: (stage, chunk) => meter.output(stage, chunk.length, chain.bytesWritten),
  });
  return chain;
}
