import { isPublicSuffix, MappingError, normalizeHost, type HostMap } from '../domain/index.js';
import { twinPreimage } from './proxied-domain.js';

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
 * reports it). The rule: a Domain the browser will apply on a proxied host must be the
 * proxied twin of a domain that is not a public suffix and that holds protected hosts,
 * and must not itself be a public suffix. A browser refuses a public-suffix Domain
 * (RFC 6265bis section 5.7, the storage model), but the Public Suffix List does not know the proxy
 * suffix: `com.proxy.test` would be accepted and reach every proxied `.com` app, so the
 * proxy refuses it in the browser's stead.
 *
 * - The proxy suffix or a domain above it: refused (it covers every proxied host).
 * - A public suffix: refused, as the browser would.
 * - A domain already under the proxy suffix (an upstream that saw its proxied name, or
 *   a second pass): judged as the upstream domain it is the twin of, so it stands
 *   exactly when rewriting that domain would have written it (rewriting stays
 *   idempotent); the twin of a public suffix is refused as `public-suffix`, a name that
 *   is no twin of a protected domain as `proxy-suffix`.
 * - A protected domain, or a parent of protected hosts (`example.com` when
 *   `*.example.com` or `app.example.com` is protected): proxied, unless its twin is on
 *   the Public Suffix List.
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
    return refuse('proxy-suffix', `Domain=${domain} is the proxy suffix or above it`);
  }
  if (domain.endsWith('.' + map.suffix)) return decideProxiedDomain(map, domain);
  return decideUpstreamDomain(map, domain);
}

function decideUpstreamDomain(map: HostMap, domain: string): DomainDecision {
  if (isPublicSuffix(domain)) return refuse('public-suffix', `Domain=${domain} is a public suffix`);
  if (!map.isProtected(domain) && !map.coversSubdomainsOf(domain)) return KEEP;
  if (map.scheme === 'flat') return HOST_ONLY;
  let twin: string;
  try {
    twin = map.proxyHost(domain);
  } catch (err) {
    if (!(err instanceof MappingError)) throw err;
    return refuse('mapping-error', err.message);
  }
  if (isPublicSuffix(twin)) return refuse('public-suffix', `Domain=${domain} would become ${twin}, a public suffix`);
  return { action: 'proxy', domain: twin };
}

function decideProxiedDomain(map: HostMap, domain: string): DomainDecision {
  if (isPublicSuffix(domain)) return refuse('public-suffix', `Domain=${domain} is a public suffix`);
  const upstream = twinPreimage(map, domain);
  if (upstream === null) return refuse('proxy-suffix', `Domain=${domain} is under the proxy suffix but is no proxied twin`);
  if (isPublicSuffix(upstream)) return refuse('public-suffix', `Domain=${domain} is the proxied twin of the public suffix ${upstream}`);
  const decision = decideUpstreamDomain(map, upstream);
  if (decision.action === 'keep') {
    return refuse('proxy-suffix', `Domain=${domain} is the proxied twin of ${upstream}, which holds no protected host`);
  }
  return decision;
}

function refuse(reason: 'public-suffix' | 'proxy-suffix' | 'mapping-error', detail: string): DomainDecision {
  return { action: 'refuse', reason, detail };
}
