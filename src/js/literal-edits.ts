import type { RewriteContext } from '../context.js';
import { codeStringEdits, editsOf, isCodeOccurrence, isUrlOccurrence, type CandidateSearch, type CodeForm, type CodeStrings, type Edit } from '../domain/index.js';
import { joinAuthority, type UnmappableReason } from './authority-join.js';
import { userinfoFollows } from './authority-text.js';
import { LIT_SOURCE_MAP, LIT_STRING, LIT_TEMPLATE, type LexSink } from './lexer.js';
import { isPlusAfter, LiteralChains } from './literal-chain.js';

/**
 * A URL host that code begins and a literal ends, proxied for some values of the code
 * only, or in the flat scheme (which rewrites a whole host) at all: left as it is.
 */
export interface JsUnmappableEvent {
  readonly type: 'js-unmappable';
  readonly message: string;
  /** The host as written, each piece of code in it as `*`: `*.example.com`, `*-my.example.com`. */
  readonly host: string;
  readonly reason: UnmappableReason;
  readonly [key: string]: unknown;
}

/** No candidate after the last search start: none left in the buffer. */
const NONE_LEFT = Number.MAX_SAFE_INTEGER;
const DOLLAR = 0x24;

/**
 * Turns literal bodies into rule-3 edits (rule 1 for a source-map URL). It scans a body
 * only when the code-string search (`hosts.code.candidates`) finds a candidate inside it
 * (a protected host written out, or a URL authority only the parser reads); the search
 * resumes from where it stopped, so the cost stays one pass however many literals the
 * code has. Classifying happens per literal only, so each occurrence is classified (and
 * any `mapping-error` reported) once.
 *
 * With `joins`, a literal that code joins to the literals before it (template
 * substitutions, `' + name + '`) and that ends a URL's host begun before it is read with
 * them (see {@link joinAuthority}); and a URL host followed, before its authority ends, by
 * an `@` in a literal that code continues is userinfo, not the host. Joins need the
 * previous literals in the same buffer, so the streaming rewriter, whose buffers depend
 * on chunking, leaves them off.
 */
export class LiteralEditCollector implements LexSink {
  readonly edits: Edit[] = [];
  private readonly code: CodeStrings;
  private readonly search: CandidateSearch;
  /** The next candidate's position at or after the last search start; -1 before the first search. */
  private candidate = -1;
  private readonly chains = new LiteralChains();

  /**
   * @param text the buffer the positions refer to
   * @param form `literal-bytes` when `text` is UTF-8 bytes read as Latin-1 (the byte stream), which the URL rule reads decoded
   */
  constructor(private readonly ctx: RewriteContext, private readonly text: string, private readonly joins = true, private readonly form: CodeForm = 'literal') {
    this.code = ctx.hosts.code;
    this.search = this.code.candidates(text);
  }

  literal(kind: number, start: number, end: number, whole: boolean): void {
    const joined = this.joins && this.chains.add(this.text, kind, start, end);
    if (!this.hasCandidate(start, end)) return;
    const scanner = this.code.scanner;
    if (kind === LIT_SOURCE_MAP) return this.add(editsOf(scanner.scan(this.text, start, end), isUrlOccurrence));
    // A regular expression is matched, never fetched: the text scan alone (rule 3c).
    const code = kind === LIT_STRING || kind === LIT_TEMPLATE;
    if (!whole) return this.add(editsOf(code ? this.code.occurrences(this.text, start, end, false, this.form) : scanner.scan(this.text, start, end), isCodeOccurrence));
    if (!code) return this.add(codeStringEdits(scanner, this.text, start, end));
    if (!this.joins) return this.add(this.code.edits(this.text, start, end, this.form));
    // The host the join decides, if any: the literal's own reading of it is dropped.
    const joinedEnd = joined ? this.join(start, end) : -1;
    const continued = isContinuedByCode(this.text, kind, end);
    const wholeString = !joined || this.chains.precededByHostText(this.text);
    for (const o of this.code.occurrences(this.text, start, end, wholeString, this.form)) {
      if (o.end === joinedEnd || !isCodeOccurrence(o)) continue;
      if (continued && o.context === 'url' && userinfoFollows(this.text, o.end, end)) continue;
      this.add(o.edits);
    }
  }

  /** Reads the literal as the end of a URL authority; returns where the host it decided ends, or -1. */
  private join(start: number, end: number): number {
    const join = joinAuthority(this.ctx.hosts, this.text, this.chains.pieces, start, end);
    if (join.kind === 'none') return -1;
    if (join.kind === 'edits') this.add(join.edits);
    if (join.kind === 'unmappable') {
      const why = join.reason === 'flat-scheme'
        ? `the ${this.ctx.hosts.map.scheme} scheme cannot rewrite a host that code writes part of`
        : 'it is protected for some values of the code only';
      const event: JsUnmappableEvent = {
        type: 'js-unmappable',
        host: join.host,
        reason: join.reason,
        message: `URL host "${join.source}" left as it is: ${why}`,
      };
      this.ctx.emit(event);
    }
    return join.end;
  }

  /**
   * Whether a candidate starts inside `[start, end)`. Literals arrive in order, so the
   * search only moves forward: it resumes at a literal's start only once the last
   * candidate found lies behind it.
   */
  private hasCandidate(start: number, end: number): boolean {
    if (this.candidate === NONE_LEFT) return false;
    if (this.candidate < start) {
      const next = this.search.next(start);
      this.candidate = next === -1 ? NONE_LEFT : next;
      if (next === -1) return false;
    }
    return this.candidate < end;
  }

  private add(edits: readonly Edit[]): void {
    for (const e of edits) this.edits.push(e);
  }
}

/** Whether code continues the literal ending at `end`: a substitution, or `+` after the closing quote. */
function isContinuedByCode(text: string, kind: number, end: number): boolean {
  return (kind === LIT_TEMPLATE && text.charCodeAt(end) === DOLLAR) || isPlusAfter(text, end);
}
