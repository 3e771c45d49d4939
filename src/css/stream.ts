import { Transform, type TransformCallback } from 'node:stream';
import type { RewriteContext } from '../context.js';
import { CssTokenRewriter } from './tokenizer.js';

/**
 * A Node Transform, bytes in and bytes out, that rewrites a stylesheet as it flows.
 * Bytes are decoded as latin1 so that offsets are bytes, non-ASCII bytes pass through
 * untouched and a chunk split inside a UTF-8 sequence is harmless (CSS syntax is ASCII;
 * every edit is ASCII). An internal failure is reported as `css-error` and the rest of
 * the body passes through unrewritten: nothing is ever lost or thrown out of the stream.
 */
export function createCssStream(ctx: RewriteContext): Transform {
  const engine = new CssTokenRewriter(ctx);
  let broken = false;

  const fail = (err: unknown): string => {
    broken = true;
    ctx.emit({ type: 'css-error', message: `CSS rewriting stopped, the rest passes through unrewritten: ${String(err)}` });
    return engine.drainRaw();
  };

  const pushText = (stream: Transform, text: string) => {
    if (text.length > 0) stream.push(Buffer.from(text, 'latin1'));
  };

  return new Transform({
    transform(chunk: Buffer | string, encoding: BufferEncoding, callback: TransformCallback) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk;
      if (broken) { callback(null, bytes); return; }
      const text = bytes.toString('latin1');
      let out: string;
      try {
        out = engine.write(text);
      } catch (err) {
        out = fail(err);
      }
      pushText(this, out);
      callback();
    },
    flush(callback: TransformCallback) {
      if (!broken) {
        let out: string;
        try {
          out = engine.end();
        } catch (err) {
          out = fail(err);
        }
        pushText(this, out);
      }
      callback();
    },
  });
}
