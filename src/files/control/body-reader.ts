import { Readable } from 'node:stream';

/**
 * Reads a body ahead without losing a byte: what is read is kept, and `replay()` gives a
 * stream of the whole body again (the kept chunks, then the rest as it comes). Reading is
 * on demand and bounded by the caller, so a 1 GB body held back for a decision costs only
 * what was asked for.
 */
export class BodyReader {
  private readonly iterator: AsyncIterator<unknown>;
  private readonly kept: Buffer[] = [];
  private keptBytes = 0;
  private done = false;
  private replayed = false;

  /**
   * `onDiscard`: `destroy` lets go of the source (an upstream response we will not send);
   * `drain` reads the rest and drops it (a browser's request body: destroying it would
   * close the connection before the browser reads our answer).
   */
  constructor(body: AsyncIterable<unknown>, private readonly onDiscard: 'destroy' | 'drain' = 'destroy') {
    this.iterator = body[Symbol.asyncIterator]();
  }

  /** Bytes read ahead so far. */
  get bytesRead(): number {
    return this.keptBytes;
  }

  /** True when the body has ended (everything is kept). */
  get ended(): boolean {
    return this.done;
  }

  /** The kept bytes as one buffer. */
  bytes(): Buffer {
    return this.kept.length === 1 ? this.kept[0] : Buffer.concat(this.kept, this.keptBytes);
  }

  /** Reads until at least `bytes` are kept or the body ends; resolves with whether it ended. */
  async readTo(bytes: number): Promise<boolean> {
    while (!this.done && this.keptBytes < bytes) {
      const step = await this.iterator.next();
      if (step.done === true) {
        this.done = true;
        break;
      }
      const chunk = toBuffer(step.value);
      if (chunk.length === 0) continue;
      this.kept.push(chunk);
      this.keptBytes += chunk.length;
    }
    return this.done;
  }

  /** The whole body again. Call once; the reader must not be read after. */
  replay(): Readable {
    if (this.replayed) throw new Error('BodyReader.replay() called twice');
    this.replayed = true;
    const kept = this.kept.splice(0);
    const { iterator } = this;
    const done = this.done;
    return Readable.from(
      (async function* () {
        yield* kept;
        if (done) return;
        try {
          for (;;) {
            const step = await iterator.next();
            if (step.done === true) return;
            const chunk = toBuffer(step.value);
            if (chunk.length > 0) yield chunk;
          }
        } finally {
          // A consumer that stops early (a destroyed response) lets go of the source too.
          await iterator.return?.();
        }
      })(),
      { objectMode: false },
    );
  }

  /** Lets go of the body unread (a blocked file), as `onDiscard` says. */
  async discard(): Promise<void> {
    this.kept.length = 0;
    if (!this.done && !this.replayed) {
      if (this.onDiscard === 'drain') drain(this.iterator);
      else await this.iterator.return?.();
    }
    this.done = true;
  }
}

/** A body chunk as a Buffer (Node streams give Buffers, Web streams Uint8Arrays). */
export function toBuffer(value: unknown): Buffer {
  if (Buffer.isBuffer(value)) return value;
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (typeof value === 'string') return Buffer.from(value, 'utf8');
  throw new TypeError(`body chunk of type ${typeof value}`);
}

/** Reads the rest of a body in the background and drops it (errors included: nobody waits for it). */
export function drain(iterator: AsyncIterator<unknown>): void {
  void (async () => {
    for (;;) if ((await iterator.next()).done === true) return;
  })().catch(() => undefined);
}
