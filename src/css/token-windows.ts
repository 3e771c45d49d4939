import type { RewriteContext } from '../context.js';
import { applyEdits, isCodeOccurrence, isUrlOccurrence, WINDOW_CONTEXT, type Edit, type HostOccurrence } from '../domain/index.js';
import type { BodyRole } from './body-rewrite.js';
import { decodeEscapes, decodeValue } from './decoded-text.js';
import { changedRegions, rawEdit, type TokenQuote } from './token-text.js';

// A string or url token body longer than the buffer cap is rewritten in windows whose
// cuts depend only on its text, so the string API and any chunking of the stream agree.
// Each window is decoded (CSS escapes) from a cut, which is always between escapes, and
// read after the decoded end of the window before it (the look-behind) and with
// CONTEXT characters of look-ahead, so an occurrence is never cut and `https://` before
// a host still classifies it. A url's own host is decided by the URL rule on its first
// window (scheme and authority), the URLs nested in its query and fragment by the text
// scan of the host rules; a string by the code rules, the URL parser's part included
// (URLs whose slashes or host only the parser reads, nested URLs percent-encoded).

/** Characters of look-behind (decoded) and look-ahead (raw) around each window. */
export const CONTEXT = WINDOW_CONTEXT;

/** Window length for a context: the cap minus the look-behind, at least CONTEXT. */
export function windowLength(ctx: RewriteContext): number {
  return Math.max(ctx.limits.maxBufferBytes - CONTEXT, CONTEXT);
}

// What the whole-token rules leave alone, tested on the start of a windowed body: the
// never-rewritten schemes of the URL rule, the `data:` exemption of the code rule.
const NEVER_REWRITTEN_URL = /^[\x00-\x20]*(?:data|blob|about|mailto|tel|javascript):/i;
const DATA_URL = /^[\t\n\f\r ]*data:/i;

/** What the windows of one long body carry from one to the next. */
export interface WindowState {
  readonly role: BodyRole;
  readonly quote: TokenQuote;
  /** Left as written (`@namespace`, `data:` …), decided from the body's start. */
  readonly skipped: boolean;
  /** The decoded text just before the next window, at most CONTEXT units. */
  tail: string;
  /** No window cut yet. */
  first: boolean;
  /** A url's query or fragment began before the next window. */
  inQuery: boolean;
}

/** The windows of a long body whose first raw text is `head`. */
export function startWindows(role: BodyRole, quote: TokenQuote, head: string): WindowState {
  const value = head.indexOf('\\') < 0 ? head : decodeValue(head);
  const skipped = role === 'none' || (role === 'url' ? NEVER_REWRITTEN_URL : DATA_URL).test(value);
  return { role, quote, skipped, tail: '', first: true, inQuery: false };
}

/** One window's result: the new text of the raw `text[from, cut)`. */
export interface WindowCut {
  readonly cut: number;
  readonly out: string;
}

/**
 * Rewrites the window of `text` starting at `from` (a cut) that ends near the raw offset
 * `limit`, reading up to `to` (`final`: the body ends at `to`, which is the cut).
 */
