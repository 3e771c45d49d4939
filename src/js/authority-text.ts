import { isLabelLike } from '../domain/index.js';

// What may stand inside a URL authority (userinfo, host, port) as a literal writes it.
// The authority ends at the first `/`, `\`, `?` or `#` (WHATWG URL, special schemes);
// whitespace, quotes and the other characters here end the URL or make it fail to parse.
const AUTHORITY = new Uint8Array(128);
for (const c of '.:@%!$&\'()*+,;=~[]') AUTHORITY[c.charCodeAt(0)] = 1;

/** A character that can stand inside a URL authority. */
export function isAuthorityCode(c: number): boolean {
  return isLabelLike(c) || (c < 128 && AUTHORITY[c] === 1);
}

/** Where the run of authority characters starting at `from` ends (`to` at most). */
export function authorityRunEnd(text: string, from: number, to: number): number {
  let i = from;
  while (i < to && isAuthorityCode(text.charCodeAt(i))) i++;
  return i;
}

/**
 * Whether an `@` follows `from` before the authority ends (or `to`): then the host
 * before it is userinfo, and the URL's host comes after the `@` (`https://a.com@${h}`).
 */
export function userinfoFollows(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === AT) return true;
    if (!isAuthorityCode(c)) return false;
  }
  return false;
}

const AT = 0x40;
