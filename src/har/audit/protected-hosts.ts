import { HostMap, normalizeHost, type HostMapOptions } from '../../domain/index.js';

/**
 * What is protected, and nothing else: the rewriter's own host matcher (`HostMap`, the
 * patterns of DESIGN.md "Host mapping"). The audit takes only this from the rewriting
 * side; where the URLs are and what their hosts are it decides itself, with full parsers
 * and the WHATWG URL parser, so that it checks the rewriters rather than repeats them.
 *
 * A proxied twin (`app.example.com.proxy.test`, or a flat `app-example-com.proxy.test`)
 * is never protected: patterns may not overlap the proxy suffix (HostMap refuses it).
 */
export class ProtectedHosts {
  private readonly map: HostMap;

  constructor(options: Pick<HostMapOptions, 'suffix' | 'domains' | 'scheme'>) {
    this.map = new HostMap({ suffix: options.suffix, domains: options.domains, scheme: options.scheme });
  }

  /** Whether `host` (any case, trailing dot, Unicode) is protected. */
  has(host: string): boolean {
    const n = normalizeHost(host);
    return n !== null && this.map.isProtected(n);
  }

  /** Whether `*.host` (a CSP wildcard, a leading-dot cookie domain) covers a protected host. */
  coversSubdomainsOf(host: string): boolean {
    const n = normalizeHost(host);
    return n !== null && this.map.coversSubdomainsOf(n);
  }

  /** Whether `host` is the proxied twin of a protected host. */
  isTwin(host: string): boolean {
    return this.map.upstreamHost(host) !== null;
  }
}
