import type { HostMap } from '../domain/index.js';

/**
 * Request `Host: app.example.com.proxy.test:8080` → `app.example.com`: the upstream
 * host, without the proxy's port (it means nothing upstream; `HostMap.upstreamHost`
 * drops it). A host that does not map back (not a proxied twin of a protected host, an
 * IP literal, garbage) is returned as it came: the caller must answer 4xx rather than
 * fetch it (no open proxy).
 */
export function rewriteHostHeader(map: HostMap, value: string): string {
  return map.upstreamHost(value.trim()) ?? value;
}
