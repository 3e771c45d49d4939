import { applyEdits } from './edits.js';
import { editsOf } from './rules.js';
import type { HostOccurrence, HostScanner } from './scanner.js';

// A body too long to buffer (a JSON string, a CSS token) is rewritten in windows whose
// cut points depend only on its text, never on how it was chunked. Each window is read
// with WINDOW_CONTEXT characters of look-behind (so `https://` before a host still
// classifies it) and as many of look-ahead (so the cut can move back before an
// occurrence instead of through it). A windowed body is never "the whole string".

/** Characters of look-behind and look-ahead around each window. */
export const WINDOW_CONTEXT = 1024;

/**
 * What reads a window's region (`region[rel…]` is the window, what comes before it the
 * look-behind): its occurrences, positions in the region. A scanner's text scan, or a
 * richer reading (code strings: the URL parser's part too, see `CodeStrings.windowReader`).
 */
export type WindowReader = (region: string, rel: number) => HostOccurrence[];

/** The text scan of `scanner` as a window reader. */
function scanReader(scanner: HostScanner): WindowReader {
  return (region, rel) => (scanner.mayContain(region, rel) ? scanner.scan(region) : []);
}

function readerOf(source: HostScanner | WindowReader): WindowReader {
  return typeof source === 'function' ? source : scanReader(source);
}

/** One window's result: the new text of `text[from, cut)`. */
export interface WindowCut {
  readonly cut: number;
  readonly out: string;
}

/** Leftmost and rightmost offsets an occurrence's edits touch. */
function span(o: HostOccurrence): [number, number] {
  let first = o.start;
  let last = o.end;
  for (const e of o.edits) {
    if (e.start < first) first = e.start;
    if (e.end > last) last = e.end;
  }
  return [first, last];
}

/**
 * Rewrites the window `text[from, from + window)` reading `text[lookFrom, from + window
 * + WINDOW_CONTEXT)`, applying the occurrences `accept` keeps. The cut moves back before
 * any accepted occurrence whose edits straddle it.
 */
export function rewriteWindow(
  source: HostScanner | WindowReader, text: string, lookFrom: number, from: number, window: number, accept: (o: HostOccurrence) => boolean,
): WindowCut {
  const plainCut = from + window;
  const region = text.slice(lookFrom, plainCut + WINDOW_CONTEXT);
  const rel = from - lookFrom;
  const found = readerOf(source)(region, rel).filter((o) => o.hostStart >= rel && accept(o));
  if (found.length === 0) return { cut: plainCut, out: text.slice(from, plainCut) };
  let cut = plainCut - lookFrom;
  // Moving the cut back may make an earlier occurrence straddle it: repeat until stable.
  for (let moved = true; moved;) {
    moved = false;
    for (const o of found) {
      const [first, last] = span(o);
      if (first < cut && last > cut && first > rel) {
        cut = first;
        moved = true;
      }
    }
  }
  const edits = editsOf(found.filter((o) => span(o)[1] <= cut), () => true).filter((e) => e.start >= rel);
  return { cut: cut + lookFrom, out: applyEdits(region, edits, rel, cut) };
}

/** Rewrites the last part `text[from, end)` of a windowed body, reading from `lookFrom`. */
export function rewriteWindowTail(
  source: HostScanner | WindowReader, text: string, lookFrom: number, from: number, end: number, accept: (o: HostOccurrence) => boolean,
): string {
  const region = text.slice(lookFrom, end);
  const rel = from - lookFrom;
  const found = readerOf(source)(region, rel);
  if (found.length === 0) return text.slice(from, end);
  const edits = editsOf(found.filter((o) => o.hostStart >= rel), accept).filter((e) => e.start >= rel);
  return applyEdits(region, edits, rel, region.length);
}
