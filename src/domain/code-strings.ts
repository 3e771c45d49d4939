import { CodeCandidates, type CandidateRules } from './code-candidates.js';
import type { CodeUrls } from './code-urls.js';
import { applyEdits, type Edit } from './edits.js';
import { nextMarkedSlashes } from './marked-authorities.js';
import { mayHoldMarks, SpelledRuns } from './spelled-runs.js';
import { editsOf, isCodeOccurrence } from './rules.js';
import type { HostOccurrence, HostScanner } from './scanner.js';
import type { CodeForm } from './string-value.js';

export type { CodeForm } from './string-value.js';

const NON_ASCII = /[^\x00-\x7f]/;

/** Whether occurrence `o` (its host and every edit) meets the span `[s, e]`, ends included: two insertions at one place meet. */
function meets(o: HostOccurrence, s: number, e: number): boolean {
  let first = o.start;
  let last = o.end;
  for (const edit of o.edits) {
    if (edit.start < first) first = edit.start;
    if (edit.end > last) last = edit.end;
  }
  return first <= e && s <= last;
}

/** Each edit of `o` as an occurrence of its own, where the edit stands. */
function eachEdit(o: HostOccurrence): HostOccurrence[] {
  return o.edits.map((e) => ({ ...o, start: e.start, hostStart: e.start, end: e.end, edits: [e] }));
}

/** Finds the candidates of one text front to back: see {@link CodeStrings.candidates}. */
export interface CandidateSearch {
  /** The first position at or after `from` where something may need rewriting, or -1. */
  next(from: number): number;
}

/**
 * DESIGN rule 3 for code and data strings (JavaScript literals, JSON strings, CSS
 * strings, header strings) in one direction. The text scan finds the hosts written out;
 * forward, the URL rule also decides every URL in a string that the parser may read
 * differently (code-urls.ts); where its edits meet the scan's, they replace them. The
 * request direction has the text scan alone: only exact twins map back.
 */
export class CodeStrings {
  private readonly rules: CandidateRules | undefined;

  constructor(readonly scanner: HostScanner, private readonly urls?: CodeUrls) {
    this.rules = urls && {
      nextTail: (text, from) => scanner.nextCandidate(text, from),
      mayYieldProtectedHost: (text) => urls.mayYieldProtectedHost(text),
      mayHoldProtectedHost: (text) => urls.mayHoldProtectedHost(text),
      addressBase: urls.addressBase,
      unicodeBase: urls.unicodeBase,
    };
  }

  /**
   * A search for candidates in `text`: positions where a protected host is written out or
   * where a URL's authority may spell one for the parser. A string (or a stretch of code)
   * holding none needs nothing; asked front to back, the search is one pass over `text`.
   */
  candidates(text: string): CandidateSearch {
    if (this.rules === undefined) return { next: (from) => this.scanner.nextCandidate(text, from) };
    return new CodeCandidates(this.rules, text);
  }

  /**
   * False when `text[from…]` certainly needs nothing: the fast path of whole scripts,
   * documents and strings. `form` `value`: `text` is one string's value (a CSS string
   * after its escapes, a header value), which may hold a tab or newline inside a host.
   */
  mayContain(text: string, from = 0, form: CodeForm = 'literal'): boolean {
    const rules = this.rules;
    if (this.scanner.nextCandidate(text, from) !== -1) return true;
    if (rules === undefined) return false;
    if (nextMarkedSlashes(rules, text, from, text.length, text.length) !== -1 || (rules.unicodeBase && NON_ASCII.test(text.slice(from)))) return true;
    const value = form === 'value';
    return mayHoldMarks(text, from, value) && new SpelledRuns(rules, text, value).next(from) !== -1;
  }

  /**
   * The occurrences of `text[from, to)` (written as `form`), `whole` when that range is a
   * whole string. The caller keeps the ones it wants (`isCodeOccurrence`, mostly).
   */
  occurrences(text: string, from: number, to: number, whole: boolean, form: CodeForm): HostOccurrence[] {
    return this.read(text, from, to, whole, form, false);
  }

  /**
   * A reader of the windows of one string too long to hold whole, written as `form`
   * (windows.ts): the text scan and the URL parser's part. A window takes the edits that
   * start in it, so each edit of a URL the parser decided stands alone (the next window,
   * whose look-behind holds the URL's start, decides it again the same way).
   */
  windowReader(form: CodeForm): (region: string, rel: number) => HostOccurrence[] {
    return (region, rel) => (this.mayContain(region, rel, form) ? this.read(region, 0, region.length, false, form, true) : []);
  }

  private read(text: string, from: number, to: number, whole: boolean, form: CodeForm, editByEdit: boolean): HostOccurrence[] {
    const scanned = this.scanner.scan(text, from, to, whole ? { start: from, end: to } : undefined);
    const decision = this.urls?.decide(text, from, to, whole, form, scanned.some((o) => o.context !== 'url'));
    if (!decision || decision.decided.length === 0) return scanned;
    const kept = scanned.filter((o) => !decision.decided.some(([s, e]) => meets(o, s, e)));
    const found = editByEdit ? decision.found.flatMap(eachEdit) : decision.found;
    return [...kept, ...found].sort((a, b) => a.start - b.start);
  }

  /** Rule 3 edits of one whole string `text[from, to)`. */
  edits(text: string, from: number, to: number, form: CodeForm): Edit[] {
    return editsOf(this.occurrences(text, from, to, true, form), isCodeOccurrence);
  }

  /** Rule 3 applied to a string's value. */
  rewrite(value: string): string {
    if (!this.mayContain(value, 0, 'value')) return value;
    return applyEdits(value, this.edits(value, 0, value.length, 'value'));
  }
}
