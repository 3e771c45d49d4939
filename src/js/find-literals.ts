import { grammarsFor, parseLiterals } from './acorn-literals.js';
import { JsLexer } from './lexer.js';
import { LiteralList } from './literal-list.js';

/** The literals of a script and which reading found them. */
export interface FoundLiterals {
  readonly literals: LiteralList;
  /**
   * `lexer`: the hand lexer, sure of every regex-versus-division decision (it then agrees
   * with acorn exactly: test/js/lexer-vs-acorn.test.ts); `parser`: acorn, because the lexer
   * met a case only the grammar decides, saw a lexical error, or `validate` was asked;
   * `fallback`: neither grammar parses, the lexer's recovered reading stands.
   */
  readonly by: 'lexer' | 'parser' | 'fallback';
  /** The parser's complaint when `by` is `fallback`. */
  readonly complaint?: string;
}

/**
 * Finds every string, template chunk, regex body and source-map URL of `source`. The
 * lexer reads first (one fast pass); acorn is asked only when the lexer was unsure or
 * saw an error, or when `validate` is set.
 */
export function findLiterals(source: string, sourceType: 'script' | 'module' | 'auto', validate = false): FoundLiterals {
  const lexed = new LiteralList();
  const lexer = new JsLexer(lexed, sourceType);
  lexer.run(source, true);
  if (!lexer.uncertain && lexer.errors === 0 && !validate) return { literals: lexed, by: 'lexer' };
  let complaint = lexer.errors > 0 ? lexer.firstError : '';
  for (const grammar of grammarsFor(sourceType)) {
    const parsed = new LiteralList();
    try {
      parseLiterals(source, grammar, parsed);
      return { literals: parsed, by: 'parser' };
    } catch (err) {
      if (!(err instanceof SyntaxError)) throw err;
      if (complaint === '' || grammar === 'script') complaint = `${grammar}: ${err.message}`;
    }
  }
  return { literals: lexed, by: 'fallback', complaint };
}
