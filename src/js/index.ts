/**
 * `src/js`: JavaScript rewriting (DESIGN rule 3 in literals). A hand lexer finds the
 * literals, acorn settles what only the grammar can, a lexical fallback covers what
 * does not parse, and a stream buffers up to the context's cap then streams.
 */
export { findJsEdits, rewriteJs, rewriteJsWithMap, type JsEdits, type JsFallbackEvent, type JsMapOptions, type JsOptions, type SourceType } from './rewrite.js';
export { createJsStream } from './stream.js';
export { rewriteJsHandler, rewriteJavascriptUrl } from './inline.js';
export { JsStreamRewriter } from './stream-rewriter.js';
