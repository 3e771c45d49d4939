/**
 * A character diff between a value before and after rewriting (Myers' O(ND) algorithm),
 * run cluster by cluster: from each mismatch, the search stops at the first run of
 * `ANCHOR` equal characters (or the end), commits the fewest edits up to there, and goes
 * on after it. Rewrites insert or replace a few characters per host, far apart, so each
 * search is tiny and the whole diff is linear in the value, however many hosts it holds
 * (a JSON attribute with hundreds of URLs). Past a cap on one cluster's edits or on the
 * total work it gives up (null) and the caller splices one stretch instead. Used to
 * write back only the changed regions of an attribute value.
 */

/** One changed region: `before[aFrom, aTo)` became `after[bFrom, bTo)`; the text between hunks is equal. */
export interface Hunk {
  aFrom: number;
  aTo: number;
  bFrom: number;
  bTo: number;
}

/** Most edit operations (characters inserted plus deleted) in one cluster: about 45 suffixes with no gap between. */
export const MAX_EDITS = 512;

/** Equal characters that end a cluster: longer than any text a rewrite inserts. */
const ANCHOR = 20;

/** Work allowance in compared characters, per character of input, on top of a fixed allowance. */
const WORK_PER_CHAR = 32;
const WORK_BASE = 1 << 18;

/**
 * The changed regions turning `a` into `b`, in order, with the fewest inserted plus
 * deleted characters within each cluster of changes; a pure insertion or deletion is
 * moved as far left as it can go (a suffix lands right after the host it follows).
 * Null when a cluster needs more than `maxEdits` operations or the search grows too
 * costly.
 */
export function diffValues(a: string, b: string, maxEdits = MAX_EDITS): Hunk[] | null {
  // Common suffix first: the clusters are searched in what is left.
  const min = Math.min(a.length, b.length);
  let s = 0;
  while (s < min && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
  const aEnd = a.length - s;
  const bEnd = b.length - s;
  const hunks: Hunk[] = [];
  let search: Search | null = null;
  let x = 0;
  let y = 0;
  for (;;) {
    while (x < aEnd && y < bEnd && a.charCodeAt(x) === b.charCodeAt(y)) { x++; y++; }
    // One pure insertion or deletion left (the usual single rewrite): no search at all.
    if (x === aEnd || y === bEnd) {
      if (x < aEnd || y < bEnd) {
        if (aEnd - x + bEnd - y > maxEdits) return null;
        hunks.push({ aFrom: x, aTo: aEnd, bFrom: y, bTo: bEnd });
      }
      break;
    }
    search ??= newSearch(aEnd + bEnd, maxEdits);
    const end = cluster(a, x, aEnd, b, y, bEnd, search, hunks);
    if (end === null) return null;
    x = end[0];
    y = end[1];
  }
  slideLeft(a, b, hunks);
  return hunks;
}

/** State shared by the searches of one diff: buffers reused, work left. */
interface Search {
  work: number;
  readonly maxEdits: number;
  /** v[maxEdits + 1 + k]: furthest x reached on diagonal k (x - y = k). */
  readonly v: Int32Array;
  /** v after each step d, diagonals -d..d, stored from index d*d. */
  trace: Int32Array;
  /** Where a grown trace is kept for the next diff. */
  readonly keep?: { trace: Int32Array };
}

/** The buffers of the default cap, kept between calls (a diff never runs inside another). */
let shared: { v: Int32Array; trace: Int32Array } | null = null;

function newSearch(length: number, maxEdits: number): Search {
  const work = WORK_BASE + WORK_PER_CHAR * length;
  if (maxEdits !== MAX_EDITS) return { work, maxEdits, v: new Int32Array(2 * maxEdits + 3), trace: new Int32Array(64) };
  shared ??= { v: new Int32Array(2 * maxEdits + 3), trace: new Int32Array(1024) };
  return { work, maxEdits, v: shared.v, trace: shared.trace, keep: shared };
}

/**
 * Myers' search from the mismatch at (aFrom, bFrom) until a snake of `ANCHOR` equal
 * characters or both ends; pushes the hunks of the path found and returns the snake's
 * end, or null past the caps.
 */
function cluster(a: string, aFrom: number, aTo: number, b: string, bFrom: number, bTo: number, search: Search, hunks: Hunk[]): [number, number] | null {
  const n = aTo - aFrom;
  const m = bTo - bFrom;
  const maxD = Math.min(n + m, search.maxEdits);
  const offset = search.maxEdits + 1;
  const v = search.v;
  v[offset + 1] = 0;
  for (let d = 0; d <= maxD; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x: number;
      if (k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1])) x = v[offset + k + 1];
      else x = v[offset + k - 1] + 1;
      let y = x - k;
      const x0 = x;
      while (x < n && y < m && a.charCodeAt(aFrom + x) === b.charCodeAt(bFrom + y)) { x++; y++; }
      search.work -= x - x0 + 1;
      v[offset + k] = x;
      if ((x >= n && y >= m) || (d > 0 && x - x0 >= ANCHOR)) {
        backtrack(search.trace, d, x, y, aFrom, bFrom, hunks);
        return [aFrom + x, bFrom + y];
      }
    }
    if (search.work < 0) return null;
    const need = (d + 1) * (d + 1);
    if (need > search.trace.length) {
      const grown = new Int32Array(Math.max(need, search.trace.length * 2));
      grown.set(search.trace);
      search.trace = grown;
      if (search.keep) search.keep.trace = grown;
    }
    search.trace.set(v.subarray(offset - d, offset + d + 1), d * d);
  }
  return null;
}

