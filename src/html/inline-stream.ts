import type { RewriteContext } from '../context.js';
import { CssTokenRewriter } from '../css/index.js';
import type { InlineKind } from './inline-code.js';
import { LexicalCodeRewriter } from './lexical-fallback.js';

/** An inline body past the buffer cap, rewritten as it streams. */
export interface InlineStream {
  /** Takes more of the body; returns what is final. */
  push(text: string): string;
  /** The body ended: returns the rest. */
  end(): string;
  /** What it holds and has not returned (for error recovery). */
  pending(): string;
}

/** A `<style>` past the cap keeps the CSS rules (escapes decoded, URL positions by the URL rule): the CSS stream. */
class CssInlineStream implements InlineStream {
  private readonly css: CssTokenRewriter;

  constructor(ctx: RewriteContext) {
    this.css = new CssTokenRewriter(ctx);
  }

  push(text: string): string {
    return this.css.write(text);
  }

  end(): string {
    return this.css.end();
  }

  pending(): string {
    return this.css.drainRaw();
  }
}

/**
 * The streaming rewriter of an inline body past the cap: the CSS tokenizer for styles
 * (it streams with bounded memory and decodes escapes as the browser does), the lexical
 * rules for everything else.
 */
export function inlineStream(ctx: RewriteContext, kind: InlineKind): InlineStream {
  return kind === 'css' ? new CssInlineStream(ctx) : new LexicalCodeRewriter(ctx);
}
