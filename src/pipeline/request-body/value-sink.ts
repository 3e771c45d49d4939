import type { RewriteContext } from '../../context.js';
import { applyEdits, codeStringEdits, isCodeOccurrence, rewriteWindow, rewriteWindowTail, WINDOW_CONTEXT, type HostScanner } from '../../domain/index.js';

/**
 * A string the browser sent, mapped back to upstream with the data rules run in reverse
 * (DESIGN rule 3, as `src/json` applies it to JSON strings): proxied URLs (also
 * percent-encoded or with escaped slashes), the whole string when it is a proxied host,
 * and regex-escaped proxied hosts. A proxied-looking host that is no twin of a protected
 * host (`evil.org.proxy.test`) is not an occurrence and stays.
 */
export function mapStringBack(ctx: RewriteContext, text: string): string {
  const scanner = ctx.hosts.reverseScanner;
  if (!scanner.mayContain(text)) return text;
  return applyEdits(text, codeStringEdits(scanner, text, 0, text.length));
}

/**
 * One value fed in pieces (a form field, a multipart text field): buffered whole up to
 * `maxBufferBytes` and then mapped with {@link mapStringBack} by `mapWhole`; past the
 * cap, mapped in windows whose cut points depend only on the text (see
 * `src/domain/windows.ts`), so memory stays bounded and any chunking gives the same
 * bytes. A windowed value is never "the whole string".
 */
export class ValueSink {
  private pieces: string[] = [];
  private size = 0;
  /** Set once the value outgrew the cap: the text not yet emitted, after `kept` characters of look-behind. */
  private windowed: { body: string; kept: number } | null = null;
  private readonly cap: number;
  private readonly window: number;
  private readonly scanner: HostScanner;

  constructor(ctx: RewriteContext, private readonly mapWhole: (text: string) => string) {
    this.cap = ctx.limits.maxBufferBytes;
    this.window = Math.max(this.cap - WINDOW_CONTEXT, WINDOW_CONTEXT);
    this.scanner = ctx.hosts.reverseScanner;
  }

  /** Takes the next piece of the value; returns what can be emitted now. */
  take(piece: string): string {
    if (piece.length === 0) return '';
    if (this.windowed === null) {
      this.pieces.push(piece);
      this.size += piece.length;
      if (this.size <= this.cap) return '';
      this.windowed = { body: this.pieces.join(''), kept: 0 };
      this.pieces = [];
      this.size = 0;
    } else {
      this.windowed.body += piece;
    }
    return this.emitWindows(this.windowed);
  }

  /** The value is complete: returns the rest of it, mapped, and starts over. */
  finish(): string {
    const w = this.windowed;
    this.windowed = null;
    if (w !== null) return rewriteWindowTail(this.scanner, w.body, 0, w.kept, w.body.length, isCodeOccurrence);
    const text = this.pieces.length === 1 ? this.pieces[0] : this.pieces.join('');
    this.pieces = [];
    this.size = 0;
    return text.length === 0 ? '' : this.mapWhole(text);
  }

  /**
   * A note of what is taken and not emitted now, in O(1): calling it later (after a
   * failure) gives that text unchanged. Joining on every write instead would copy the
   * whole buffered value per chunk, quadratic in a long value. Pieces are only ever
   * appended to the noted array (a finished value starts a new one) and strings never
   * change, so the note stays true.
   */
  mark(): () => string {
    const w = this.windowed;
    if (w !== null) {
      const { body, kept } = w;
      return () => body.slice(kept);
    }
    const pieces = this.pieces;
    const count = pieces.length;
    return () => pieces.slice(0, count).join('');
  }

  private emitWindows(w: { body: string; kept: number }): string {
    let out = '';
    while (w.body.length - w.kept >= this.window + WINDOW_CONTEXT) {
      const { cut, out: text } = rewriteWindow(this.scanner, w.body, 0, w.kept, this.window, isCodeOccurrence);
      const keepFrom = Math.max(0, cut - WINDOW_CONTEXT);
      w.body = w.body.slice(keepFrom);
      w.kept = cut - keepFrom;
      out += text;
    }
    return out;
  }
}
