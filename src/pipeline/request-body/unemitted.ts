/**
 * What a text engine hands back through `drainRaw` after a failure: the text it had
 * taken and not emitted when the failing call began, and that call's text. Kept as a
 * note (a function) made in O(1), so that nothing is copied per call (see
 * `ValueSink.mark`).
 */
export class Unemitted {
  private note: (() => string) | null = null;

  /** Runs `work`, noting `before` (pending when it began) and `text` (what it is given) until it returns. */
  around<T>(before: () => string, text: string, work: () => T): T {
    this.note = text === '' ? before : () => before() + text;
    const result = work();
    this.note = null;
    return result;
  }

  /** The noted text, once. */
  drain(): string {
    const raw = this.note?.() ?? '';
    this.note = null;
    return raw;
  }
}
