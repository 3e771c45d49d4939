import { createBrotliDecompress } from 'node:zlib';
import { PassThrough, type Transform } from 'node:stream';
import { requireCodings, type Coding } from './coding.js';
import { createDeflateDecoder } from './deflate-format.js';
import { createGzipDecoder } from './gzip-format.js';
import { DEFAULT_DECODE_LIMITS, DecodeMeter, resolveLimits, type DecodeLimits } from './limits.js';
import { zstd } from './runtime.js';
import { StageChain } from './stage-chain.js';

/**
 * Output chunk of each decoding stage. zlib's 16 KiB default costs one JS round trip per
 * 16 KiB; 64 KiB halves the time to decode (or refuse) a long body, and backpressure
 * still holds each stage to about one chunk.
 */
export const DECODE_CHUNK_BYTES = 64 * 1024;

/**
 * The decoder of one coding. A gzip header makes no output the meter could count, so its
 * size is held to the same absolute bound as a stage's output: a comment no longer than
 * `maxDecodedBytes` still decodes (Chromium bounds none), an endless one does not.
 */
function decoderFor(coding: Coding, limits: DecodeLimits): Transform {
  switch (coding) {
    case 'gzip':
      return createGzipDecoder(DECODE_CHUNK_BYTES, limits.maxDecodedBytes);
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
 * gunzipped (bytes after the first gzip member ignored, as Chromium does). Corrupt or
 * truncated input, and a crossed limit (DecodeLimitError), are errors of the Transform; the caller then destroys the client response, so a body cut
 * short upstream never looks complete. No codings gives a PassThrough. Throws RangeError
 * for codings this runtime cannot decode (check canDecode first).
 */
export function createDecoder(codings: readonly Coding[], limits: Partial<DecodeLimits> = DEFAULT_DECODE_LIMITS): Transform {
  const order = requireCodings(codings).reverse();
  const resolved = resolveLimits(limits);
  const meter = new DecodeMeter(resolved);
  if (order.length === 0) return new PassThrough();
  const chain: StageChain = new StageChain(() => order.map((coding) => decoderFor(coding, resolved)), {
    onOutput: (stage, chunk) => meter.output(stage, chunk.length, chain.bytesWritten),
  });
  return chain;
}
