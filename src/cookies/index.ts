/**
 * `src/cookies`: Set-Cookie rewriting (DESIGN section 6). Request `Cookie` headers need
 * no rewriting: the browser sends back exactly what it was given.
 */
export { rewriteSetCookie } from './set-cookie.js';
export { decideCookieDomain, type DomainDecision } from './domain-decision.js';
export { findCookieAttributes, findDomainAttributes, type CookieAttribute, type DomainAttribute } from './cookie-attributes.js';
export { cookiePair, needsSecureOrigin, secureRemoval, type SecureRemoval } from './insecure-origin.js';
