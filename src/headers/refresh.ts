import type { RewriteContext } from '../context.js';

/**
 * Where the URL of a `Refresh` value (`5; url=https://…`) lies, following the HTML
 * "shared declarative refresh steps": time, then `;` or `,`, then an optional
 * `url=` (any case, spaces around `=`), then an optional quote that ends the URL
 * where it appears again. Null when the value has no URL or does not parse.
 */
export function findRefreshUrl(value: string): { start: number; end: number } | null {
  const n = value.length;
  let i = skipWhitespace(value, 0);
  const timeStart = i;
  while (i < n && isDigit(value.charCodeAt(i))) i++;
  if (i === timeStart && value.charCodeAt(i) !== 0x2e) return null;
  while (i < n && (isDigit(value.charCodeAt(i)) || value.charCodeAt(i) === 0x2e)) i++;
  if (i < n) {
    const c = value.charCodeAt(i);
    if (c !== 0x3b && c !== 0x2c && !isWhitespace(c)) return null;
    i = skipWhitespace(value, i);
    if (i < n && (value.charCodeAt(i) === 0x3b || value.charCodeAt(i) === 0x2c)) i++;
    i = skipWhitespace(value, i);
  }
  if (i >= n) return null;

  // A first letter other than `u` goes straight to the quote step; a `u` that does not
  // complete `url=` means the rest, as it is, is the URL.
  if ((value.charCodeAt(i) | 0x20) !== 0x75 /* u */) return quotedRest(value, i);
  if (value.slice(i + 1, i + 3).toLowerCase() !== 'rl') return { start: i, end: n };
  const j = skipWhitespace(value, i + 3);
  if (value.charCodeAt(j) !== 0x3d /* = */) return { start: i, end: n };
  return quotedRest(value, skipWhitespace(value, j + 1));
}

function quotedRest(value: string, i: number): { start: number; end: number } {
  const q = value.charCodeAt(i);
  if (q !== 0x22 && q !== 0x27) return { start: i, end: value.length };
  const close = value.indexOf(value[i], i + 1);
  return { start: i + 1, end: close === -1 ? value.length : close };
}

/**
 * `Refresh: 5; url=https://app.example.com/` → the URL part in URL position (rules 1–2).
 * No precheck of its own: `url()` has the sound one.
 */
export function rewriteRefresh(ctx: RewriteContext, value: string): string {
  const at = findRefreshUrl(value);
  // Browsers ignore a Refresh they cannot parse; other clients may not, so URLs in it
  // are still proxied (as in code: wherever a host follows `//`) rather than left to escape.
  if (at === null) return ctx.hosts.codeString(value);
  const url = value.slice(at.start, at.end);
  const rewritten = ctx.hosts.url(url);
  return rewritten === url ? value : value.slice(0, at.start) + rewritten + value.slice(at.end);
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;
}

function skipWhitespace(s: string, i: number): number {
  while (i < s.length && isWhitespace(s.charCodeAt(i))) i++;
  return i;
}
