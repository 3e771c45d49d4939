import { nextMarkedSlashes, type AuthorityRules } from './marked-authorities.js';
import { SpelledRuns, type SpellingRules } from './spelled-runs.js';

// The fast path of code and data strings (rule 3): where in a text (a whole script, a
// JSON document, one string) something may need rewriting: a protected host written out
// (the scanner's search), a URL authority after `//` only the parser reads as one
// (marked-authorities.ts), or a host spelled only through escapes or for the parser,
// wherever it stands (spelled-runs.ts).

/** What the search asks of the host rules. */
export interface CandidateRules extends AuthorityRules, SpellingRules {
  /** The next protected host written out (a scanner candidate) at or after `from`, or -1. */
  nextTail(text: string, from: number): number;
}

const NONE = -1;
const UNSEARCHED = -2;
const NON_ASCII = /[^\x00-\x7f]/g;

/** The earlier of two positions, -1 meaning none. */
function first(a: number, b: number): number {
  if (a < 0) return b < 0 ? NONE : b;
  return b < 0 || a < b ? a : b;
}

/**
 * Finds candidates in one text, front to back. It remembers the next hit of each search,
 * so a caller asking again from further on (one literal or string after another) never
 * searches the same stretch twice.
 */
export class CodeCandidates {
  private tail = UNSEARCHED;
  /** The next marked `//` found, or -1 for none before `slashesTo`. */
  private slashes = UNSEARCHED;
  private slashesTo = 0;
  private nonAscii = UNSEARCHED;
  private spelled: SpelledRuns;
  private last = 0;

  constructor(private readonly rules: CandidateRules, private readonly text: string) {
    this.spelled = new SpelledRuns(rules, text);
  }

  /** The first candidate at or after `from`, or -1. */
  next(from: number): number {
    const text = this.text;
    const rules = this.rules;
    if (from < this.last) {
      this.tail = this.slashes = this.nonAscii = UNSEARCHED;
      this.slashesTo = 0;
      this.spelled = new SpelledRuns(rules, text);
    }
    this.last = from;
    if (this.tail !== NONE && this.tail < from) this.tail = rules.nextTail(text, from);
    // Only a `//` before the next host written out can come first: search up to it, from
    // where the last search stopped.
    const bound = this.tail === NONE ? text.length : this.tail;
    if (this.slashes < from && !(this.slashes === NONE && this.slashesTo >= bound)) {
      const start = this.slashes === NONE ? Math.max(from, this.slashesTo) : from;
      this.slashes = nextMarkedSlashes(rules, text, start, bound, text.length);
      this.slashesTo = bound;
    }
    if (rules.unicodeBase && this.nonAscii !== NONE && this.nonAscii < from) {
      NON_ASCII.lastIndex = from;
      this.nonAscii = NON_ASCII.exec(text)?.index ?? NONE;
    }
    const found = first(first(this.tail, this.slashes), this.nonAscii);
    // A spelled host only matters before the first of the others.
    return first(found, this.spelled.next(from, found === NONE ? text.length : found));
  }
}
