import iconv from 'iconv-lite';
import type { RewriteContext } from '../context.js';

/**
 * Inline code (a `<script>` or `<style>` body, an `on*`, `style`, JSON or `javascript:`
 * value) on a page in a legacy multi-byte charset. The engine sees the page's bytes as
 * Latin-1, which is exact for HTML but not for JS and CSS: a trail byte can be 0x5C, so
 * Shift_JIS `"表"` (0x95 0x5C) would read as a string with an escaped quote. So the code
 * is decoded with the real charset and rewritten as text, then encoded back.
 */
export interface CodeView {
  /**
   * `run` applied to the code `view` stands for; the result in the same view. `view` is
   * bytes as Latin-1, possibly with characters above U+00FF that character references
   * decoded to and the charset cannot hold (they are kept as they are). When the bytes do
   * not decode and re-encode to themselves exactly (invalid sequences), `run` gets the
   * Latin-1 view itself and an `html-charset-fallback` event says so.
   */
  rewrite(ctx: RewriteContext, view: string, run: (text: string) => string): string;
}

const NON_ASCII = /[^\x00-\x7f]/;

/** The {@link CodeView} of one iconv-lite charset. Depends only on the bytes given: chunk-invariant. */
export class LegacyCodeView implements CodeView {
  constructor(private readonly charset: string) {}

  rewrite(ctx: RewriteContext, view: string, run: (text: string) => string): string {
    // ASCII bytes stand for themselves in every one of these charsets.
    if (!NON_ASCII.test(view)) return run(view);
    const text = this.toText(view);
    if (text !== null) {
      const next = run(text);
      if (next === text) return view;
      const back = this.toView(next);
      if (back !== null) return back;
    }
    if (ctx.hosts.scanner.mayContain(view)) {
      ctx.emit({
        type: 'html-charset-fallback',
        message: `inline code is not exact ${this.charset} (bytes that do not decode and re-encode to themselves); rewritten byte by byte, where a trail byte 0x5C may read as a backslash`,
        charset: this.charset,
      });
    }
    return run(view);
  }

  /** The text `view` stands for, or null when a run of its bytes is not exact in the charset. */
  private toText(view: string): string | null {
    let text = '';
    const n = view.length;
    let i = 0;
    while (i < n) {
      let j = i;
      while (j < n && view.charCodeAt(j) <= 0xff) j++;
      if (j > i) {
        const bytes = Buffer.from(view.slice(i, j), 'latin1');
        const t = iconv.decode(bytes, this.charset, { stripBOM: false });
        if (!iconv.encode(t, this.charset, { addBOM: false }).equals(bytes)) return null;
        text += t;
      }
      i = j;
      while (j < n && view.charCodeAt(j) > 0xff) j++;
      text += view.slice(i, j);
      i = j;
    }
    return text;
  }

  /**
   * `text` back in the view: its bytes as Latin-1, characters the charset cannot hold
   * kept (those above U+00FF become references when spliced). Null when one at or below
   * U+00FF cannot be held (it would read as a byte).
   */
  private toView(text: string): string | null {
    const whole = iconv.encode(text, this.charset, { addBOM: false });
    if (iconv.decode(whole, this.charset, { stripBOM: false }) === text) return whole.toString('latin1');
    let out = '';
    for (const ch of text) {
      const b = iconv.encode(ch, this.charset, { addBOM: false });
      if (iconv.decode(b, this.charset, { stripBOM: false }) === ch) out += b.toString('latin1');
      else if (ch.charCodeAt(0) > 0xff) out += ch;
      else return null;
    }
    return out;
  }
}
