import { crc32, createInflateRaw } from 'node:zlib';
import type { Transform, TransformCallback } from 'node:stream';
import { GzipHeaderStage } from './gzip-header.js';
import { StageChain } from './stage-chain.js';

/** The error of a missing or wrong gzip footer (RFC 1952: CRC32 and ISIZE, 4 bytes each, little-endian). */
export class GzipFooterError extends Error {
  readonly code = 'ERR_SPR_GZIP_FOOTER';
  constructor(message: string) {
    super(`gzip footer: ${message}`);
    this.name = 'GzipFooterError';
  }
}

/**
 * Undoes `Content-Encoding: gzip` like Chromium's GzipSourceStream: the first member's
 * header is parsed here (GzipHeaderStage), its deflate data inflated raw, and everything
 * after the 8-byte footer ignored: a stray newline, NUL padding, garbage, or a second
 * member. (Node's gunzip reads trailing bytes as a next member and fails when they are
 * not one.) The ignoring is StageChain's: once the inflate stage has ended, what the
 * header stage passes on is dropped.
 *
 * Stricter than Chromium, which skips the footer unread: the deflate stream must end and
 * the footer must be there and match (CRC-32 and length of the decoded bytes), else the
 * stream errors. A body cut short upstream, even inside the footer, never looks
 * complete, and corruption the deflate format cannot see is caught.
 */
export function createGzipDecoder(chunkSize: number, maxHeaderBytes: number): Transform {
  return new GzipDecoder(chunkSize, maxHeaderBytes);
}

class GzipDecoder extends StageChain {
  #header: GzipHeaderStage | null = null;
  #inflate: (Transform & { bytesWritten: number }) | null = null;
  /** Body bytes (after the header) passed on so far, and those the inflate engine may still need. */
  #bodyBytes = 0;
  #kept: { at: number; bytes: Buffer }[] = [];
  #crc = 0;
  #size = 0;

  constructor(chunkSize: number, maxHeaderBytes: number) {
    super(
      () => {
        const header = new GzipHeaderStage(maxHeaderBytes, (chunk) => this.#keep(chunk));
        const inflate = createInflateRaw({ chunkSize });
        this.#header = header;
        this.#inflate = inflate;
        return [header, inflate];
      },
      { onOutput: (stage, chunk) => this.#count(stage, chunk) },
    );
  }

  /**
   * Input consumed: the header, then what the inflate engine took (not what waits in
   * stream buffers), so a decode ratio over it cannot be diluted by one big chunk.
   */
  override get bytesWritten(): number {
    return (this.#header?.headerBytes ?? 0) + (this.#inflate?.bytesWritten ?? 0);
  }

  override _flush(callback: TransformCallback): void {
    super._flush((error) => {
      const header = this.#header;
      if (error || header === null) return callback(error);
      // The inflate stage may have ended before the header stage processed the last input.
      if (header.writableFinished) return callback(this.#footerError());
      header.once('finish', () => callback(this.#footerError()));
      if (!header.writableEnded) header.end();
    });
  }

  #count(stage: number, chunk: Buffer): null {
    if (stage === 1) {
      this.#crc = crc32(chunk, this.#crc);
      this.#size = (this.#size + chunk.length) % 2 ** 32;
    }
    return null;
  }

  /**
   * Keeps body bytes the footer may be in: those past what the inflate engine consumed
   * (a few stream buffers, by backpressure), and once it has ended, the 8 after its end.
   */
  #keep(chunk: Buffer): void {
    this.#kept.push({ at: this.#bodyBytes, bytes: chunk });
    this.#bodyBytes += chunk.length;
    const inflate = this.#inflate as Transform & { bytesWritten: number };
    const from = inflate.bytesWritten;
    const upTo = inflate.readableEnded ? from + 8 : Number.POSITIVE_INFINITY;
    this.#kept = this.#kept
      .filter(({ at, bytes }) => at + bytes.length > from && at < upTo)
      .map(({ at, bytes }) => ({ at, bytes: at + bytes.length > upTo ? bytes.subarray(0, upTo - at) : bytes }));
  }

  #footerError(): GzipFooterError | null {
    const end = (this.#inflate as Transform & { bytesWritten: number }).bytesWritten;
    const after = Buffer.concat(this.#kept.map(({ at, bytes }) => bytes.subarray(Math.max(0, end - at))));
    if (after.length < 8) return new GzipFooterError(`input ended ${after.length} bytes into the 8-byte footer`);
    if (after.readUInt32LE(0) !== this.#crc >>> 0) return new GzipFooterError('CRC-32 of the decoded bytes does not match');
    if (after.readUInt32LE(4) !== this.#size) return new GzipFooterError('length of the decoded bytes does not match ISIZE');
    return null;
  }
}
