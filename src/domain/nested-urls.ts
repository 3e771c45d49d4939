import type { Edit } from './edits.js';
import { editsToRaw, percentView } from './percent-view.js';

// DESIGN rule 2: URLs nested in a URL's query or fragment (`?return=https://…`, SSO
// redirect parameters, hash routes), written out or percent-encoded at any level, are
// given to the URL rule themselves. A URL nested in the *path* belongs to the outer URL
// and is left (the caller starts here at the first `?` or `#`).

/** Nesting levels followed: each nested URL and each level of percent-encoding is one. */
export const MAX_NESTING = 4;

/**
 * The URL rule for one nested value at `depth`: its edits, or null when the parser
 * refuses it. Also the precheck, so a region with nothing to find costs one scan.
 */
export interface NestedRule {
  edits(value: string, depth: number): Edit[] | null;
  mayYieldProtectedHost(text: string, from: number): boolean;
}

// Where a nested URL may start: after a character that separates values in queries,
// fragments, lists and quoted text; never after a path or scheme character, so
// `/web/2020/https://…` and `git+https://…` inside a value do not start one.
const BOUNDARY = new Set([...'=&?#;,|!^"\'`<>()[]{} \f\t\n\r'].map((c) => c.charCodeAt(0)));
// A special scheme, tabs and newlines inside it skipped as the parser skips them, or a
// scheme-relative start (two slashes, `\` counting as `/`).
const START = /(?:h[\t\n\r]*t[\t\n\r]*t[\t\n\r]*p[\t\n\r]*s?|w[\t\n\r]*s[\t\n\r]*s?)[\t\n\r]*:|[/\\][\t\n\r]*[/\\]/gi;

/** The next start at or after `from`; `regionStart` counts as a boundary. */
function nextStart(text: string, from: number, regionStart: number): number {
  START.lastIndex = from;
  for (let m = START.exec(text); m !== null; m = START.exec(text)) {
    const at = m.index;
    if (at === regionStart || BOUNDARY.has(text.charCodeAt(at - 1))) return at;
    // A `//` right after a scheme's colon belongs to that scheme's URL, which started earlier.
    START.lastIndex = at + 1;
  }
  return -1;
}

const START_HERE = new RegExp(START.source, 'iy');

/** Whether a nested URL starts right at `at`. */
function startsAt(text: string, at: number): boolean {
  START_HERE.lastIndex = at;
  return START_HERE.test(text);
}

/**
 * Where the value starting at `at` ends: at `&`, a space or a quote, at `#` while in the
 * query, and at a list separator (`,`, `;`, `|`) that another URL follows (`a,https://b`:
 * a list, whatever the parser would make of it as one URL).
 */
function valueEnd(text: string, at: number, hashEnds: boolean): number {
  for (let i = at; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x26 || c === 0x20 || c === 0x0c || c === 0x22 || c === 0x27 || c === 0x60 || c === 0x3c || c === 0x3e) return i;
    if (c === 0x23 && hashEnds) return i;
    if ((c === 0x2c || c === 0x3b || c === 0x7c) && startsAt(text, i + 1)) return i;
  }
  return text.length;
}

function shifted(edits: readonly Edit[], by: number, into: Edit[]): void {
  for (const e of edits) into.push({ start: e.start + by, end: e.end + by, text: e.text });
}

function isPieceSeparator(c: number): boolean {
  return c === 0x3f || c === 0x26 || c === 0x23 || c === 0x3b || c === 0x3d;
}

/**
 * The edits for every URL nested in `text[from…]`, a query and fragment (`hashAt` is
 * where the fragment starts, or -1) or a decoded parameter (whole).
 */
export function nestedUrlEdits(rule: NestedRule, text: string, from: number, hashAt: number, depth: number): Edit[] {
  if (depth >= MAX_NESTING || from >= text.length || !rule.mayYieldProtectedHost(text, from)) return [];
  const out: Edit[] = [];
  // Written out: each nested URL to the end of its value.
  const gaps: [number, number][] = [];
  let gapStart = from;
  for (let at = nextStart(text, from, from); at !== -1;) {
    const end = valueEnd(text, at, hashAt !== -1 && at < hashAt);
    const edits = rule.edits(text.slice(at, end), depth + 1);
    // A value the parser refuses stays in the gap, where encoded parameters are still read;
    // the search goes on after it, so every character is parsed once.
    if (edits !== null) {
      shifted(edits, at, out);
      gaps.push([gapStart, at]);
      gapStart = end;
    }
    at = nextStart(text, end, from);
  }
  gaps.push([gapStart, text.length]);
  // Percent-encoded, between them: each parameter that holds `%` is read decoded.
  for (const [gapStart, gapEnd] of gaps) {
    const percent = text.indexOf('%', gapStart);
    if (percent === -1 || percent >= gapEnd) continue;
    // Split at `?&#;=` by hand: the recursion below reuses every shared regex.
    let pieceStart = gapStart;
    for (let i = gapStart; i <= gapEnd; i++) {
      if (i < gapEnd && !isPieceSeparator(text.charCodeAt(i))) continue;
      encodedPieceEdits(rule, text, pieceStart, i, depth, out);
      pieceStart = i + 1;
    }
  }
  return out;
}

/** One percent-encoded parameter `text[start, end)`: its nested URLs found decoded, edited as written. */
function encodedPieceEdits(rule: NestedRule, text: string, start: number, end: number, depth: number, out: Edit[]): void {
  const piece = text.slice(start, end);
  if (!piece.includes('%')) return;
  const view = percentView(piece);
  if (view.text === piece) return;
  const inner = nestedUrlEdits(rule, view.text, 0, -1, depth + 1);
  if (inner.length > 0) shifted(editsToRaw(view, inner), start, out);
}
