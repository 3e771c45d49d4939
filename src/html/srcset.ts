/**
 * `srcset` / `imagesrcset` per the WHATWG "parse a srcset attribute" algorithm, reduced
 * to what a rewriter needs: where each candidate's URL lies. A URL is the run of
 * non-whitespace after the separators, so URLs containing commas stay whole; trailing
 * commas end a candidate that has no descriptors.
 */

/** `[start, end)` of one candidate URL inside the attribute value. */
export interface SrcsetUrl {
  readonly start: number;
  readonly end: number;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;
}

/** The URL ranges of every candidate in `value`, in order. */
export function srcsetUrls(value: string): SrcsetUrl[] {
  const out: SrcsetUrl[] = [];
  const n = value.length;
  let pos = 0;
  while (pos < n) {
    // Splitting loop: skip whitespace and commas.
    while (pos < n && (isSpace(value.charCodeAt(pos)) || value.charCodeAt(pos) === 0x2c)) pos++;
    if (pos >= n) break;
    const start = pos;
    while (pos < n && !isSpace(value.charCodeAt(pos))) pos++;
    let end = pos;
    if (value.charCodeAt(end - 1) === 0x2c) {
      // A URL ending in commas: they are separators, and the candidate has no descriptors.
      while (end > start && value.charCodeAt(end - 1) === 0x2c) end--;
      if (end > start) out.push({ start, end });
      continue;
    }
    out.push({ start, end });
    // Descriptor tokenizer: skip to the comma that ends the candidate, outside parentheses.
    let inParens = false;
    while (pos < n) {
      const c = value.charCodeAt(pos);
      if (inParens) {
        if (c === 0x29) inParens = false;
      } else if (c === 0x28) {
        inParens = true;
      } else if (c === 0x2c) {
        pos++;
        break;
      }
      pos++;
    }
  }
  return out;
}

/** Applies `rewriteUrl` to every candidate URL, keeping descriptors and separators as written. */
export function rewriteSrcset(value: string, rewriteUrl: (url: string) => string): string {
  const urls = srcsetUrls(value);
  let out = '';
  let pos = 0;
  for (const u of urls) {
    out += value.slice(pos, u.start) + rewriteUrl(value.slice(u.start, u.end));
    pos = u.end;
  }
  return out + value.slice(pos);
}
