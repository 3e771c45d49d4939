import type { Rewriter } from '../../rewriter.js';
import type { HarHeader } from '../har-types.js';

/** What each changed request header was counted as. */
export type RequestHeaderRewrite = 'host' | 'origin' | 'referer' | 'target';

/**
 * The request headers the browser sends to the proxy for `url` (the upstream URL) now at
 * `proxiedUrl`: `Host` (and HTTP/2's `:authority`) name the proxied twin with the proxy's
 * port, `:scheme` and `:path` follow the proxied URL; `Origin` and `Referer` are the
 * proxied pages' URLs (the browser was on the proxied origin), so they are mapped like
 * any URL. Every other header, `Cookie` first (the browser sends back exactly what it
 * was given), is as captured.
 */
export function browserRequestHeaders(headers: readonly HarHeader[], url: URL, proxiedUrl: URL, rw: Rewriter, count: (kind: RequestHeaderRewrite) => void): HarHeader[] {
  const path = url.pathname + url.search;
  return headers.map((h) => {
    if (typeof h?.name !== 'string' || typeof h.value !== 'string') return h;
    let value = h.value;
    let kind: RequestHeaderRewrite | null = null;
    switch (h.name.toLowerCase()) {
      case 'host':
      case ':authority':
        kind = 'host';
        value = sameHost(h.value, url) ? proxiedUrl.host : rw.host(h.value);
        break;
      case ':scheme':
        kind = 'target';
        value = h.value.toLowerCase() === url.protocol.slice(0, -1) ? proxiedUrl.protocol.slice(0, -1) : h.value;
        break;
      case ':path':
        kind = 'target';
        value = h.value === path ? proxiedUrl.pathname + proxiedUrl.search : h.value;
        break;
      case 'origin':
        kind = 'origin';
        value = h.value.trim() === 'null' ? h.value : rw.url(h.value);
        break;
      case 'referer':
        kind = 'referer';
        value = rw.url(h.value);
        break;
    }
    if (value === h.value || kind === null) return h;
    count(kind);
    return { ...h, value };
  });
}

/** Whether a Host value names the URL's host (and port, if it has one), as the browser writes it. */
function sameHost(value: string, url: URL): boolean {
  return value.trim().toLowerCase() === url.host.toLowerCase() || value.trim().toLowerCase() === url.hostname.toLowerCase();
}
