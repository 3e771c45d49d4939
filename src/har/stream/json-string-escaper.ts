// A JSON string written in pieces: each piece escaped as JSON.stringify would escape the
// whole, a surrogate pair split between pieces kept whole (held back one code unit).
import { isHighSurrogate } from './utf16.js';

/** `'"' + push(a) + push(b) + … + end() + '"'` equals `JSON.stringify(a + b + …)`. */
export class JsonStringEscaper {
  private held = '';

  /** The escaped text of `piece` (without quotes), less a trailing high surrogate kept back. */
  push(piece: string): string {
    let text = this.held + piece;
    this.held = '';
    if (text.length > 0 && isHighSurrogate(text.charCodeAt(text.length - 1))) {
      this.held = text.slice(-1);
      text = text.slice(0, -1);
    }
    return text.length === 0 ? '' : JSON.stringify(text).slice(1, -1);
  }

  /** What is held back (a lone high surrogate at the very end, escaped as \udXXX). */
  end(): string {
    const text = this.held;
    this.held = '';
    return text.length === 0 ? '' : JSON.stringify(text).slice(1, -1);
  }
}
