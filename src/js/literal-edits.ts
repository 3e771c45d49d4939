import { codeStringEdits, editsOf, isCodeOccurrence, isUrlOccurrence, type Edit, type HostOccurrence, type HostScanner } from '../domain/index.js';
import { LIT_SOURCE_MAP, type LexSink } from './lexer.js';

/**
 * Turns literal bodies into rule-3 edits (rule 1 for a source-map URL). It scans a body
 * only when a host candidate found by one scan of the whole buffer lies inside it, so
 * the cost stays one pass however many literals the code has.
 */
export class LiteralEditCollector implements LexSink {
  readonly edits: Edit[] = [];
  private next = 0;

  /**
   * @param text the buffer the positions refer to
   * @param candidates occurrences from `scanner.scan(text)`, in text order: a superset of
   *   those inside literals, because every literal is delimited by non-label characters
   */
  constructor(private readonly scanner: HostScanner, private readonly text: string, private readonly candidates: readonly HostOccurrence[]) {}

  literal(kind: number, start: number, end: number, whole: boolean): void {
    const cands = this.candidates;
    let i = this.next;
    while (i < cands.length && cands[i].end <= start) i++;
    this.next = i;
    if (i === cands.length || cands[i].hostStart >= end) return;
    const found = kind === LIT_SOURCE_MAP
      ? editsOf(this.scanner.scan(this.text, start, end), isUrlOccurrence)
      : whole
        ? codeStringEdits(this.scanner, this.text, start, end)
        : editsOf(this.scanner.scan(this.text, start, end), isCodeOccurrence);
    for (const e of found) this.edits.push(e);
  }
}
