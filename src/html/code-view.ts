import type { RewriteContext } from '../context.js';
import type { PageText } from './page-text.js';

/**
 * Inline code (a `<script>` or `<style>` body, an `on*`, `style`, JSON or `javascript:`
 * value) on a page held as its bytes (the byte view, see codec.ts). The engine's view is
 * exact for HTML but not for JS and CSS: a non-ASCII host or string reads as Latin-1
 * (`bücher` as `bÃ¼cher`), and in a legacy multi-byte charset a trail byte can be 0x5C,
 * so Shift_JIS `"表"` (0x95 0x5C) would read as a string with an escaped quote. So the
 * code is decoded with the page's charset, rewritten as text, and encoded back.
 */
export interface CodeView {
  /**
   * `run` applied to the code `view` stands for; the result in the same view. `view` is
   * bytes as Latin-1, possibly with characters above U+00FF that character references
   * decoded to and the charset cannot hold (they are kept as they are). When the bytes do
   * not decode and re-encode to themselves exactly (invalid sequences of a multi-byte
   * charset), or the result holds a character the charset cannot, `run` gets the view
   * itself and an `html-charset-fallback` event says so.
   */
  rewrite(ctx: RewriteContext, view: string, run: (text: string) => string): string;
}

const NON_ASCII = /[^\x00-\x7f]/;

/** The {@link CodeView} of one charset. Depends only on the bytes given: chunk-invariant. */
export class CharsetCodeView implements CodeView {
  constructor(private readonly text: PageText) {}

  rewrite(ctx: RewriteContext, view: string, run: (text: string) => string): string {
    // ASCII bytes stand for themselves in every one of these charsets.
    if (!NON_ASCII.test(view)) return run(view);
    const text = this.text.toText(view);
    if (text !== null) {
      const next = run(text);
      if (next === text) return view;
      const back = this.text.toView(next);
      if (back !== null) return back;
    }
    if (ctx.hosts.scanner.mayContain(view)) {
      const charset = this.text.encoding;
      ctx.emit({
        type: 'html-charset-fallback',
        message: text === null
          ? `inline code is not exact ${charset} (bytes that do not decode and re-encode to themselves); rewritten byte by byte, where a trail byte 0x5C may read as a backslash`
          : `rewritten inline code holds a character ${charset} cannot encode; rewritten byte by byte instead`,
        charset,
      });
    }
    return run(view);
  }
}
