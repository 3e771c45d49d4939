import { isHexCode, isNewlineCode } from './chars.js';
import { continuationLength, escapeEnd, hexUnit } from './escapes.js';

/** What ends a run of characters that decode to themselves: an escape, or a NUL (U+FFFD after CSS preprocessing). */
const RUN_STOPS = /[\\\0]/g;

/**
 * A string or url token body (or a window of one) with its CSS escapes decoded: the
 * value the browser sees, and where in the raw text each decoded unit came from. The
 * map is kept per segment (a plain run, or one escape), not per character, so a long
 * body costs no second buffer several times its size.
 */
export class DecodedText {
  /** The value the browser sees. */
  readonly value: string;
  /**
   * Raw offsets right after a hex escape that no whitespace closed (`\2F` then `e`):
   * text inserted there must not start with a hex digit or whitespace, or it would
   * join the escape.
   */
  readonly openHexEnds: ReadonlySet<number>;
  /** Where the decoded text ends in the raw text. */
  readonly rawEnd: number;
  /** Segment j starts at decoded unit segD[j] and raw offset segR[j]; plain ones map unit for unit, an escape's units all map to its `\`. */
  private readonly segD: number[];
  private readonly segR: number[];
  private readonly plain: boolean[];

  constructor(value: string, segD: number[], segR: number[], plain: boolean[], openHexEnds: ReadonlySet<number>, rawEnd: number) {
    this.value = value;
    this.segD = segD;
    this.segR = segR;
    this.plain = plain;
    this.openHexEnds = openHexEnds;
    this.rawEnd = rawEnd;
  }

  /** The raw offset where decoded unit `k` begins (`k` = the value's length: {@link rawEnd}). */
  rawAt(k: number): number {
    if (k >= this.value.length) return this.rawEnd;
    let lo = 0;
    let hi = this.segD.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.segD[mid] <= k) lo = mid;
      else hi = mid - 1;
    }
    return this.plain[lo] ? this.segR[lo] + (k - this.segD[lo]) : this.segR[lo];
  }

  /** The first decoded unit that begins at or after raw offset `raw` (the value's length if none). */
  unitAt(raw: number): number {
    let lo = 0;
    let hi = this.value.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.rawAt(mid) >= raw) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/**
 * Decodes every escape of a string or url token body `text[from, to)` (CSS Syntax 3,
 * "consume a string token", "consume a url token", "consume an escaped code point"),
 * with offsets into `text`. An escape that starts before `to` is read whole, up to the
 * text's end: a caller decoding a window of a longer body may pass a `to` inside one.
 * `\` + newline (a line continuation in a string) stands for nothing, and so does a `\`
 * that ends the text.
 */
export function decodeEscapes(text: string, from = 0, to = text.length): DecodedText {
  const n = text.length;
  const parts: string[] = [];
  const segD: number[] = [];
  const segR: number[] = [];
  const plain: boolean[] = [];
  const openHexEnds = new Set<number>();
  let k = 0; // decoded units so far
  let i = from;
  const segment = (isPlain: boolean) => {
    const last = segD.length - 1;
    // A plain run right after a plain one it continues is the same segment.
    if (isPlain && last >= 0 && plain[last] && segR[last] + (k - segD[last]) === i) return;
    segD.push(k);
    segR.push(i);
    plain.push(isPlain);
  };
  while (i < to) {
    RUN_STOPS.lastIndex = i;
    const stop = RUN_STOPS.test(text) ? Math.min(RUN_STOPS.lastIndex - 1, to) : to;
    if (stop > i) {
      segment(true);
      parts.push(text.slice(i, stop));
      k += stop - i;
      i = stop;
      continue;
    }
    if (text.charCodeAt(i) === 0) {
      segment(true);
      parts.push('\uFFFD');
      k++;
      i++;
      continue;
    }
    if (i + 1 >= n) {
      i = n;
    } else if (isNewlineCode(text.charCodeAt(i + 1))) {
      i += continuationLength(text, i, n);
    } else {
      const end = escapeEnd(text, i, n, true);
      let unit: string;
      if (isHexCode(text.charCodeAt(i + 1))) {
        let digitsEnd = i + 1;
        while (digitsEnd < end && isHexCode(text.charCodeAt(digitsEnd))) digitsEnd++;
        unit = hexUnit(text, i + 1, digitsEnd);
        if (digitsEnd === end) openHexEnds.add(end);
      } else {
        unit = text[i + 1];
      }
      segment(false);
      parts.push(unit);
      k += unit.length;
      i = end;
    }
  }
  return new DecodedText(parts.join(''), segD, segR, plain, openHexEnds, i);
}

/** The value of a body with its escapes decoded, without the offsets. */
export function decodeValue(raw: string): string {
  return raw.indexOf('\\') < 0 && raw.indexOf('\0') < 0 ? raw : decodeEscapes(raw).value;
}
