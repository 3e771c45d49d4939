/**
 * The known name a mistyped one most likely meant (`devce` → `device`, `filename` →
 * `fileName`, `extension` → `fileExtension`), or undefined when none is obvious.
 */
export function closest(typed: string, known: readonly string[]): string | undefined {
  const t = typed.toLowerCase();
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of known) {
    const c = candidate.toLowerCase();
    const distance = editDistance(t, c);
    // A small typo, a change of case, or a part of the name (at least 4 letters).
    const score = distance <= Math.max(1, Math.floor(c.length / 4)) ? distance : t.length >= 4 && c.includes(t) ? c.length - t.length : Infinity;
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

/** ` (did you mean "x"?)`, or '' when no known name is close. */
export function didYouMean(typed: string, known: readonly string[]): string {
  const near = closest(typed, known);
  return near === undefined ? '' : ` (did you mean ${JSON.stringify(near)}?)`;
}

/** Edit distance counting a swap of two neighbours as one edit (`blokc` → `block`); names are short, so the table is fine. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}
