/**
 * Calls `visit(start, end)` for the URL of each image candidate of an `imagesrcset`
 * (HTML "parse a srcset attribute"): after any run of whitespace and commas, the URL is
 * everything up to the next whitespace, less the commas it ends with (which then end the
 * candidate); otherwise its descriptors run to the next comma outside parentheses. So a
 * URL holding a comma (`a.jpg,b.jpg 2x`) is one URL, as the browser reads it.
 */
export function forEachImageCandidateUrl(value: string, visit: (start: number, end: number) => void): void {
  const n = value.length;
  let i = 0;
  for (;;) {
    while (i < n && (isSpace(value.charCodeAt(i)) || value.charCodeAt(i) === 0x2c)) i++;
    if (i >= n) return;
    const start = i;
    while (i < n && !isSpace(value.charCodeAt(i))) i++;
    let end = i;
    while (end > start && value.charCodeAt(end - 1) === 0x2c) end--;
    visit(start, end);
    if (end < i) continue; // trailing commas: no descriptors
    let depth = 0;
    for (; i < n; i++) {
      const c = value.charCodeAt(i);
      if (c === 0x28) depth = 1;
      else if (c === 0x29) depth = 0;
      else if (c === 0x2c && depth === 0) break;
    }
  }
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;
}
