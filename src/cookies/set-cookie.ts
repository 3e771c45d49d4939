import { Cookie } from 'tough-cookie';
import type { RewriteContext } from '../context.js';
import { applyEdits, type Edit } from '../domain/index.js';
import { decideCookieDomain } from './domain-decision.js';
import { findDomainAttributes } from './cookie-attributes.js';
import { cookiePair, needsSecureOrigin, secureRemoval } from './insecure-origin.js';

// The characters tough-cookie and browsers stop a cookie at; a value holding one is a
// header-injection attempt or a broken capture, never a cookie we can vouch for.
const TERMINATOR = /[\r\n\0]/;

/**
 * Rewrites one `Set-Cookie` value for the proxied origin (DESIGN section 6).
 *
 * - A `Domain` of a protected host or of a parent of protected hosts becomes the
 *   proxied domain (`suffix` scheme); in the `flat` scheme the attribute is removed so
 *   the cookie is host-only on the proxied host that set it (see `decideCookieDomain`).
 * - Only the Domain value is edited; every other byte, attribute and their order is
 *   kept, `__Host-`/`__Secure-` prefixes included. Host-only cookies stay host-only.
 * - A Domain that is a public suffix, or the proxy suffix or above it, is refused: the
 *   result is `null` (drop the cookie) and a `cookie-refused` event is emitted. So is a
 *   Domain already under the proxy suffix unless it is exactly the twin this rewriter
 *   writes for a domain holding protected hosts (`com.proxy.test`, the twin of a public
 *   suffix, would reach every proxied `.com` app), and a value holding CR, LF or NUL.
 * - When the proxy's public scheme is `http`, where a browser ignores Secure cookies:
 *   `Secure` is removed (with `SameSite=None`, which requires it), reported as
 *   `cookie-secure-dropped`; a `__Secure-`/`__Host-` cookie, which no browser accepts
 *   from an insecure origin, is refused (`insecure-prefix`).
 * - Unprotected or unparseable Domains, and cookies without one, pass unchanged.
 *   Never throws.
 *
 * The effective domain is the one tough-cookie reports (the last non-empty `Domain`).
 * When it is ours, duplicate `Domain` attributes are proxied too, or removed when they
 * are not ours, so a parser that reads the first one cannot escape either.
 */
export function rewriteSetCookie(ctx: RewriteContext, value: string): string | null {
  if (typeof value !== 'string') return null;
  if (TERMINATOR.test(value)) {
    ctx.emit({ type: 'cookie-refused', message: 'Set-Cookie value holds CR, LF or NUL; dropped', reason: 'control-character' });
    return null;
  }
  const insecureOrigin = ctx.hosts.map.publicScheme === 'http';
  if (insecureOrigin && needsSecureOrigin(value)) {
    const name = cookiePair(value).name;
    ctx.emit({
      type: 'cookie-refused',
      message: `cookie ${JSON.stringify(name)} refused: a __Secure- or __Host- cookie is ignored by browsers on the proxy's http origin`,
      reason: 'insecure-prefix',
      cookie: name,
    });
    return null;
  }
  const edits = domainEdits(ctx, value);
  if (edits === null) return null;
  const removal = insecureOrigin ? secureRemoval(value) : null;
  if (removal !== null) {
    const name = cookiePair(value).name;
    ctx.emit({
      type: 'cookie-secure-dropped',
      message: `cookie ${JSON.stringify(name)}: Secure${removal.sameSiteNone ? ' and SameSite=None' : ''} removed, since browsers ignore Secure cookies on the proxy's http origin`,
      cookie: name,
      sameSiteNone: removal.sameSiteNone,
    });
    edits.push(...removal.edits);
  }
  return edits.length === 0 ? value : applyEdits(value, edits);
}

/** The edits of the `Domain` attributes, or null when the cookie is refused (reported). */
function domainEdits(ctx: RewriteContext, value: string): Edit[] | null {
  const attributes = findDomainAttributes(value);
  if (attributes.length === 0) return [];

  // A byte string is read by tough-cookie exactly as `findDomainAttributes` reads it
  // (the same split, the same trimming below U+0100), so the last attribute is the
  // effective domain and the full parse (dates and all) is left to the events that name
  // the cookie. Text with wider characters, which `trim()` may cut differently, is parsed.
  const parsed = isByteString(value) ? undefined : Cookie.parse(value, { loose: true });
  const effective = parsed?.domain ?? attributes[attributes.length - 1].domain;
  const map = ctx.hosts.map;
  const decision = decideCookieDomain(map, effective);
  if (decision.action === 'refuse') {
    const name = (parsed ?? Cookie.parse(value, { loose: true }))?.key;
    ctx.emit({ type: 'cookie-refused', message: `cookie ${JSON.stringify(name ?? '')} refused: ${decision.detail}`, reason: decision.reason, cookie: name, domain: effective });
    return null;
  }

  if (decision.action === 'keep') return [];

  // The last Domain wins in browsers; the others are dead weight once the effective one is
  // ours, so they are removed rather than left to resurface if a parser disagrees.
  const edits: Edit[] = [];
  for (const attr of attributes) {
    const own = decision.action === 'proxy' && attr.domain !== effective ? decideCookieDomain(map, attr.domain) : decision;
    if (own.action === 'proxy') {
      const dot = value.charCodeAt(attr.valueStart) === 0x2e ? '.' : '';
      // An already proxied Domain keeps its bytes (its case included).
      if (attr.domain !== own.domain) edits.push({ start: attr.valueStart, end: attr.valueEnd, text: dot + own.domain });
    } else {
      edits.push({ start: attr.attrStart, end: attr.attrEnd, text: '' });
    }
  }
  if (decision.action === 'host-only') {
    const name = (parsed ?? Cookie.parse(value, { loose: true }))?.key;
    ctx.emit({ type: 'cookie-host-only', message: `cookie ${JSON.stringify(name ?? '')}: Domain=${effective} removed (flat scheme), host-only on the proxied host`, cookie: name, domain: effective });
  }
  return edits;
}

function isByteString(value: string): boolean {
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) > 0xff) return false;
  return true;
}
