/**
 * The part of a long pending token that the tokenizer has already read, moved out of its
 * buffer. Appending each chunk to one growing buffer would copy the whole token on every
 * chunk (the regular expressions flatten the concatenation), which is quadratic in the
 * token's length; pieces kept here are joined once, when the token is rewritten or a
 * window is cut from it.
 */
export class HeldText {
  private parts: string[] = [];
  private total = 0;

  get length(): number {
    return this.total;
  }

  push(piece: string): void {
    if (piece.length === 0) return;
    this.parts.push(piece);
    this.total += piece.length;
  }

  /** Everything held, as one string (kept joined, so a second call costs nothing). */
  text(): string {
    if (this.parts.length > 1) this.parts = [this.parts.join('')];
    return this.parts.length === 0 ? '' : this.parts[0];
  }

  /** Everything held, and forget it. */
  take(): string {
    const all = this.text();
    this.parts = [];
    this.total = 0;
    return all;
  }
}
