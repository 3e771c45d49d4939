import type { Writable } from 'node:stream';

/** Resolves when `out` drains; rejects when it fails or closes first (a bare once('drain')
 *  would wait forever on a stream that was destroyed). */
export function drained(out: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const cleanup = (): void => {
      out.off('drain', onDrain);
      out.off('error', onError);
      out.off('close', onClose);
    };
    const onDrain = (): void => {
      cleanup();
      resolve();
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(error);
    };
    const onClose = (): void => {
      cleanup();
      reject(out.errored ?? new Error('HarWriter: the output closed before it drained'));
    };
    out.on('drain', onDrain);
    out.on('error', onError);
    out.on('close', onClose);
  });
}

/** Throws when nothing more can be written to `out`. */
export function assertWritable(out: Writable): void {
  if (out.errored) throw out.errored;
  if (out.destroyed || out.writableEnded) throw new Error('HarWriter: the output is closed');
}
