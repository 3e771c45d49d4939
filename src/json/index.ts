import { Transform } from 'node:stream';
import type { RewriteContext } from '../context.js';
import { JsonStringLexer } from './string-lexer.js';

/**
 * DESIGN rule 3 on every JSON string, keys included: hosts in URLs, whole-string hosts
 * and regex-escaped hosts are proxied; escapes stay as they were written. Invalid JSON
 * is rewritten by the same lexical scan, never rejected.
 */
export function rewriteJson(ctx: RewriteContext, source: string): string {
  if (!ctx.hosts.scanner.mayContain(source)) return source;
  const lexer = new JsonStringLexer(ctx);
  return lexer.push(source) + lexer.end();
}

/**
 * The streaming form of {@link rewriteJson}: bytes in, bytes out. Works on the bytes
 * as Latin-1 so that offsets are byte offsets and chunk splits inside UTF-8 sequences
 * are harmless (host names are ASCII; every other byte passes through unchanged).
 * Memory is bounded by `maxBufferBytes` whatever the size of the document.
 */
export function createJsonStream(ctx: RewriteContext): Transform {
  const lexer = new JsonStringLexer(ctx);
  return new Transform({
    transform(chunk: Buffer | string, encoding, callback) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk;
      const out = lexer.push(bytes.toString('latin1'));
      callback(null, out.length > 0 ? Buffer.from(out, 'latin1') : undefined);
    },
    flush(callback) {
      const out = lexer.end();
      callback(null, out.length > 0 ? Buffer.from(out, 'latin1') : undefined);
    },
  });
}
