import type { Edit } from '../domain/index.js';
import { escapeChars, SEG_INNER, SEG_MARKUP, SEG_PLAIN, SEG_UNIT, type CharContext, type CharMap } from './xml-char-data.js';
import { diffValues } from './value-diff.js';

/** A changed region: source `[from, to)` becomes `next[bFrom, bTo)` written in `ctx`. */
interface Region {
  from: number;
  to: number;
  bFrom: number;
  bTo: number;
  readonly ctx: CharContext;
}

function hasText(map: CharMap, k: number): boolean {
  const kind = map.kind[k];
  return kind === SEG_PLAIN || kind === SEG_UNIT;
}

/**
 * The edits that turn the source `map` was decoded from into source decoding to `next`:
 * a diff of the decoded texts, each changed region mapped back through the segments
 * (widened to whole references and line ends) and escaped for its context (attribute,
 * content, CDATA). A pure insertion goes right after the character it follows, in that
 * character's context. Null when the diff gives up or a region would cross markup (a
 * CDATA boundary, a comment): the caller then writes the whole text anew. The caller
 * also checks the result, since kept source next to new text can read differently.
 */
export function changedRegions(map: CharMap, next: string, quote: '"' | "'", rawMax: number): Edit[] | null {
  const hunks = diffValues(map.text, next);
  if (hunks === null) return null;
  const regions: Region[] = [];
  let k = 0;
  const n = map.length;
  /** Moves `k` to the segment holding decoded character `p` (hunks come in order). */
  const seek = (p: number): boolean => {
    while (k < n && !(hasText(map, k) && p < map.decEnd(k))) k++;
    return k < n && (map.decStart[k] as number) <= p;
  };
  for (const h of hunks) {
    let { aFrom, aTo, bFrom, bTo } = h;
    const insertion = aFrom === aTo;
    // The character the change starts at (an insertion: the one it follows; at 0, the first).
    if (!seek(insertion && aFrom > 0 ? aFrom - 1 : aFrom)) return null;
    const s = k;
    const ds = map.decStart[s] as number;
    const plainS = map.kind[s] === SEG_PLAIN;
    let from: number;
    let to: number;
    if (insertion && aFrom > 0 && (plainS || aFrom === map.decEnd(s))) {
      from = to = plainS ? (map.rawStart[s] as number) + (aFrom - ds) : map.rawEnd[s] as number;
    } else if (insertion && aFrom === 0) {
      from = to = map.rawStart[s] as number;
    } else {
      if (insertion) {
        // Inside a reference that decodes to several characters: widen to all of it.
        if (aFrom > 0) aFrom -= 1;
        aTo = aFrom + 1;
        bFrom -= h.aFrom - aFrom;
        bTo += aTo - h.aTo;
      }
      if (plainS) from = (map.rawStart[s] as number) + (aFrom - ds);
      else { from = map.rawStart[s] as number; bFrom -= aFrom - ds; aFrom = ds; }
      if (!seek(aTo - 1)) return null;
      const e = k;
      for (let j = s + 1; j <= e; j++) if (!hasText(map, j) || map.ctx[j] !== map.ctx[s]) return null;
      const de = map.decStart[e] as number;
      if (map.kind[e] === SEG_PLAIN) to = (map.rawStart[e] as number) + (aTo - de);
      else { const end = map.decEnd(e); to = map.rawEnd[e] as number; bTo += end - aTo; aTo = end; }
    }
    const prev = regions[regions.length - 1];
    if (prev !== undefined && from < prev.to) {
      // Two changes widened into one reference: one region (no markup can lie between).
      prev.to = Math.max(prev.to, to);
      prev.bTo = bTo;
    } else {
      regions.push({ from, to, bFrom, bTo, ctx: map.ctx[s] as CharContext });
    }
  }
  return regions.map((r) => ({ start: r.from, end: r.to, text: escapeChars(next, r.bFrom, r.bTo, r.ctx, quote, rawMax) }));
}

/**
 * Content written anew: `next` in place of all the character data of `raw` (text and
 * CDATA sections, their delimiters included), every piece of markup (comments, child
 * tags) kept where it was. The text goes where the first character data was, as CDATA
 * if that was CDATA. `inner` gives
 * the new source of a child's character data (see {@link SEG_INNER}).
 */
export function rewriteWholeContent(raw: string, map: CharMap, next: string, rawMax: number, inner: (from: number, to: number) => string): string {
  let out = '';
  let placed = false;
  const place = (ctx: CharContext) => {
    placed = true;
    out += ctx === 'cdata' ? `<![CDATA[${escapeChars(next, 0, next.length, 'cdata', '"', rawMax)}]]>` : escapeChars(next, 0, next.length, 'text', '"', rawMax);
  };
  for (let k = 0; k < map.length; k++) {
    const kind = map.kind[k];
    const from = map.rawStart[k] as number;
    const to = map.rawEnd[k] as number;
    if (kind === SEG_MARKUP) out += raw.slice(from, to);
    else if (kind === SEG_INNER) out += inner(from, to);
    else if (!placed) place(map.ctx[k] as CharContext);
  }
  if (!placed) place('text');
  return out;
}
