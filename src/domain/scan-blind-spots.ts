import { nextMarkedSlashes, type AuthorityRules } from './marked-authorities.js';
import type { HostScanner } from './scanner.js';
import { SpelledRuns, type SpellingRules } from './spelled-runs.js';

// Inside one code or data string, what the text scan cannot see, or cannot see as a URL:
// a `//` authority only the parser reads (marked-authorities.ts), a host spelled only
// through escapes or for the parser (spelled-runs.ts), and, asked for the rest of a URL,
// a protected host written out with no `//` before it (`?next=wss%3Ahost`: a URL nested
// without slashes, which only the URL rule reads). Asked front to back, each search goes
// over the string once.

const UNSEARCHED = -2;

export class ScanBlindSpots {
  private readonly spelled: SpelledRuns;
  /** The last answers of the two searches that run on the text as a whole, and where they were asked from. */
  private marked = UNSEARCHED;
  private markedFrom = 0;
  private tail = UNSEARCHED;
  private tailFrom = 0;

  /** @param controls the text is a string's value: tabs and newlines written as they are count (spelled-runs.ts) */
  constructor(
    private readonly rules: AuthorityRules & SpellingRules,
    private readonly scanner: HostScanner,
    private readonly text: string,
    controls: boolean,
  ) {
    this.spelled = new SpelledRuns(rules, text, controls);
  }

  /**
   * Whether something the scan cannot see stands in `text[from, before)`; with `tails`,
   * also a protected host written out that the scan does not read after `//`.
   */
  within(from: number, before: number, tails: boolean): boolean {
    const text = this.text;
    if (this.marked === UNSEARCHED || from < this.markedFrom || (this.marked !== -1 && this.marked < from)) {
      this.marked = nextMarkedSlashes(this.rules, text, from, text.length, text.length);
      this.markedFrom = from;
    }
    if (this.marked !== -1 && this.marked < before) return true;
    if (this.spelled.next(from, before) !== -1) return true;
    if (!tails) return false;
    if (this.tail === UNSEARCHED || from < this.tailFrom || (this.tail !== -1 && this.tail < from)) {
      this.tail = this.scanner.nextCandidate(text, from);
      this.tailFrom = from;
    }
    if (this.tail === -1 || this.tail >= before) return false;
    return this.scanner.scan(text, from, before).some((o) => o.context !== 'url');
  }
}
