import { Readable, type Duplex } from 'node:stream';

/** Pushes `input` through `transform` in the given chunks and collects the output bytes. */
export async function runChunks(transform: Duplex, chunks: readonly Buffer[]): Promise<Buffer> {
  const out: Buffer[] = [];
  transform.on('data', (c: Buffer) => out.push(c));
  const done = new Promise<void>((resolve, reject) => {
    transform.on('end', resolve);
    transform.on('error', reject);
  });
  Readable.from(chunks, { objectMode: false }).pipe(transform);
  await done;
  return Buffer.concat(out);
}

/** Splits `bytes` at the given cut points (any order, duplicates allowed). */
export function splitAt(bytes: Buffer, cuts: readonly number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => Math.max(0, Math.min(bytes.length, c))))].sort((a, b) => a - b);
  const parts: Buffer[] = [];
  let prev = 0;
  for (const p of points) {
    if (p > prev) parts.push(bytes.subarray(prev, p));
    prev = p;
  }
  if (prev < bytes.length) parts.push(bytes.subarray(prev));
  return parts;
}
