import { isToken, listElements, type HeaderValue } from './header-list.js';
import { zstd } from './runtime.js';

/** A content coding this library knows how to undo and re-apply. */
export type Coding = 'gzip' | 'deflate' | 'br' | 'zstd';

/** A Content-Encoding header: the codings in the order they were applied, and what is not ours. */
export interface ParsedContentEncoding {
  /** Known codings in the order the sender applied them (`gzip, br`: gzip first, then br). */
  codings: Coding[];
  /** Every other coding, lower-cased (`compress`, `x-foo`, a malformed element): the body then passes byte-identical. */
  unknown: string[];
}

/**
 * More stacked codings than this are not decoded: real servers stack two at most (a
 * double `gzip, gzip` by mistake), and every stage costs a decoder state, so a header
 * listing a thousand codings must not build a thousand inflaters. Such a body passes
 * byte-identical like one with an unknown coding.
 */
export const MAX_STACKED_CODINGS = 4;

/** Spellings of each coding; `x-gzip` is gzip (RFC 9110 section 8.4.1.3). Keys are lower case. */
const NAMES: ReadonlyMap<string, Coding> = new Map<string, Coding>([
  ['gzip', 'gzip'],
  ['x-gzip', 'gzip'],
  ['deflate', 'deflate'],
  ['br', 'br'],
  ['zstd', 'zstd'],
]);

/** The coding a name stands for (case-insensitive), or null. `identity` is not a coding. */
export function codingOf(name: string): Coding | null {
  return NAMES.get(name.toLowerCase()) ?? null;
}

/**
 * Parses Content-Encoding (one value, or the lines of a repeated header in order).
 * Case-insensitive; empty list elements and `identity` are ignored.
 */
export function parseContentEncoding(value: HeaderValue): ParsedContentEncoding {
  const codings: Coding[] = [];
  const unknown: string[] = [];
  for (const element of listElements(value)) {
    const name = element.toLowerCase();
    if (name === 'identity') continue;
    const coding = isToken(name) ? codingOf(name) : null;
    if (coding === null) unknown.push(name);
    else codings.push(coding);
  }
  return { codings, unknown };
}

/** The codings the running Node can undo and re-apply: zstd only where node:zlib has it. */
export function supportedCodings(): Coding[] {
  return zstd === null ? ['gzip', 'deflate', 'br'] : ['gzip', 'deflate', 'br', 'zstd'];
}

/**
 * Whether a body so encoded can be decoded (and re-encoded) here: false for any unknown
 * coding, for zstd without runtime support, and past {@link MAX_STACKED_CODINGS}. Takes
 * a parse result, or coding names (spelled as in the header: `x-gzip` is gzip).
 */
export function canDecode(codings: ParsedContentEncoding | readonly string[]): boolean {
  if (isParsed(codings) && codings.unknown.length > 0) return false;
  const names: readonly string[] = isParsed(codings) ? codings.codings : codings;
  if (names.length > MAX_STACKED_CODINGS) return false;
  const supported = supportedCodings();
  return names.every((name) => {
    const coding = codingOf(name);
    return coding !== null && supported.includes(coding);
  });
}

function isParsed(value: ParsedContentEncoding | readonly string[]): value is ParsedContentEncoding {
  return !Array.isArray(value);
}

/** `codings` as Coding values (so `x-gzip` is gzip), or a RangeError when canDecode refuses them. */
export function requireCodings(codings: readonly string[]): Coding[] {
  if (!canDecode(codings)) throw new RangeError(`cannot decode content codings: ${codings.join(', ')} (supported: ${supportedCodings().join(', ')})`);
  return codings.map((name) => codingOf(name) as Coding);
}
