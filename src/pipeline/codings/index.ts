/**
 * `src/pipeline/codings`: Content-Encoding for the response pipeline. Parse the header,
 * decide whether the body can be decoded (unknown codings pass byte-identical), decode
 * under limits that stop decompression bombs, re-encode in the same codings, and narrow
 * the request's Accept-Encoding to what can be decoded.
 */
export { parseContentEncoding, canDecode, supportedCodings, MAX_STACKED_CODINGS, type Coding, type ParsedContentEncoding } from './coding.js';
export { narrowAcceptEncoding } from './accept-encoding.js';
export { createDecoder, DECODE_CHUNK_BYTES } from './decoder.js';
export { createEncoder, type EncoderOptions } from './encoder.js';
export { DEFAULT_DECODE_LIMITS, DecodeLimitError, type DecodeLimits, type DecodeLimitCode } from './limits.js';
export { isZlibHeader } from './deflate-format.js';
export type { HeaderValue } from './header-list.js';
