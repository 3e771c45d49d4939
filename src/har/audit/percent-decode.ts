/**
 * Percent-decodes every `%XX` (bytes read as UTF-8, invalid sequences as U+FFFD) and
 * leaves every other character, including a `%` that starts no escape: the tolerant
 * reading of a query value (`decodeURIComponent` throws on the first bad escape).
 * One linear pass.
 */
export function percentDecode(text: string): string {
  if (!text.includes('%')) return text;
  let out = '';
  let plainFrom = 0;
  let i = 0;
  while (i < text.length) {
    if (!isEscapeAt(text, i)) {
      i++;
      continue;
    }
    out += text.slice(plainFrom, i);
    const bytes: number[] = [];
    while (isEscapeAt(text, i)) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 3;
    }
    out += Buffer.from(bytes).toString('utf8');
    plainFrom = i;
  }
  return out + text.slice(plainFrom);
}

function isEscapeAt(text: string, i: number): boolean {
  return text.charCodeAt(i) === 0x25 && isHex(text.charCodeAt(i + 1)) && isHex(text.charCodeAt(i + 2));
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}
