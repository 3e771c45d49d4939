import type { RewriteContext } from '../context.js';
import { applyEdits, editsOf, isCodeOccurrence, isUrlOccurrence, type HostOccurrence } from '../domain/index.js';
import type { BodyRole } from './body-rewrite.js';
import { decodeValue } from './escapes.js';

// A string or url token body longer than the buffer cap is rewritten in fixed windows
// (as src/json/string-lexer.ts does for JSON strings). Every cut point depends only on
// the body's text, never on how the input was chunked, so the string API and the stream
// agree. Each window is scanned with CONTEXT characters of look-behind (so `https://`
// before a host still classifies it) and CONTEXT characters of look-ahead (so an
// occurrence is never cut through: the cut moves back before its first edit).
// A windowed body can never be "the whole string" (rule 3's `whole` context), and the
// URL parser's safety net of `ctx.hosts.url` does not run on it: only the text scan does.
// A window whose scanned text holds a `\` passes through unrewritten: escapes would
// have to be decoded across window edges.

/** Characters of look-behind (and look-ahead) around each window. */
export const CONTEXT = 1024;

/** Window length for a context: the cap minus the look-behind, at least CONTEXT. */
export function windowLength(ctx: RewriteContext): number {
  return Math.max(ctx.limits.maxBufferBytes - CONTEXT, CONTEXT);
}

// What the whole-token rules leave alone, tested on the start of a windowed body.
// Mirrors the never-rewritten schemes of `ctx.hosts.url` (URL role) and the `data:`
// exemption of `rewriteBody` (code role).
const NEVER_REWRITTEN_URL = /^[\s\x00-\x1f]*(?:data|blob|about|mailto|tel|javascript):/i;
const DATA_URL = /^[\t\n\f\r ]*data:/i;

/**
 * Whether a long body whose first window is `head` is left unrewritten whole
 * (`@namespace` names, `data:` URLs, …), decided once from its start.
 */
export function windowsSkipped(role: BodyRole, head: string): boolean {
  if (role === 'none') return true;
  const value = head.indexOf('\\') < 0 ? head : decodeValue(head);
  return (role === 'url' ? NEVER_REWRITTEN_URL : DATA_URL).test(value);
}

/** One window's result: the new text of `text[from, cut)`. */
export interface WindowCut {
  readonly cut: number;
  readonly out: string;
}

function accepts(role: BodyRole): (o: HostOccurrence) => boolean {
  return role === 'url' ? isUrlOccurrence : isCodeOccurrence;
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
 * Rewrites the window `text[from, from + window)` of a long body, reading
 * `text[lookFrom, from + window + CONTEXT)` (all of it body text). The cut moves back
 * before any accepted occurrence whose edits straddle it.
 */
export function rewriteWindow(
  ctx: RewriteContext, text: string, lookFrom: number, from: number, window: number, role: BodyRole, skipped: boolean,
): WindowCut {
  const plainCut = from + window;
  const scanTo = plainCut + CONTEXT;
  const scanner = ctx.hosts.scanner;
  if (skipped || !scanner.mayContain(text.slice(from, scanTo))) return { cut: plainCut, out: text.slice(from, plainCut) };
  const region = text.slice(lookFrom, scanTo);
  if (region.indexOf('\\') >= 0) return { cut: plainCut, out: text.slice(from, plainCut) };
  const base = lookFrom;
  const rel = from - base;
  const accept = accepts(role);
  const found = scanner.scan(region).filter((o) => o.hostStart >= rel && accept(o));
  let cut = plainCut - base;
  // Moving the cut back may make an earlier occurrence straddle it: repeat until stable.
  for (let moved = true; moved;) {
    moved = false;
    for (const o of found) {
      const [first, last] = span(o);
      if (first < cut && last > cut && first > rel) { cut = first; moved = true; }
    }
  }
  const edits = editsOf(found.filter((o) => span(o)[1] <= cut), () => true).filter((e) => e.start >= rel);
  return { cut: cut + base, out: applyEdits(region, edits, rel, cut) };
}

/** Rewrites the last part `text[from, end)` of a windowed body, reading from `lookFrom`. */
export function rewriteWindowTail(
  ctx: RewriteContext, text: string, lookFrom: number, from: number, end: number, role: BodyRole, skipped: boolean,
): string {
  const scanner = ctx.hosts.scanner;
  if (skipped || !scanner.mayContain(text.slice(from, end))) return text.slice(from, end);
  const region = text.slice(lookFrom, end);
  if (region.indexOf('\\') >= 0) return text.slice(from, end);
  const rel = from - lookFrom;
  const edits = editsOf(scanner.scan(region).filter((o) => o.hostStart >= rel), accepts(role)).filter((e) => e.start >= rel);
  return applyEdits(region, edits, rel, region.length);
}
