import { constants, createBrotliCompress, createDeflate, createGzip } from 'node:zlib';
import { PassThrough, type Transform } from 'node:stream';
import { requireCodings, type Coding } from './coding.js';
import { zstd } from './runtime.js';
import { StageChain } from './stage-chain.js';

export interface EncoderOptions {
  /** gzip and deflate level, 0 to 9. Default 6, zlib's own default. */
  zlibLevel?: number;
  /**
   * Brotli quality, 0 to 11. Default 4: brotli's default 11 runs at about 1 MB/s, far too
   * slow on the fly; 4 is what on-the-fly servers use, near gzip's speed, smaller output.
   */
  brotliQuality?: number;
}

const DEFAULT_ZLIB_LEVEL = 6;
const DEFAULT_BROTLI_QUALITY = 4;

function encoderFor(coding: Coding, options: EncoderOptions): Transform {
  switch (coding) {
    case 'gzip':
      return createGzip({ level: options.zlibLevel ?? DEFAULT_ZLIB_LEVEL });
    case 'deflate':
      return createDeflate({ level: options.zlibLevel ?? DEFAULT_ZLIB_LEVEL });
    case 'br':
      return createBrotliCompress({ params: { [constants.BROTLI_PARAM_QUALITY]: options.brotliQuality ?? DEFAULT_BROTLI_QUALITY } });
    case 'zstd':
      return (zstd as NonNullable<typeof zstd>).compress();
  }
}

/**
 * A Transform that applies `codings` in the order listed, so its output carries the same
 * Content-Encoding header as the body decoded. `deflate` is always written zlib-wrapped,
 * the RFC 9110 form every browser accepts, even when raw deflate came in. A body of zero
 * bytes stays zero bytes. No codings gives a PassThrough. Throws RangeError for codings
 * this runtime cannot encode.
 */
export function createEncoder(codings: readonly Coding[], options: EncoderOptions = {}): Transform {
  const order = requireCodings(codings);
  if (order.length === 0) return new PassThrough();
  return new StageChain(() => order.map((coding) => encoderFor(coding, options)));
}
