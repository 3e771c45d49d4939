import type { Edit } from '../domain/index.js';
import { isAuthorityCode } from './authority-text.js';
import { hasCodeBetween } from './literal-chain.js';

/**
 * What the scanner reads in place of a URL that code builds: the literal pieces, in
 * order, with a placeholder where code stands between two of them. The code's value is
 * unknown, so the placeholder is what the code most likely holds there:
 * - before `://`, a scheme (`${proto}://`): `https`;
 * - before `//`, a scheme and its colon (`${location.protocol}//`): `https:`;
 * - anywhere else, a host label. `-` is one that no protected pattern holds (a pattern's
 *   labels never start with `-`), so a host with a placeholder is protected only through
 *   a wildcard pattern, which covers every label;
 * - the last placeholder may be given instead (the empty string, `-.`), to read a
 *   substitution glued to the host's first label as empty or as a prefix ending in a dot.
 */
export class StandIn {
  /** The stand-in text. */
  readonly text: string;
  /** Where the last literal (the one being rewritten) starts in {@link text}. */
  readonly current: number;
  /** Per literal: stand-in start, source start, length; flat. */
  private readonly literals: number[] = [];
  /** Per run of code (placeholders with nothing literal between): stand-in start, end, source position where the code starts; flat. */
  private readonly code: number[] = [];

  /**
   * @param pieces start, end per literal body in `source`, oldest first; the last is the
   *   literal being rewritten, read up to `currentEnd`
   * @param last what the code right before the last literal holds, instead of the usual placeholder
   */
  constructor(source: string, pieces: readonly number[], currentEnd: number, last?: string) {
    const n = pieces.length / 2;
    // Walk back from the last literal over the code and literals before it: to where the
    // authority starts (the first character that cannot be in one), then far enough for
    // `//` and the scheme in any spelling; never more than the window.
    let first = n - 1;
    let from = pieces[2 * first];
    let room = PREFIX_WINDOW;
    walk: while (first > 0 && --room >= 0) {
      first--;
      const pieceStart = pieces[2 * first];
      from = pieces[2 * first + 1];
      while (from > pieceStart) {
        if (--room < 0) break walk;
        from--;
        if (room > SCHEME_ROOM && !isAuthorityCode(source.charCodeAt(from))) room = SCHEME_ROOM;
      }
    }
    // The code right before the last literal, with only empty literals in it, is one run.
    let run = n - 1;
    while (run > first && pieces[2 * run - 2] === pieces[2 * run - 1]) run--;
    let text = '';
    for (let i = first; i < n; i++) {
      const s = i === first ? from : pieces[2 * i];
      const e = i === n - 1 ? currentEnd : pieces[2 * i + 1];
      if (i > first && hasCodeBetween(source, pieces[2 * i - 1], pieces[2 * i])) {
        const ph = last !== undefined && i >= run ? (i === run ? last : '') : placeholderBefore(source, pieces[2 * i]);
        this.addCode(text.length, text.length + ph.length, pieces[2 * i - 1]);
        text += ph;
      }
      this.literals.push(text.length, s, e - s);
      text += source.slice(s, e);
    }
    this.text = text;
    this.current = this.literals[this.literals.length - 3];
  }

  private addCode(start: number, end: number, sourceAt: number): void {
    const code = this.code;
    const n = code.length;
    if (n > 0 && code[n - 2] === start) code[n - 2] = end;
    else code.push(start, end, sourceAt);
  }

  /** `e` in source positions, or null when it touches code. */
  edit(e: Edit): Edit | null {
    const lit = this.literals;
    // From the last literal back: an insertion at the seam of two literals goes to the later.
    for (let i = lit.length - 3; i >= 0; i -= 3) {
      if (e.start < lit[i] || e.end > lit[i] + lit[i + 2]) continue;
      const by = lit[i + 1] - lit[i];
      return { start: e.start + by, end: e.end + by, text: e.text };
    }
    return null;
  }

  /** Whether code stands anywhere in `text[from, to)`. */
  codeIn(from: number, to: number): boolean {
    const code = this.code;
    for (let i = 0; i < code.length; i += 3) if (code[i] < to && code[i + 1] > from) return true;
    return false;
  }

  /** The run of code that ends right at `at` (`[start, end)`), or undefined. */
  codeEndingAt(at: number): readonly [number, number] | undefined {
    const code = this.code;
    for (let i = 0; i < code.length; i += 3) if (code[i + 1] === at) return [code[i], at];
    return undefined;
  }

  /** `text[from, to)` with each run of code written `*`, for reports. */
  glob(from: number, to: number): string {
    const code = this.code;
    let out = '';
    let at = from;
    for (let i = 0; i < code.length; i += 3) {
      if (code[i + 1] <= from || code[i] >= to) continue;
      out += this.text.slice(at, Math.max(at, code[i])) + '*';
      at = code[i + 1];
    }
    return out + this.text.slice(at, to);
  }

  /** The source position of stand-in position `at`; in code, where the code starts. */
  sourceStart(at: number): number {
    const code = this.code;
    for (let i = 0; i < code.length; i += 3) if (at >= code[i] && at < code[i + 1]) return code[i + 2];
    const lit = this.literals;
    for (let i = lit.length - 3; i >= 0; i -= 3) if (at >= lit[i]) return lit[i + 1] + at - lit[i];
    return -1;
  }
}

/** How much of the pieces before the last to show the scanner at most: userinfo, labels, `//`, a scheme. */
const PREFIX_WINDOW = 256;
/** What is left to read once the authority has started: `\\u002F\\u002F`, `\\u003A` and a scheme. */
const SCHEME_ROOM = 64;

/** The placeholder for the code that ends right before `source[at]`. */
function placeholderBefore(source: string, at: number): string {
  if (source.startsWith('://', at) || source.startsWith(':\\/\\/', at)) return 'https';
  if (source.startsWith('//', at) || source.startsWith('\\/\\/', at)) return 'https:';
  return '-';
}
