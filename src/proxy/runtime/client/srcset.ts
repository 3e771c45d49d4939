/**
 * `srcset` with each candidate's URL through `map`, everything else as written. The
 * candidates are read as HTML's srcset parser reads them: whitespace and commas skipped,
 * the URL is the next run of non-whitespace (trailing commas are separators), then
 * descriptors up to a comma outside parentheses.
 */
export function mapSrcset(value: string, map: (url: string) => string): string {
  let out = '';
  let i = 0;
  const n = value.length;
  const space = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';
  while (i < n) {
    const start = i;
    while (i < n && (space(value[i]) || value[i] === ',')) i++;
    out += value.slice(start, i);
    if (i >= n) break;
    const urlStart = i;
    while (i < n && !space(value[i])) i++;
    let urlEnd = i;
    while (urlEnd > urlStart && value[urlEnd - 1] === ',') urlEnd--;
    out += map(value.slice(urlStart, urlEnd)) + value.slice(urlEnd, i);
    if (urlEnd < i) continue; // `url,` ends the candidate
    const descStart = i;
    let depth = 0;
    while (i < n && (depth > 0 || value[i] !== ',')) {
      if (value[i] === '(') depth++;
      else if (value[i] === ')') depth = Math.max(0, depth - 1);
      i++;
    }
    out += value.slice(descStart, i);
  }
  return out;
}
