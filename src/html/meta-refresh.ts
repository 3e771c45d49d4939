/**
 * The URL inside `<meta http-equiv=refresh content="…">`, found per the WHATWG "shared
 * declarative refresh steps": every spelling (`5;url=…`, `5, URL = '…'`, `0;…` with no
 * `url=`, quoted or not) yields the same range a browser would navigate to.
 */

/** `[start, end)` of the URL inside the content value. */
export interface RefreshUrl {
  readonly start: number;
  readonly end: number;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;
}

/** Where the URL of a refresh value lies, or null when the value has none or does not parse. */
export function refreshUrl(input: string): RefreshUrl | null {
  const n = input.length;
  let pos = 0;
  while (pos < n && isSpace(input.charCodeAt(pos))) pos++;
  const timeStart = pos;
  while (pos < n && input.charCodeAt(pos) >= 0x30 && input.charCodeAt(pos) <= 0x39) pos++;
  if (pos === timeStart && input.charCodeAt(pos) !== 0x2e) return null;
  while (pos < n && ((input.charCodeAt(pos) >= 0x30 && input.charCodeAt(pos) <= 0x39) || input.charCodeAt(pos) === 0x2e)) pos++;
  if (pos >= n) return null;
  const sep = input.charCodeAt(pos);
  if (sep !== 0x3b && sep !== 0x2c && !isSpace(sep)) return null;
  while (pos < n && isSpace(input.charCodeAt(pos))) pos++;
  if (pos < n && (input.charCodeAt(pos) === 0x3b || input.charCodeAt(pos) === 0x2c)) pos++;
  while (pos < n && isSpace(input.charCodeAt(pos))) pos++;
  if (pos >= n) return null;
  const urlStart = pos;
  let start = urlStart;
  if ((input.charCodeAt(pos) | 0x20) === 0x75 /* u */) {
    if ((input.charCodeAt(pos + 1) | 0x20) === 0x72 && (input.charCodeAt(pos + 2) | 0x20) === 0x6c) {
      let p = pos + 3;
      while (p < n && isSpace(input.charCodeAt(p))) p++;
      if (input.charCodeAt(p) === 0x3d /* = */) {
        p++;
        while (p < n && isSpace(input.charCodeAt(p))) p++;
        start = p;
      }
    }
  }
  // "Skip quotes": a quote opening the URL is not part of it, and the URL ends at its twin.
  let end = n;
  const q = input.charCodeAt(start);
  if (q === 0x22 || q === 0x27) {
    start++;
    const close = input.indexOf(q === 0x22 ? '"' : "'", start);
    if (close >= 0) end = close;
  }
  return start <= end ? { start, end } : null;
}

/** Applies `rewriteUrl` to the URL of a refresh value; everything else is kept as written. */
export function rewriteRefresh(value: string, rewriteUrl: (url: string) => string): string {
  const r = refreshUrl(value);
  if (r === null || r.start === r.end) return value;
  return value.slice(0, r.start) + rewriteUrl(value.slice(r.start, r.end)) + value.slice(r.end);
}
