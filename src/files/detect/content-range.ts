import { trimOws } from './http-token.js';

/** The part of a file a `206` response carries (RFC 9110 §14.4), byte positions inclusive. */
export interface ContentRange {
  readonly first: number;
  readonly last: number;
  /** The whole file's length; null when the server wrote `*` (unknown). */
  readonly complete: number | null;
}

/**
 * Parses `Content-Range: bytes first-last/complete` (or `/*`) by RFC 9110 §14.4:
 *
 *     Content-Range = range-unit SP ( range-resp / unsatisfied-range )
 *     range-resp    = incl-range "/" ( complete-length / "*" )
 *     incl-range    = first-pos "-" last-pos
 *
 * The unit is `bytes` (case-insensitive, §14.1), positions are digits only (no sign,
 * no spaces inside), and the value is invalid when `last < first` or
 * `complete <= last`. Only optional whitespace around the whole value is allowed.
 * Null for anything else, including the unsatisfied form `bytes *\/1234` that a `416`
 * carries: it describes no bytes of the file, only its length, so no part of a file can
 * be classified by it. Numbers past 2^53 - 1 are null too (no exact integer).
 */
export function parseContentRange(value: string | undefined): ContentRange | null {
  if (value === undefined) return null;
  const text = trimOws(value);
  const space = text.indexOf(' ');
  if (space === -1 || text.slice(0, space).toLowerCase() !== 'bytes') return null;
  const rest = text.slice(space + 1);
  const dash = rest.indexOf('-');
  const slash = rest.indexOf('/');
  if (dash === -1 || slash === -1 || slash < dash) return null;
  const first = digits(rest.slice(0, dash));
  const last = digits(rest.slice(dash + 1, slash));
  const lengthText = rest.slice(slash + 1);
  const complete = lengthText === '*' ? null : digits(lengthText);
  if (first === null || last === null || (complete === null && lengthText !== '*')) return null;
  if (last < first || (complete !== null && complete <= last)) return null;
  return { first, last, complete };
}

function digits(text: string): number | null {
  if (text === '') return null;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return null;
  }
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : null;
}
