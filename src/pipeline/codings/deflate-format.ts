import { createInflate, createInflateRaw } from 'node:zlib';
import type { Transform } from 'node:stream';
import { StageChain } from './stage-chain.js';

/**
 * Whether two bytes open a zlib stream (RFC 1950): CM, the low nibble of CMF, is 8
 * (deflate) and CMF*256 + FLG is a multiple of 31. A raw deflate stream never passes:
 * a first byte with low nibble 8 is a non-final stored block whose padding bits are
 * not zero, which no encoder writes.
 */
export function isZlibHeader(head: Uint8Array): boolean {
  if (head.length < 2) return false;
  const cmf = head[0] as number;
  const flg = head[1] as number;
  return (cmf & 0x0f) === 8 && (cmf * 256 + flg) % 31 === 0;
}

/**
 * Undoes `Content-Encoding: deflate`. RFC 9110 section 8.4.1.2 says zlib-wrapped, but
 * real servers (old IIS, some frameworks) send raw deflate under that label and browsers
 * accept both, so the first two bytes decide: a zlib header gives inflate, anything
 * else raw inflate.
 */
export function createDeflateDecoder(chunkSize: number): Transform {
  return new StageChain((head) => [isZlibHeader(head) ? createInflate({ chunkSize }) : createInflateRaw({ chunkSize })], { lookahead: 2 });
}
