import type { CannotInspectReason, ExtractedText } from '../file-facts.js';

/**
 * Why a text is incomplete, the most serious first: a file that is encrypted somewhere
 * says so even when its text also ran past the limit, whatever order it was read in.
 */
const SEVERITY: readonly CannotInspectReason[] = ['encrypted', 'corrupt', 'partial', 'too-large', 'too-much-text'];

/**
 * The text of a file as the extractors find it, cut at the character limit (UTF-16
 * code units, as JavaScript strings count them). Extractors write pieces and ask for
 * separators; a separator is written only when more text follows, so a text that ends
 * exactly at the limit is whole. Once full it drops writes, and extractors check `full`
 * to stop reading early.
 */
export class TextCollector {
  private readonly parts: string[] = [];
  private length = 0;
  private pending = '';
  private reason: CannotInspectReason | null = null;
  private overflowed = false;

  constructor(private readonly maxChars: number) {}

  /** True once text past the limit was offered: nothing more is kept. */
  get full(): boolean {
    return this.overflowed;
  }

  /** Appends `piece`, after the separator asked for since the last write. */
  write(piece: string): void {
    if (piece === '' || this.overflowed) return;
    if (this.pending !== '') {
      const separator = this.pending;
      this.pending = '';
      this.write(separator);
    }
    if (this.length + piece.length <= this.maxChars) {
      this.parts.push(piece);
      this.length += piece.length;
      return;
    }
    let room = this.maxChars - this.length;
    // Never keep half of a surrogate pair.
    if (room > 0 && isHighSurrogate(piece.charCodeAt(room - 1))) room--;
    if (room > 0) this.parts.push(piece.slice(0, room));
    this.length += room;
    this.overflowed = true;
    this.fail('too-much-text');
  }

  /**
   * Asks for `separator` (a newline by default) before the next text, unless the text is
   * empty or already ends with it. Separators asked for in a row make one, a newline
   * if any was asked for (a row's end after a cell's end is one line end).
   */
  separate(separator = '\n'): void {
    if (this.length === 0 || this.pending === '\n') return;
    const last = this.parts[this.parts.length - 1];
    if (!last.endsWith(separator) && !last.endsWith('\n')) this.pending = separator;
  }

  /** Records why the text is not the whole text of the file; the most serious reason is kept. */
  fail(reason: CannotInspectReason): void {
    if (this.reason === null || SEVERITY.indexOf(reason) < SEVERITY.indexOf(this.reason)) this.reason = reason;
  }

  result(): ExtractedText {
    return { text: this.parts.join(''), cannotInspect: this.reason };
  }
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
