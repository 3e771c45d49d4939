import { isUtf8 } from 'node:buffer';
import type { Transform } from 'node:stream';
import type { RewriteContext } from '../context.js';
import { toNodeTransform, type ByteProcessor } from '../stream/index.js';
import { rewriteJs, type JsFallbackEvent, type JsOptions } from './rewrite.js';
import { JsStreamRewriter } from './stream-rewriter.js';

/**
 * Bytes in, bytes out (UTF-8; other bytes pass through unchanged). It buffers the body up
 * to the context's `maxBufferBytes` and rewrites it whole with {@link rewriteJs}; past the
 * cap it switches to the streaming lexical fallback ({@link JsStreamRewriter}) and reports
 * a `js-fallback` event. The switch depends only on the body's size, so any chunking gives
 * the same bytes. Never throws for bad input; should a bug throw, the untouched bytes
 * still go out.
 */
export class JsByteProcessor implements ByteProcessor {
  private chunks: Buffer[] = [];
  private size = 0;
  private streaming: JsStreamRewriter | null = null;
  private broken = false;

  constructor(private readonly ctx: RewriteContext, private readonly options: JsOptions = {}) {}

  write(chunk: Uint8Array): Uint8Array | null {
    const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (this.streaming !== null) return this.feed(bytes, false);
    this.chunks.push(bytes);
    this.size += bytes.length;
    if (this.size <= this.ctx.limits.maxBufferBytes) return null;
    const event: JsFallbackEvent = { type: 'js-fallback', reason: 'over-cap', message: `JavaScript body exceeds ${this.ctx.limits.maxBufferBytes} bytes; rewritten by the streaming lexical fallback` };
    this.ctx.emit(event);
    this.streaming = new JsStreamRewriter(this.ctx, this.options.sourceType, this.ctx.limits.maxBufferBytes, true);
    const buffered = Buffer.concat(this.chunks);
    this.chunks = [];
    return this.feed(buffered, false);
  }

  end(): Uint8Array | null {
    if (this.streaming !== null) return this.feed(Buffer.alloc(0), true);
    const chunks = this.chunks;
    this.chunks = [];
    return rewriteBody(this.ctx, chunks, this.options);
  }

  private feed(bytes: Buffer, final: boolean): Uint8Array | null {
    const streaming = this.streaming as JsStreamRewriter;
    if (this.broken) return bytes;
    try {
      const out = streaming.push(bytes.toString('latin1'), final);
      return out === '' ? null : Buffer.from(out, 'latin1');
    } catch (err) {
      // A bug must not cost the user bytes: what is still pending goes out untouched from here on.
      this.broken = true;
      this.ctx.emit({ type: 'js-error', message: `JavaScript stream rewriter failed: ${String(err)}; passing the rest through` });
      return Buffer.from(streaming.drainUntouched() + bytes.toString('latin1'), 'latin1');
    }
  }
}

/** {@link JsByteProcessor} as a Node Transform. */
export function createJsStream(ctx: RewriteContext, options: JsOptions = {}): Transform {
  return toNodeTransform(new JsByteProcessor(ctx, options));
}

/**
 * A whole body under the cap: UTF-8 when it is valid UTF-8, else byte for byte. `chunks`
 * is emptied, and the input bytes are let go before the output's are allocated: a body
 * at the cap never holds both beside its text and the rewritten text.
 */
function rewriteBody(ctx: RewriteContext, chunks: Buffer[], options: JsOptions): Buffer {
  let body: Buffer | null = Buffer.concat(chunks);
  chunks.length = 0;
  if (body.length === 0) return body;
  let encoding: 'utf8' | 'latin1' = 'latin1';
  let text = '';
  try {
    const utf8 = isUtf8(body);
    if (!utf8) {
      const event: JsFallbackEvent = { type: 'js-fallback', reason: 'invalid-utf8', message: 'JavaScript body is not valid UTF-8; rewritten byte for byte' };
      ctx.emit(event);
    }
    encoding = utf8 ? 'utf8' : 'latin1';
    text = body.toString(encoding);
    const out = rewriteJs(ctx, text, options);
    if (out === text) return body;
    body = null;
    return Buffer.from(out, encoding);
  } catch (err) {
    ctx.emit({ type: 'js-error', message: `JavaScript rewriter failed: ${String(err)}; body passed through` });
    // Valid UTF-8 (or Latin-1) text encodes back to exactly the bytes it came from.
    return body ?? Buffer.from(text, encoding);
  }
}
