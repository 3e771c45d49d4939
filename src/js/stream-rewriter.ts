import type { RewriteContext } from '../context.js';
import { applyEdits } from '../domain/index.js';
import { JsLexer } from './lexer.js';
import { LiteralEditCollector } from './literal-edits.js';
import type { SourceType } from './rewrite.js';

/** How far back from a forced cut to look for a character no host occurrence can span. */
const CUT_WINDOW = 4096;

/** Characters that never belong to a host occurrence or the URL syntax before it. */
function isCutChar(c: number): boolean {
  return c <= 0x20 || c === 0x22 || c === 0x27 || c === 0x60 || c === 0x3c || c === 0x3e || c === 0x28 || c === 0x29 ||
    c === 0x7b || c === 0x7d || c === 0x5b || c === 0x5d || c === 0x2c || c === 0x3b;
}

/**
 * The streaming lexical rewriter: rules 1–3 on text that arrives in pieces, with bounded
 * memory. It keeps only the unfinished tail (an open literal or a short token), and cuts
 * a literal longer than `segment` at positions fixed by its content, so any chunking of
 * the input gives the same output. It never parses: `}`-then-`/` and the other cases
 * only the grammar decides are settled by the lexer's heuristic.
 *
 * Text is one character per byte (latin1) when used by {@link createJsStream}: hosts are
 * ASCII, so multi-byte characters split across chunks pass through untouched.
 */
export class JsStreamRewriter {
  private pending = '';
  private collector: LiteralEditCollector;
  private readonly lexer: JsLexer;

  /** @param bytes the text is UTF-8 bytes read as Latin-1 (as {@link createJsStream} feeds it): the URL rule reads it decoded */
  constructor(
    private readonly ctx: RewriteContext, sourceType: SourceType = 'auto', private readonly segment = ctx.limits.maxBufferBytes, private readonly bytes = false,
  ) {
    this.collector = this.newCollector('');
    // The lexer reports to whichever collector is current for this buffer.
    this.lexer = new JsLexer({ literal: (k, s, e, w) => this.collector.literal(k, s, e, w) }, sourceType);
  }

  /** Lexical errors the lexer recovered from so far. */
  get errors(): number {
    return this.lexer.errors;
  }

  /** Hands back the unfinished tail untouched and forgets it (for a caller giving up after a failure). */
  drainUntouched(): string {
    const rest = this.pending;
    this.pending = '';
    return rest;
  }

  /** Feeds `text`; returns the output that is now final. With `final`, flushes everything. */
  push(text: string, final = false): string {
    const pending = this.pending + text;
    this.collector = this.newCollector(pending);
    const lexer = this.lexer;
    lexer.run(pending, final);
    let keepFrom = pending.length;
    if (!final) {
      if (lexer.inLiteral) {
        while (pending.length - lexer.litStart > this.segment) lexer.cutOpenLiteral(this.cutPoint(pending, lexer.litStart));
        keepFrom = lexer.litStart;
      } else {
        keepFrom = lexer.pos;
      }
    }
    const out = applyEdits(pending, this.collector.edits, 0, keepFrom);
    this.pending = pending.slice(keepFrom);
    lexer.rebase(keepFrom);
    return out;
  }

  private newCollector(text: string): LiteralEditCollector {
    // No joins across literals: the previous literal may already be out, depending on chunking.
    const collector = new LiteralEditCollector(this.ctx, text, false, this.bytes ? 'literal-bytes' : 'literal');
    const segment = this.segment;
    // Long literals closed within this buffer are cut exactly where an open one would be.
    return Object.assign(collector, {
      literal: (kind: number, start: number, end: number, whole: boolean): void => {
        let s = start;
        let w = whole;
        while (end - s > segment) {
          const cut = this.cutPoint(text, s);
          LiteralEditCollector.prototype.literal.call(collector, kind, s, cut, false);
          s = cut;
          w = false;
        }
        LiteralEditCollector.prototype.literal.call(collector, kind, s, end, w);
      },
    });
  }

  /** Where to cut a literal whose remaining body starts at `s`: decided by text[s, s+segment) only. */
  private cutPoint(text: string, s: number): number {
    const limit = s + this.segment;
    const low = Math.max(s + 1, limit - CUT_WINDOW);
    for (let i = limit - 1; i >= low; i--) if (isCutChar(text.charCodeAt(i))) return i + 1;
    return limit;
  }
}
