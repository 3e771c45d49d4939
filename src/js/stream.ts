import { isUtf8 } from 'node:buffer';
import { Transform, type TransformCallback } from 'node:stream';
import type { RewriteContext } from '../context.js';
import { rewriteJs, type JsFallbackEvent, type JsOptions } from './rewrite.js';
import { JsStreamRewriter } from './stream-rewriter.js';

/**
 * A Node Transform, bytes in, bytes out (UTF-8; other bytes pass through unchanged).
 * It buffers the body up to the context's `maxBufferBytes` and rewrites it whole with
 * {@link rewriteJs}; past the cap it switches to the streaming lexical fallback
 * ({@link JsStreamRewriter}) and reports a `js-fallback` event. The switch depends only
 * on the body's size, so any chunking gives the same bytes. Never emits an error for
 * bad input; should a bug throw, the untouched bytes still go out.
 */
export function createJsStream(ctx: RewriteContext, options: JsOptions = {}): Transform {
  const cap = ctx.limits.maxBufferBytes;
  let chunks: Buffer[] = [];
  let size = 0;
  let streaming: JsStreamRewriter | null = null;
  let broken = false;

  const startStreaming = (self: Transform): void => {
    const event: JsFallbackEvent = { type: 'js-fallback', reason: 'over-cap', message: `JavaScript body exceeds ${cap} bytes; rewritten by the streaming lexical fallback` };
    ctx.emit(event);
    streaming = new JsStreamRewriter(ctx, options.sourceType);
    const buffered = Buffer.concat(chunks);
    chunks = [];
    feed(self, buffered, false);
  };

  const feed = (self: Transform, bytes: Buffer, final: boolean): void => {
    if (broken || streaming === null) { if (bytes.length > 0) self.push(bytes); return; }
    try {
      const out = streaming.push(bytes.toString('latin1'), final);
      if (out !== '') self.push(Buffer.from(out, 'latin1'));
    } catch (err) {
      // A bug must not cost the user bytes: what is still pending goes out untouched from here on.
      broken = true;
      ctx.emit({ type: 'js-error', message: `JavaScript stream rewriter failed: ${String(err)}; passing the rest through` });
      const rest = streaming.drainUntouched() + bytes.toString('latin1');
      if (rest !== '') self.push(Buffer.from(rest, 'latin1'));
    }
  };

  return new Transform({
    transform(this: Transform, chunk: Buffer | string, _enc: BufferEncoding, cb: TransformCallback) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      if (streaming !== null) {
        feed(this, bytes, false);
      } else {
        chunks.push(bytes);
        size += bytes.length;
        if (size > cap) startStreaming(this);
      }
      cb();
    },
    flush(this: Transform, cb: TransformCallback) {
      if (streaming !== null) {
        feed(this, Buffer.alloc(0), true);
        cb();
        return;
      }
      const body = Buffer.concat(chunks);
      chunks = [];
      cb(null, rewriteBody(ctx, body, options));
    },
  });
}

/** A whole body under the cap: UTF-8 when it is valid UTF-8, else byte for byte. */
function rewriteBody(ctx: RewriteContext, body: Buffer, options: JsOptions): Buffer {
  if (body.length === 0) return body;
  try {
    const utf8 = isUtf8(body);
    if (!utf8) {
      const event: JsFallbackEvent = { type: 'js-fallback', reason: 'invalid-utf8', message: 'JavaScript body is not valid UTF-8; rewritten byte for byte' };
      ctx.emit(event);
    }
    const encoding = utf8 ? 'utf8' : 'latin1';
    const text = body.toString(encoding);
    const out = rewriteJs(ctx, text, options);
    return out === text ? body : Buffer.from(out, encoding);
  } catch (err) {
    ctx.emit({ type: 'js-error', message: `JavaScript rewriter failed: ${String(err)}; body passed through` });
    return body;
  }
}
