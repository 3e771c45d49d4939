import { createHash, type Hash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import type { SpilledText } from '../har-types.js';

let spillCount = 0;

/** A fresh temp file path under the run's temp dir. */
export function spillPath(dir: string): string {
  return join(dir, `session-${process.pid}-${++spillCount}.txt`);
}

/**
 * Counts the bytes that pass and hashes them: two taps tell whether a body that streamed
 * through a rewriter came out the same, without holding it.
 */
export class ByteTap extends Transform {
  bytes = 0;
  private readonly hash: Hash = createHash('sha256');

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    this.hash.update(chunk);
    done(null, chunk);
  }

  /** The digest, once the stream has ended. */
  digest(): string {
    return this.hash.digest('hex');
  }
}

/**
 * A write stream for a temp file of UTF-8 text that also counts what {@link SpilledText}
 * records: the bytes, and the text's length in UTF-16 code units (one per character
 * start, two for a 4-byte sequence: a surrogate pair).
 */
export function spillWriter(path: string): { readonly stream: Transform; readonly finish: () => SpilledText; readonly file: NodeJS.WritableStream } {
  let bytes = 0;
  let chars = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      for (const b of chunk) {
        if ((b & 0xc0) !== 0x80) chars++;
        if (b >= 0xf0) chars++;
      }
      done(null, chunk);
    },
  });
  return { stream: counter, file: createWriteStream(path), finish: () => ({ spilled: true, path, chars, bytes }) };
}