export function rewriteWindow(
  ctx: RewriteContext, text: string, from: number, limit: number, to: number, state: WindowState, final: boolean,
): WindowCut {
  if (state.skipped) return { cut: final ? to : limit, out: text.slice(from, final ? to : limit) };
  const decoded = decodeEscapes(text, from, to);
  const rel = state.tail.length;
  const view = state.tail + decoded.value;
  let cut = final ? view.length : rel + decoded.unitAt(limit);
  const groups: Group[] = [];
  let queryAt = state.inQuery ? 0 : -1;
  if (state.role === 'url') {
    queryAt = state.inQuery ? 0 : firstOf(view, '?', '#', rel);
    if (state.first) {
      const own = ownHostEdits(ctx, view, Math.min(cut, queryAt < 0 ? view.length : queryAt));
      if (own.length > 0) groups.push({ first: own[0]!.start, last: own[own.length - 1]!.end, edits: own });
    }
  }
  const scanner = ctx.hosts.scanner;
  if (state.role === 'code') {
    // A string: the code rules on its value, the URL parser's part too (each of its edits on its own).
    for (const o of ctx.hosts.code.windowReader('value')(view, rel)) if (o.hostStart >= rel && isCodeOccurrence(o)) groups.push(groupOf(o));
  } else if (scanner.mayContain(view, rel)) {
    const inScope = (o: HostOccurrence) => o.hostStart >= rel && isUrlOccurrence(o) && queryAt >= 0 && o.hostStart >= queryAt;
    for (const o of scanner.scan(view)) if (inScope(o)) groups.push(groupOf(o));
  }
  if (!final) {
    const plainCut = cut;
    cut = cutBefore(view, groups, rel, cut);
    // (A cut inside one escape's two units would make no progress: stay at the plain cut.)
    if (decoded.rawAt(cut - rel) <= from) cut = plainCut;
  }
  const edits = groups.filter((g) => g.last <= cut).flatMap((g) => g.edits).filter((e) => e.start >= rel);
  const rawCut = decoded.rawAt(cut - rel);
  const out = applyEdits(text, edits.map((e) => rawEdit(text, decoded, e, state.quote, rel)), from, rawCut);
  state.tail = view.slice(Math.max(0, cut - CONTEXT), cut);
  state.first = false;
  state.inQuery = queryAt >= 0 && queryAt < cut;
  return { cut: rawCut, out };
}

/** The first of two characters in `text` at or after `from`, or -1. */
function firstOf(text: string, a: string, b: string, from: number): number {
  const i = text.indexOf(a, from);
  const j = text.indexOf(b, from);
  return i < 0 ? j : j < 0 ? i : Math.min(i, j);
}

/**
 * The URL rule on the start of a long url: its scheme and authority, `view[0, end)` cut
 * where the authority ends (the first `/`, `\`, `?` or `#` after the scheme and its
 * slashes), so neither the rest of the path nor a cut through it can change what the
 * parser makes of the host. None when the host stays.
 */
function ownHostEdits(ctx: RewriteContext, view: string, end: number): Edit[] {
  AUTHORITY_START.lastIndex = 0;
  AUTHORITY_START.test(view);
  AUTHORITY_END.lastIndex = Math.min(AUTHORITY_START.lastIndex, end);
  const stop = AUTHORITY_END.test(view) ? Math.min(AUTHORITY_END.lastIndex - 1, end) : end;
  const part = view.slice(0, stop);
  let next = ctx.hosts.url(part);
  // A URL serialized whole ends its empty path with `/`; the rest of the path follows here.
  if (stop < view.length && next !== part && next.endsWith('/') && !part.endsWith('/')) next = next.slice(0, -1);
  return changedRegions(part, next);
}

// The scheme (or none) and the slashes before an authority, as the parser skips them
// (leading C0 controls and spaces; tabs and newlines anywhere); then what ends it.
const AUTHORITY_START = /^[\x00-\x20]*(?:[a-z][a-z0-9+\-.\t\n\r]*:)?[/\\\t\n\r]*/giy;
const AUTHORITY_END = /[/\\?#]/g;

/** The edits of one occurrence (or of a url's own host), and the leftmost and rightmost offsets it spans. */
interface Group {
  readonly first: number;
  readonly last: number;
  readonly edits: readonly Edit[];
}

function groupOf(o: HostOccurrence): Group {
  let first = o.start;
  let last = o.end;
  for (const e of o.edits) {
    if (e.start < first) first = e.start;
    if (e.end > last) last = e.end;
  }
  return { first, last, edits: o.edits };
}

/**
 * The cut moved back before every group of edits that straddles it (repeated until
 * none does, as moving it may make an earlier one straddle), and off the middle of a
 * surrogate pair; never back to the window's start.
 */
function cutBefore(view: string, groups: readonly Group[], rel: number, cut: number): number {
  for (let moved = true; moved;) {
    moved = false;
    for (const { first, last } of groups) {
      if (first < cut && last > cut && first > rel) {
        cut = first;
        moved = true;
      }
    }
  }
  const c = view.charCodeAt(cut - 1);
  if (cut - 1 > rel && c >= 0xd800 && c <= 0xdbff) cut--;
  return cut;
}