/** Walks the trace back from (x, y), reached at step `last`, gathering runs of non-matching moves into hunks, appended in order. */
function backtrack(trace: Int32Array, last: number, x: number, y: number, aFrom: number, bFrom: number, out: Hunk[]): void {
  const hunks: Hunk[] = [];
  let open: Hunk | null = null;
  for (let d = last; d > 0; d--) {
    // Step d-1 holds diagonals -(d-1)..(d-1) from index (d-1)², so diagonal kk is at (d-1)² + kk + d - 1.
    const base = (d - 1) * (d - 1) + d - 1;
    const k = x - y;
    const down = k === -d || (k !== d && trace[base + k - 1] < trace[base + k + 1]);
    const pk = down ? k + 1 : k - 1;
    const px = trace[base + pk];
    const py = px - pk;
    // The move from (px, py) is one edit; the snake after it is equal text.
    const sx = down ? px : px + 1;
    const sy = sx - k;
    if (open !== null && open.aFrom === aFrom + sx && open.bFrom === bFrom + sy) {
      open.aFrom = aFrom + px;
      open.bFrom = bFrom + py;
    } else {
      open = { aFrom: aFrom + px, aTo: aFrom + sx, bFrom: bFrom + py, bTo: bFrom + sy };
      hunks.push(open);
    }
    x = px;
    y = py;
  }
  for (let i = hunks.length - 1; i >= 0; i--) out.push(hunks[i]);
}

/**
 * Moves each pure insertion or deletion as far left as the equal text before it allows.
 * The result is the same text; only which characters count as "kept" changes, so a
 * suffix is seen as inserted right after its host rather than after a repeated letter.
 */
function slideLeft(a: string, b: string, hunks: Hunk[]): void {
  let floor = 0;
  for (const h of hunks) {
    if (h.aFrom === h.aTo) {
      while (h.aFrom > floor && a.charCodeAt(h.aFrom - 1) === b.charCodeAt(h.bTo - 1)) {
        h.aFrom--; h.aTo--; h.bFrom--; h.bTo--;
      }
    } else if (h.bFrom === h.bTo) {
      while (h.aFrom > floor && a.charCodeAt(h.aFrom - 1) === a.charCodeAt(h.aTo - 1)) {
        h.aFrom--; h.aTo--; h.bFrom--; h.bTo--;
      }
    }
    floor = h.aTo;
  }
}
