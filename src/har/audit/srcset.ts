/**
 * The URLs of a `srcset` value, as the HTML standard's "parse a srcset attribute" splits
 * it: candidates separated by commas, each a URL (a run of non-whitespace; trailing commas
 * end it) and descriptors up to the next comma outside parentheses. Linear.
 */
export function srcsetUrls(value: string): string[] {
  const urls: string[] = [];
  let i = 0;
  const n = value.length;
  while (i < n) {
    while (i < n && (isSpace(value.charCodeAt(i)) || value.charCodeAt(i) === 0x2c)) i++;
    if (i >= n) break;
    const start = i;
    while (i < n && !isSpace(value.charCodeAt(i))) i++;
    let url = value.slice(start, i);
    if (url.endsWith(',')) {
      let end = url.length;
      while (end > 0 && url.charCodeAt(end - 1) === 0x2c) end--;
      url = url.slice(0, end);
    } else {
      let depth = 0;
      while (i < n) {
        const c = value.charCodeAt(i);
        if (c === 0x28) depth++;
        else if (c === 0x29 && depth > 0) depth--;
        else if (c === 0x2c && depth === 0) break;
        i++;
      }
    }
    if (url !== '') urls.push(url);
  }
  return urls;
}

/** ASCII whitespace (HTML): tab, LF, FF, CR, space. */
export function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;
}

/** `value` split on ASCII whitespace (a `ping` or `itemtype` list). */
export function spaceSeparated(value: string): string[] {
  const parts: string[] = [];
  let start = -1;
  for (let i = 0; i <= value.length; i++) {
    const boundary = i === value.length || isSpace(value.charCodeAt(i));
    if (boundary && start !== -1) {
      parts.push(value.slice(start, i));
      start = -1;
    } else if (!boundary && start === -1) {
      start = i;
    }
  }
  return parts;
}
