import type { Transform } from 'node:stream';
import type { RewriteContext } from '../context.js';
import { Latin1Processor, toNodeTransform, type ByteProcessor, type TextEngine } from '../stream/index.js';
import { JsonStringLexer } from './string-lexer.js';

/**
 * DESIGN rule 3 on every JSON string, keys included: hosts in URLs, whole-string hosts
 * and regex-escaped hosts are proxied; escapes stay as they were written. Invalid JSON
 * is rewritten by the same lexical scan, never rejected.
 */
export function rewriteJson(ctx: RewriteContext, source: string): string {
  if (!ctx.hosts.code.mayContain(source)) return source;
  const lexer = new JsonStringLexer(ctx);
  return lexer.write(source) + lexer.end();
}

/**
 * The streaming form of {@link rewriteJson}, bytes in, bytes out: memory is bounded by
 * `maxBufferBytes` whatever the size of the document, and any chunking gives the same
 * bytes. The bytes are read as Latin-1 (see {@link Latin1Processor}).
 */
export function createJsonProcessor(ctx: RewriteContext): ByteProcessor {
  return new Latin1Processor(ctx, 'json', new JsonStringLexer(ctx, ctx.hosts.code, true));
}

/** {@link createJsonProcessor} as a Node Transform. */
export function createJsonStream(ctx: RewriteContext): Transform {
  return toNodeTransform(createJsonProcessor(ctx));
}

/**
 * The request direction of the same lexer, for bodies the browser sends: in every JSON
 * string, proxied URLs and whole-string proxied hosts (and regex-escaped ones) become
 * their upstream twins again; a proxied-looking host that is no twin stays. A text
 * engine, for the caller to run over bytes (see `Latin1Processor`).
 */
export function createJsonRequestEngine(ctx: RewriteContext): TextEngine {
  return new JsonStringLexer(ctx, ctx.hosts.reverseCode, true);
}
