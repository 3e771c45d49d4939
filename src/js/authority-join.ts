import type { Edit, HostOccurrence, HostScanner } from '../domain/index.js';

/**
 * A host whose first labels come from code: `` `https://${sub}.example.com/` `` or
 * `'https://' + sub + '.example.com/'`. The literal holding `.example.com/` is prose to
 * rule 3 on its own; joined to the literal before it, it is the tail of a URL authority.
 *
 * The join is read by the scanner itself, on a stand-in: the end of the previous literal,
 * one placeholder label for the code, then the host, so every spelling of `//`, a
 * `//api.` prefix, userinfo, the scheme and the port are decided by the domain rules.
 */

/** How much of the previous literal to show the scanner: scheme, `//`, userinfo and labels. */
const PREFIX_WINDOW = 256;
/** How much after the host to show it: a port in any spelling. */
const SUFFIX_WINDOW = 32;
const PLACEHOLDER = 'x';

/** The outcome of reading a leading-dot host as a URL authority's tail. */
export type AuthorityJoin =
  | { readonly kind: 'none' }
  /** Edits in the original text (scheme in the previous literal, suffix and port after the host). */
  | { readonly kind: 'edits'; readonly edits: Edit[] }
  /** A URL host, but its edits would rewrite the code's labels too (the flat scheme). */
  | { readonly kind: 'unmappable' };

/**
 * Reads `occ` (a leading-dot occurrence starting literal body `[start, end)`) as the tail
 * of a URL authority begun by literal body `[prevStart, prevEnd)` and continued by code.
 */
export function joinAuthority(scanner: HostScanner, text: string, prevStart: number, prevEnd: number, start: number, end: number, occ: HostOccurrence): AuthorityJoin {
  const from = Math.max(prevStart, prevEnd - PREFIX_WINDOW);
  const prefix = text.slice(from, prevEnd);
  const tailEnd = Math.min(end, occ.end + SUFFIX_WINDOW);
  const standIn = prefix + PLACEHOLDER + text.slice(start, tailEnd);
  const p = prefix.length;
  const hostEnd = p + PLACEHOLDER.length + (occ.end - start);
  const found = scanner.scan(standIn).find((o) => o.end === hostEnd);
  if (found === undefined || found.context !== 'url') return { kind: 'none' };
  const edits: Edit[] = [];
  for (const e of found.edits) {
    if (e.end <= p) edits.push({ start: e.start + from, end: e.end + from, text: e.text });
    else if (e.start >= p + PLACEHOLDER.length) edits.push({ start: e.start - p - PLACEHOLDER.length + start, end: e.end - p - PLACEHOLDER.length + start, text: e.text });
    else return { kind: 'unmappable' };
  }
  return { kind: 'edits', edits };
}

// `'…' + name + '…'` between two literal bodies: the closing quote, one identifier or
// member chain between two `+`, the opening quote. Bounded, with no ambiguous repetition.
const CONCAT_GAP = /^["'`][ \t]*\+[ \t]*[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*[ \t]*\+[ \t]*["'`]$/;
const MAX_GAP = 128;

/** Whether `text[gapStart, gapEnd)` is `' + name + '`: two literals concatenated around one name. */
export function isConcatenationGap(text: string, gapStart: number, gapEnd: number): boolean {
  return gapEnd - gapStart <= MAX_GAP && CONCAT_GAP.test(text.slice(gapStart, gapEnd));
}
