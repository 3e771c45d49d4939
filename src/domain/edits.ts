/** Replace `text[start, end)` with `text`; `start === end` inserts. */
export interface Edit {
  readonly start: number;
  readonly end: number;
  text: string;
}

/**
 * Applies non-overlapping edits (in any order; ties keep their given order) and returns
 * the new string. Text between edits is copied as it was.
 */
export function applyEdits(text: string, edits: readonly Edit[], from = 0, to = text.length): string {
  if (edits.length === 0) return text.slice(from, to);
  const sorted = edits.length === 1 ? edits : [...edits].sort((a, b) => a.start - b.start);
  let out = '';
  let pos = from;
  for (const e of sorted) {
    if (e.start < pos) continue; // overlapping edit: the first one wins, nothing is duplicated
    out += text.slice(pos, e.start) + e.text;
    pos = e.end;
  }
  return out + text.slice(pos, to);
}
