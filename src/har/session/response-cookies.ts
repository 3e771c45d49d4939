import { findCookieAttributes, findDomainAttributes } from '../../cookies/index.js';
import type { Rewriter } from '../../rewriter.js';
import type { HarCookie } from '../har-types.js';

// What a cookie name may be in a Set-Cookie line (RFC 6265bis: a token); others are replayed under a stand-in.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * The HAR `cookies` of a response as the browser would get them through the proxy. Each
 * is replayed as the Set-Cookie line that carries its facts (name, Domain, Secure,
 * SameSite) through `rw.setCookie`, so the list says what the rewritten `Set-Cookie`
 * headers say: a protected `domain` becomes the proxied domain (its leading dot kept as
 * the capture wrote it), a domain removed (the flat scheme) makes the cookie host-only, a
 * refused cookie (public suffix, a `__Secure-` cookie on an http proxy) is not in the list,
 * `secure` follows Secure. The value is not replayed (it decides nothing). Unchanged
 * cookies stay the same objects.
 */
export function mapResponseCookies(cookies: readonly HarCookie[], rw: Rewriter): { readonly cookies: HarCookie[]; readonly changed: number } {
  let changed = 0;
  const out: HarCookie[] = [];
  for (const cookie of cookies) {
    const mapped = mapCookie(cookie, rw);
    if (mapped !== cookie) changed++;
    if (mapped !== null) out.push(mapped);
  }
  return { cookies: out, changed };
}

function mapCookie(cookie: HarCookie, rw: Rewriter): HarCookie | null {
  if (typeof cookie?.name !== 'string') return cookie;
  const domain = typeof cookie.domain === 'string' && cookie.domain !== '' ? cookie.domain : undefined;
  const line = [
    `${TOKEN.test(cookie.name) ? cookie.name : 'cookie'}=v`,
    ...(domain === undefined ? [] : [`Domain=${domain}`]),
    'Path=/',
    ...(cookie.secure === true ? ['Secure'] : []),
    ...(typeof cookie.sameSite === 'string' && TOKEN.test(cookie.sameSite) ? [`SameSite=${cookie.sameSite}`] : []),
  ].join('; ');
  const result = rw.setCookie(line);
  if (result === null) return null;
  if (result === line) return cookie;
  const next: HarCookie = { ...cookie };
  const domains = findDomainAttributes(result);
  if (domain !== undefined) {
    const last = domains[domains.length - 1]?.domain;
    if (last === undefined) delete next.domain;
    else next.domain = domain.startsWith('.') ? `.${last}` : last;
  }
  if (cookie.secure === true && findCookieAttributes(result, 'secure').length === 0) next.secure = false;
  return next.domain === cookie.domain && next.secure === cookie.secure ? cookie : next;
}
