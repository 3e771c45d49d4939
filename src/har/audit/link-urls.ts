/**
 * The URI references of a `Link` header (RFC 8288): each `<…>`, outside quoted
 * parameter values. Linear.
 */
export function linkUrls(value: string): string[] {
  const urls: string[] = [];
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (quoted) {
      if (c === 0x5c) i++;
      else if (c === 0x22) quoted = false;
    } else if (c === 0x22) {
      quoted = true;
    } else if (c === 0x3c) {
      const close = value.indexOf('>', i + 1);
      if (close === -1) break;
      urls.push(value.slice(i + 1, close));
      i = close;
    }
  }
  return urls;
}
