import type { RewriteContext } from '../context.js';
import { PRESCAN_BYTES, sniffCharset } from './charset.js';
import { createCodec, type TextCodec } from './codec.js';
import { HtmlSpliceEngine } from './engine.js';
import type { HtmlOptions } from './options.js';
import type { ByteProcessor } from './byte-processor.js';

/**
 * Bytes in, bytes out: sniffs the charset (BOM, HTTP charset, `<meta>` prescan), decodes,
 * runs the splice engine and encodes back in the page's own charset. Holds at most the
 * 1,024 bytes of the prescan before the first output.
 */
export class HtmlByteRewriter implements ByteProcessor {
  private head: Buffer[] = [];
  private headLength = 0;
  private codec: TextCodec | null = null;
  private engine: HtmlSpliceEngine | null = null;

  constructor(private readonly ctx: RewriteContext, private readonly options: HtmlOptions = {}) {}

  /** The counts of the engine (attribute and inline rewrites, cap fallbacks). */
  get stats(): { rewrites: number; fallbacks: number } {
    return this.engine?.stats ?? { rewrites: 0, fallbacks: 0 };
  }

  /** The encoding chosen, once known. */
  get encoding(): string | null {
    return this.codec?.encoding ?? null;
  }

  write(chunk: Uint8Array): Buffer | null {
    if (this.codec === null) {
      this.head.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      this.headLength += chunk.byteLength;
      if (!this.decide(false)) return null;
      return this.run();
    }
    return this.feed(chunk);
  }

  end(): Buffer | null {
    const parts: Buffer[] = [];
    if (this.codec === null) {
      this.decide(true);
      const first = this.run();
      if (first) parts.push(first);
    }
    const codec = this.codec as TextCodec;
    const engine = this.engine as HtmlSpliceEngine;
    const tail = codec.end();
    if (tail.length > 0) engine.feed(tail);
    engine.finish();
    const out = engine.takeOutput();
    if (out.length > 0) parts.push(codec.encode(out));
    if (parts.length === 0) return null;
    return parts.length === 1 ? parts[0] as Buffer : Buffer.concat(parts);
  }

  private decide(final: boolean): boolean {
    const bytes = this.head.length === 1 ? this.head[0] as Buffer : Buffer.concat(this.head, this.headLength);
    this.head = [bytes];
    if (!final && this.headLength < PRESCAN_BYTES && this.options.charset === undefined && this.headLength < 3) return false;
    const sniffed = sniffCharset(bytes, this.options.charset, final);
    if (sniffed === null) return false;
    this.codec = createCodec(sniffed.encoding);
    this.engine = new HtmlSpliceEngine(this.ctx, { snippet: this.options.snippet, asciiOnly: this.codec.asciiOnly });
    return true;
  }

  private run(): Buffer | null {
    const bytes = this.head[0] as Buffer;
    this.head = [];
    return this.feed(bytes);
  }

  private feed(chunk: Uint8Array): Buffer | null {
    const codec = this.codec as TextCodec;
    const engine = this.engine as HtmlSpliceEngine;
    const text = codec.decode(chunk);
    if (text.length > 0) engine.feed(text);
    const out = engine.takeOutput();
    return out.length > 0 ? codec.encode(out) : null;
  }
}
