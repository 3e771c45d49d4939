/**
 * `src/js`: JavaScript rewriting (DESIGN rule 3 in literals). A hand lexer finds the
 * literals (exactly as acorn does whenever it is sure: test/js/lexer-vs-acorn.test.ts),
 * acorn settles what only the grammar can, a lexical fallback covers what does not
 * parse, and a stream buffers up to the context's cap then streams. A host that a
 * substitution or `' + name + '` begins after `//` is joined to its URL (`js-unmappable`
 * in the flat scheme).
 */
export { findJsEdits, rewriteJs, rewriteJsWithMap, type JsEdits, type JsFallbackEvent, type JsMapOptions, type JsOptions, type SourceType } from './rewrite.js';
export { createJsStream, JsByteProcessor } from './stream.js';
export { findLiterals, type FoundLiterals } from './find-literals.js';
export { LiteralList } from './literal-list.js';
export type { JsUnmappableEvent } from './literal-edits.js';
export { rewriteJsHandler, rewriteJavascriptUrl } from './inline.js';
export { JsStreamRewriter } from './stream-rewriter.js';
