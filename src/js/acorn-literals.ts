import { parse, type Options, type Token } from 'acorn';
import { LIT_REGEX, LIT_SOURCE_MAP, LIT_STRING, LIT_TEMPLATE, type LexSink } from './lexer.js';

/** Which grammars to try, in order, for a source type. */
export function grammarsFor(sourceType: 'script' | 'module' | 'auto'): Array<'script' | 'module'> {
  return sourceType === 'auto' ? ['script', 'module'] : [sourceType];
}

const SOURCE_MAP_COMMENT = /^[#@] sourceMappingURL=/;

/**
 * Parses with acorn and hands every literal body to `sink`, in source order: the exact
 * answer when the lexer met a case only the grammar decides. Throws acorn's SyntaxError.
 */
export function parseLiterals(source: string, sourceType: 'script' | 'module', sink: LexSink): void {
  const found: Array<[kind: number, start: number, end: number]> = [];
  const options: Options = {
    ecmaVersion: 'latest',
    sourceType,
    allowHashBang: true,
    // Event handler bodies and CommonJS wrappers' fragments use a bare `return`.
    allowReturnOutsideFunction: sourceType === 'script',
    onToken(token: Token) {
      const label = token.type.label;
      if (label === 'string') found.push([LIT_STRING, token.start + 1, token.end - 1]);
      else if (label === 'template' || label === 'invalidTemplate') found.push([LIT_TEMPLATE, token.start, token.end]);
      else if (label === 'regexp') {
        // Flags never hold a `/`, so the last one closes the body.
        found.push([LIT_REGEX, token.start + 1, source.lastIndexOf('/', token.end - 1)]);
      }
    },
    onComment(block: boolean, text: string, start: number, end: number) {
      if (!block && SOURCE_MAP_COMMENT.test(text)) {
        const at = start + 2 + text.indexOf('=') + 1;
        found.push([LIT_SOURCE_MAP, at, end]);
      }
    },
  };
  parse(source, options);
  // Comments arrive interleaved with tokens but may be reported late; keep text order.
  found.sort((a, b) => a[1] - b[1]);
  for (const [kind, start, end] of found) sink.literal(kind, start, end, true);
}
