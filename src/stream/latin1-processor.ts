import type { RewriteContext } from '../context.js';
import type { ByteProcessor } from './byte-processor.js';

/** A rewriter of text whose syntax is ASCII, fed in pieces. */
export interface TextEngine {
  /** Takes more text; returns what can be emitted now. */
  write(text: string): string;
  /** No more text: returns the rest. */
  end(): string;
  /** After a failure: everything taken (the failing piece included) and not yet emitted, unchanged. */
  drainRaw(): string;
}

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

function bytesOf(text: string): Uint8Array | null {
  return text.length === 0 ? null : Buffer.from(text, 'latin1');
}

/**
 * Runs a {@link TextEngine} over bytes read as Latin-1: offsets are byte offsets,
 * every non-ASCII byte passes through as it came (host names and the syntax are ASCII,
 * and every byte of a UTF-8 sequence is >= 0x80), and a chunk split inside a UTF-8
 * character is harmless. Should the engine throw (a bug), the event `<kind>-error` is
 * reported and the rest of the body passes through untouched: nothing is lost.
 */
export class Latin1Processor implements ByteProcessor {
  private broken = false;

  constructor(private readonly ctx: RewriteContext, private readonly kind: 'css' | 'json' | 'request-body', private readonly engine: TextEngine) {}

  write(chunk: Uint8Array): Uint8Array | null {
    if (this.broken) return chunk;
    try {
      return bytesOf(this.engine.write(latin1(chunk)));
    } catch (err) {
      return bytesOf(this.fail(err));
    }
  }

  end(): Uint8Array | null {
    if (this.broken) return null;
    try {
      return bytesOf(this.engine.end());
    } catch (err) {
      return bytesOf(this.fail(err));
    }
  }

  private fail(err: unknown): string {
    this.broken = true;
    this.ctx.emit({ type: `${this.kind}-error`, message: `${this.kind} rewriting stopped, the rest passes through unrewritten: ${String(err)}` });
    return this.engine.drainRaw();
  }
}
