/** ASCII letters lowered, every other character kept: offsets stay valid (`toLowerCase` may change the length). */
export function asciiLower(text: string): string {
  return text.replace(/[A-Z]+/g, (run) => run.toLowerCase());
}

/** Snippets are at most this long. */
export const SNIPPET_CHARS = 120;
/** How far from its guessed place a host is looked for. */
const SEARCH_BEFORE = 2000;
const SEARCH_AFTER = 8000;

/**
 * Where `host` (or the host of a `*.host` wildcard) occurs in `text` within `[start, end)`,
 * nearest after `at - host.length`, case-insensitively; `at` when it does not occur
 * there as written (a percent-encoded or escaped host).
 */
export function hostOffset(text: string, start: number, end: number, at: number, host: string): number {
  const needle = asciiLower(host.startsWith('*.') ? host.slice(2) : host);
  const from = Math.max(start, at - SEARCH_BEFORE);
  const to = Math.min(end, Math.max(at, from) + SEARCH_AFTER);
  if (to <= from) return at;
  const window = asciiLower(text.slice(from, to));
  const near = window.indexOf(needle, Math.max(0, at - from - needle.length));
  const found = near !== -1 ? near : window.indexOf(needle);
  return found === -1 ? at : from + found;
}

/**
 * At most {@link SNIPPET_CHARS} characters of `text` around `[at, at + length)`, on one
 * line (line breaks, tabs and other controls as spaces), with `…` where it was cut.
 */
export function snippetAround(text: string, at: number, length: number): string {
  const room = SNIPPET_CHARS - 2; // the two ellipses at most
  const focus = Math.min(length, room);
  let start = Math.max(0, at - Math.floor((room - focus) / 2));
  let end = Math.min(text.length, start + room);
  start = Math.max(0, Math.min(start, end - room));
  // Never cut a surrogate pair in two.
  if (start > 0 && isLowSurrogate(text.charCodeAt(start))) start++;
  if (end < text.length && isLowSurrogate(text.charCodeAt(end))) end--;
  let out = '';
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    out += c < 0x20 || c === 0x7f || c === 0x2028 || c === 0x2029 || c === 0x85 ? ' ' : text[i];
  }
  return (start > 0 ? '…' : '') + out + (end < text.length ? '…' : '');
}

const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Line and column (1-based) of offsets in one text; the line starts are found once. */
export class LineIndex {
  private starts: number[] | null = null;

  constructor(private readonly text: string) {}

  position(offset: number): { line: number; column: number } {
    if (this.starts === null) {
      const starts = [0];
      for (let i = this.text.indexOf('\n'); i !== -1; i = this.text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.starts = starts;
    }
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo] + 1 };
  }
}
