import { isSpace } from './srcset.js';

/**
 * The URL of a `Refresh` header or `<meta http-equiv=refresh content>`, as the HTML
 * standard's "shared declarative refresh steps" read it (`5; url='https://…'`), or null
 * when there is none (a plain reload, or a value the steps refuse).
 */
export function refreshUrl(input: string): string | null {
  let i = 0;
  const n = input.length;
  while (i < n && isSpace(input.charCodeAt(i))) i++;
  const timeStart = i;
  while (i < n && isDigit(input.charCodeAt(i))) i++;
  if (i === timeStart && input.charCodeAt(i) !== 0x2e) return null;
  while (i < n && (isDigit(input.charCodeAt(i)) || input.charCodeAt(i) === 0x2e)) i++;
  if (i >= n) return null;
  const c = input.charCodeAt(i);
  if (c !== 0x3b && c !== 0x2c && !isSpace(c)) return null;
  while (i < n && isSpace(input.charCodeAt(i))) i++;
  if (input.charCodeAt(i) === 0x3b || input.charCodeAt(i) === 0x2c) i++;
  while (i < n && isSpace(input.charCodeAt(i))) i++;
  if (i >= n) return null;
  // "URL" then optional whitespace and "=": skipped when all there, else the URL starts here.
  if (input.slice(i, i + 3).toLowerCase() === 'url') {
    let j = i + 3;
    while (j < n && isSpace(input.charCodeAt(j))) j++;
    if (input.charCodeAt(j) === 0x3d) {
      j++;
      while (j < n && isSpace(input.charCodeAt(j))) j++;
      i = j;
    }
  }
  const quote = input.charCodeAt(i);
  if (quote === 0x22 || quote === 0x27) {
    const close = input.indexOf(input[i], i + 1);
    return input.slice(i + 1, close === -1 ? n : close);
  }
  return input.slice(i);
}

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
