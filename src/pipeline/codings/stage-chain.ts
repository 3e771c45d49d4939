import { PassThrough, Transform, type TransformCallback } from 'node:stream';

export interface StageChainOptions {
  /** Input bytes held back before the stages are built, and handed to `build` (deflate looks at two). */
  lookahead?: number;
  /** Sees every chunk stage `stage` produces, before it moves on; an error returned stops the chain. */
  onOutput?(stage: number, chunk: Buffer): Error | null;
}

/**
 * Several Transforms (zlib streams) behind one Transform: input goes into the first, each
 * stage's output into the next, the last one's output out. Backpressure holds at every
 * link (a stage is paused while the next one, or the reader, is full), so memory stays at
 * a few stream buffers whatever a stage produces; an error of any stage destroys the
 * chain with that error, and destroying the chain destroys every stage, which makes zlib
 * stop at its next output chunk.
 *
 * The stages are built on the first input bytes (after `lookahead` of them, or at the end
 * if fewer came). A body of zero bytes therefore stays zero bytes and builds nothing: an
 * empty body labelled `gzip` is empty, as browsers take it, not truncated.
 */
export class StageChain extends Transform {
  readonly #build: (head: Buffer) => Transform[];
  readonly #options: StageChainOptions;
  #stages: Transform[] | null = null;
  #head: Buffer[] = [];
  #headBytes = 0;
  #onEnd: TransformCallback | null = null;
  /** The last stage has ended: possibly before our input did, see #feed. */
  #lastEnded = false;

  constructor(build: (head: Buffer) => Transform[], options: StageChainOptions = {}) {
    super();
    this.#build = build;
    this.#options = options;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (chunk.length === 0) return callback();
    if (this.#stages !== null) return this.#feed(this.#stages, chunk, callback);
    this.#head.push(chunk);
    this.#headBytes += chunk.length;
    if (this.#headBytes < (this.#options.lookahead ?? 0)) return callback();
    const head = this.#takeHead();
    this.#feed(this.#start(head), head, callback);
  }

  override _flush(callback: TransformCallback): void {
    if (this.#lastEnded) return callback();
    if (this.#stages === null) {
      if (this.#headBytes === 0) return callback();
      const head = this.#takeHead();
      this.#start(head)[0]?.write(head);
    }
    this.#onEnd = callback;
    (this.#stages as Transform[])[0]?.end();
  }

  /**
   * Input bytes the first stage has consumed, zlib's own count (`bytesWritten` of a zlib
   * stream counts what the engine took, not what waits in its buffer), so a chain nests
   * as a stage of another. What sits in stream buffers is not counted: a ratio over this
   * cannot be diluted by sending the whole body in one chunk.
   */
  get bytesWritten(): number {
    const first = this.#stages?.[0] as (Transform & { bytesWritten?: number }) | undefined;
    return first?.bytesWritten ?? 0;
  }

  override _read(size: number): void {
    super._read(size);
    const last = this.#stages?.at(-1);
    if (last?.isPaused()) last.resume();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    for (const stage of this.#stages ?? []) stage.destroy();
    callback(error);
  }

  #takeHead(): Buffer {
    const head = Buffer.concat(this.#head);
    this.#head = [];
    return head;
  }

  /**
   * Input into the first stage. A zlib stream ends its output by itself when its format
   * ends before the input does (brotli, zlib and raw deflate streams carry their own end);
   * bytes after that are ignored, as browsers ignore them, instead of being decoded for
   * nothing. (Gunzip instead reads them as a next member and fails if they are not one.)
   */
  #feed(stages: Transform[], chunk: Buffer, callback: TransformCallback): void {
    const first = stages[0] as Transform;
    if (first.readableEnded) callback();
    else if (first.write(chunk)) callback();
    else first.once('drain', () => callback());
  }

  #start(head: Buffer): Transform[] {
    const built = this.#build(head);
    const stages = built.length > 0 ? built : [new PassThrough()];
    this.#stages = stages;
    stages.forEach((stage, index) => this.#link(stage, index, stages[index + 1]));
    return stages;
  }

  /** Wires one stage: its output to `next` (or out of the chain), its errors to the chain. */
  #link(stage: Transform, index: number, next: Transform | undefined): void {
    stage.on('error', (err: Error) => this.destroy(err));
    stage.on('data', (chunk: Buffer) => {
      const refused = this.#options.onOutput?.(index, chunk) ?? null;
      if (refused !== null) return void this.destroy(refused);
      if (next?.readableEnded) return; // past the end of the next stage's format: ignored, as in #feed
      const more = next === undefined ? this.push(chunk) : next.write(chunk);
      if (!more) stage.pause();
    });
    if (next === undefined) {
      stage.on('end', () => {
        this.#lastEnded = true;
        this.#onEnd?.();
      });
    } else {
      next.on('drain', () => stage.resume());
      stage.on('end', () => next.end());
    }
  }
}
