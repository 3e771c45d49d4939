import type { RewriteContext } from '../context.js';
import { codeStringEdits, editsOf, isCodeOccurrence, isUrlOccurrence, type Edit, type HostOccurrence, type HostScanner } from '../domain/index.js';
import { isConcatenationGap, joinAuthority } from './authority-join.js';
import { LIT_SOURCE_MAP, LIT_STRING, LIT_TEMPLATE, type LexSink } from './lexer.js';

/** A host the code begins and a literal ends, that no mapping can express (the flat scheme). */
export interface JsUnmappableEvent {
  readonly type: 'js-unmappable';
  readonly message: string;
  readonly host: string;
  readonly [key: string]: unknown;
}

const DOLLAR = 0x24;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
/** No candidate after the last search start: none left in the buffer. */
const NONE_LEFT = Number.MAX_SAFE_INTEGER;

/**
 * Turns literal bodies into rule-3 edits (rule 1 for a source-map URL). It scans a body
 * only when the scanner's candidate search finds a host candidate inside it; the search
 * resumes from where it stopped, so the cost stays one pass however many literals the
 * code has. Classifying happens per literal only, so each occurrence is classified (and
 * any `mapping-error` reported) once.
 *
 * With `joins`, a literal starting with `.host` right after a substitution or a
 * `' + name + '` concatenation whose previous literal ends a URL's `//` is the tail of
 * that URL's authority (see {@link joinAuthority}). Joins need the previous literal in the
 * same buffer, so the streaming rewriter, whose buffers depend on chunking, leaves them off.
 */
export class LiteralEditCollector implements LexSink {
  readonly edits: Edit[] = [];
  private readonly scanner: HostScanner;
  /** The next candidate's position at or after the last search start; -1 before the first search. */
  private candidate = -1;
  /** Per open template substitution, the chunk before it: start, end. */
  private readonly quasis: number[] = [];
  private prevKind = -1;
  private prevStart = 0;
  private prevEnd = 0;

  /** @param text the buffer the positions refer to */
  constructor(private readonly ctx: RewriteContext, private readonly text: string, private readonly joins = true) {
    this.scanner = ctx.hosts.scanner;
  }

  literal(kind: number, start: number, end: number, whole: boolean): void {
    let joinStart = -1;
    let joinEnd = -1;
    if (this.joins) {
      const text = this.text;
      if (kind === LIT_TEMPLATE && start > 0 && text.charCodeAt(start - 1) === CLOSE_BRACE) {
        const n = this.quasis.length;
        if (n >= 2) { joinStart = this.quasis[n - 2]; joinEnd = this.quasis[n - 1]; this.quasis.length = n - 2; }
      } else if ((kind === LIT_STRING || kind === LIT_TEMPLATE) && (this.prevKind === LIT_STRING || this.prevKind === LIT_TEMPLATE) &&
          isConcatenationGap(text, this.prevEnd, start)) {
        joinStart = this.prevStart;
        joinEnd = this.prevEnd;
      }
      if (kind === LIT_TEMPLATE && text.charCodeAt(end) === DOLLAR && text.charCodeAt(end + 1) === OPEN_BRACE) this.quasis.push(start, end);
      this.prevKind = kind;
      this.prevStart = start;
      this.prevEnd = end;
    }
    if (!this.hasCandidate(start, end)) return;
    if (kind === LIT_SOURCE_MAP) return this.add(editsOf(this.scanner.scan(this.text, start, end), isUrlOccurrence));
    if (!whole) return this.add(editsOf(this.scanner.scan(this.text, start, end), isCodeOccurrence));
    if (joinEnd < 0 || this.text.charCodeAt(start) !== 0x2e /* . */) return this.add(codeStringEdits(this.scanner, this.text, start, end));
    const occs = this.scanner.scan(this.text, start, end, { start, end });
    for (const o of occs) {
      if (o.start === start && o.leadingDot && !o.wildcard && this.joined(joinStart, joinEnd, start, end, o)) continue;
      if (isCodeOccurrence(o)) this.add(o.edits);
    }
  }

  /** Rewrites `o` as the tail of a URL authority when it is one; false leaves it to rule 3. */
  private joined(prevStart: number, prevEnd: number, start: number, end: number, o: HostOccurrence): boolean {
    const join = joinAuthority(this.scanner, this.text, prevStart, prevEnd, start, end, o);
    if (join.kind === 'none') return false;
    if (join.kind === 'edits') {
      this.add(join.edits);
    } else {
      const event: JsUnmappableEvent = {
        type: 'js-unmappable',
        host: o.host,
        message: `"${this.text.slice(o.start, o.end)}" ends a URL host that code begins; the ${this.ctx.hosts.map.scheme} scheme cannot rewrite a part of a host, left as it is`,
      };
      this.ctx.emit(event);
    }
    return true;
  }

  /**
   * Whether a candidate starts inside `[start, end)`. Literals arrive in order, so the
   * search only moves forward: it resumes at a literal's start only once the last
   * candidate found lies behind it.
   */
  private hasCandidate(start: number, end: number): boolean {
    if (this.candidate === NONE_LEFT) return false;
    if (this.candidate < start) {
      const next = this.scanner.nextCandidate(this.text, start);
      this.candidate = next === -1 ? NONE_LEFT : next;
      if (next === -1) return false;
    }
    return this.candidate < end;
  }

  private add(edits: readonly Edit[]): void {
    for (const e of edits) this.edits.push(e);
  }
}
