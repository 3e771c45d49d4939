import type { LexSink } from './lexer.js';

/**
 * Records literal spans so that the edits are computed from one reading only: the lexer's
 * when it was sure, else the parser's. Computing them on the fly for a reading that may
 * be thrown away would scan literals twice and report their events twice.
 */
export class LiteralList implements LexSink {
  /** kind, start, end, whole (0 or 1) per literal, flat. */
  private readonly spans: number[] = [];

  literal(kind: number, start: number, end: number, whole: boolean): void {
    this.spans.push(kind, start, end, whole ? 1 : 0);
  }

  /** How many literals were recorded. */
  get length(): number {
    return this.spans.length / 4;
  }

  /** Hands every recorded literal, in order, to `sink`. */
  replay(sink: LexSink): void {
    const s = this.spans;
    for (let i = 0; i < s.length; i += 4) sink.literal(s[i], s[i + 1], s[i + 2], s[i + 3] === 1);
  }

  /** `[kind, start, end]` per literal, for callers that compare readings. */
  toArray(): Array<[kind: number, start: number, end: number]> {
    const out: Array<[number, number, number]> = [];
    const s = this.spans;
    for (let i = 0; i < s.length; i += 4) out.push([s[i], s[i + 1], s[i + 2]]);
    return out;
  }
}
