import { expect } from 'vitest';
import { once } from 'node:events';
import type { Transform } from 'node:stream';

/** How a stream ended: its output so far, and the error if it failed. */
export interface Outcome {
  bytes: Buffer;
  error: (Error & { code?: string }) | null;
}

/** Writes `chunks` (honouring backpressure), ends, and collects the output until 'end' or 'error'. */
export async function settle(transform: Transform, chunks: readonly Buffer[]): Promise<Outcome> {
  const out: Buffer[] = [];
  transform.on('data', (c: Buffer) => out.push(c));
  const finished = new Promise<Error | null>((resolve) => {
    transform.on('end', () => resolve(null));
    transform.on('error', resolve);
  });
  for (const c of chunks) {
    if (transform.destroyed) break;
    if (!transform.write(c)) await Promise.race([once(transform, 'drain'), finished]);
  }
  if (!transform.destroyed) transform.end();
  const error = await finished;
  return { bytes: Buffer.concat(out), error };
}

/** Fails unless the stream ended without error; its output. */
export async function decodeAll(transform: Transform, chunks: readonly Buffer[]): Promise<Buffer> {
  const { bytes, error } = await settle(transform, chunks);
  if (error !== null) throw error;
  return bytes;
}

/** `bytes` cut into pieces of `size` (the last one shorter). */
export function piecesOf(bytes: Buffer, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

/** Byte equality without vitest's element-by-element deep compare (slow on big buffers). */
export function expectSameBytes(actual: Buffer, expected: Buffer, label?: string): void {
  expect(actual.length, label).toBe(expected.length);
  expect(actual.equals(expected), label).toBe(true);
}
