import type { ByteProcessor } from '../stream/index.js';
import { RESOURCE_HEADER_BYTES } from './sniff.js';

/** What to do with a body, decided on its first bytes: a rewriter, or `pass` (the bytes go through untouched). */
export type BodyDecision = ByteProcessor | 'pass';

/**
 * Holds a body's first {@link RESOURCE_HEADER_BYTES} bytes (fewer when the body is shorter),
 * asks `decide` what the body is, then runs the chosen rewriter over everything, or passes
 * it. The decision is taken on a prefix of fixed length, never on where chunks happen to
 * end, so the output is the same for any chunking. An empty body is never given to a
 * rewriter (nothing is injected into nothing).
 */
export class GatedProcessor implements ByteProcessor {
  private held: Buffer[] = [];
  private heldLength = 0;
  private inner: ByteProcessor | 'pass' | null = null;

  constructor(private readonly decide: (head: Uint8Array) => BodyDecision) {}

  write(chunk: Uint8Array): Uint8Array | null {
    const inner = this.inner;
    if (inner === 'pass') return chunk;
    if (inner !== null) return inner.write(chunk);
    this.held.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    this.heldLength += chunk.byteLength;
    return this.heldLength >= RESOURCE_HEADER_BYTES ? this.settle() : null;
  }

  end(): Uint8Array | null {
    if (this.inner === null) {
      if (this.heldLength === 0) {
        this.inner = 'pass';
        return null;
      }
      const first = this.settle();
      const inner = this.inner as unknown as ByteProcessor | 'pass';
      return join(first, inner === 'pass' ? null : inner.end());
    }
    return this.inner === 'pass' ? null : this.inner.end();
  }

  /** Decides on the held bytes (the whole resource header, or the whole body) and feeds them on. */
  private settle(): Uint8Array | null {
    const head = Buffer.concat(this.held, this.heldLength);
    this.held = [];
    const decision = this.decide(head.subarray(0, RESOURCE_HEADER_BYTES));
    this.inner = decision;
    return decision === 'pass' ? head : decision.write(head);
  }
}

function join(a: Uint8Array | null, b: Uint8Array | null): Uint8Array | null {
  if (a === null || a.byteLength === 0) return b;
  if (b === null || b.byteLength === 0) return a;
  return Buffer.concat([a, b]);
}
