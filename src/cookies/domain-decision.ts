import { isPublicSuffix, MappingError, normalizeHost, type HostMap } from '../domain/index.js';

/**
 * What to do with one cookie `Domain`:
 * - `keep`: not ours (unprotected, or not a valid host name): the browser decides;
 * - `proxy`: replace the value with `domain` (the proxied twin);
 * - `host-only`: remove the attribute, so the cookie belongs to the proxied host that set it;
 * - `refuse`: drop the whole cookie (`reason` says why).
 */
export type DomainDecision =
  | { readonly action: 'keep' }
  | { readonly action: 'proxy'; readonly domain: string }
  | { readonly action: 'host-only' }
  | { readonly action: 'refuse'; readonly reason: 'public-suffix' | 'proxy-suffix' | 'mapping-error'; readonly detail: string };

const KEEP: DomainDecision = { action: 'keep' };
const HOST_ONLY: DomainDecision = { action: 'host-only' };

/**
 * Decides the fate of a cookie domain (leading dot already removed, as tough-cookie
 * reports it). A domain covers its subdomains, so a protected domain, or a parent of
 * protected hosts (`example.com` when `*.example.com` or `app.example.com` is
 * protected), is proxied.
 *
 * In the `flat` scheme proxied hosts have no common parent below the proxy suffix
 * (`app.example.com` is `app-example-com.S`), so no `Domain` can both be accepted by the
 * browser and keep the cookie off other proxied hosts; removing the attribute makes the
 * cookie host-only on the proxied host that set it, which is exactly the host it was
 * meant for (flat hosts have no subdomains to share with).
 */
export function decideCookieDomain(map: HostMap, rawDomain: string): DomainDecision {
  const domain = normalizeHost(rawDomain);
  if (domain === null) return KEEP;
  // Before any protection test: parents of exact patterns include public suffixes (`com`).
  if (domain === map.suffix || map.suffix.endsWith('.' + domain)) {
    return { action: 'refuse', reason: 'proxy-suffix', detail: `Domain=${domain} is the proxy suffix or above it` };
  }
  if (isPublicSuffix(domain)) {
    return { action: 'refuse', reason: 'public-suffix', detail: `Domain=${domain} is a public suffix` };
  }
  if (!map.isProtected(domain) && !map.coversSubdomainsOf(domain)) return KEEP;
  if (map.scheme === 'flat') return HOST_ONLY;
  try {
    return { action: 'proxy', domain: map.proxyHost(domain) };
  } catch (err) {
    if (!(err instanceof MappingError)) throw err;
    return { action: 'refuse', reason: 'mapping-error', detail: err.message };
  }
}
