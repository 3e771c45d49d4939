import type { HostMap } from '../domain/index.js';

/**
 * Request `Host: app.example.com.proxy.test:8080` → `app.example.com`: the upstream
 * host, without the proxy's port (it means nothing upstream). A host that does not map
 * back (not a proxied twin of a protected host, an IP literal, garbage) is returned as
 * it came: the caller must answer 4xx rather than fetch it (no open proxy).
 */
export function rewriteHostHeader(map: HostMap, value: string): string {
  const trimmed = value.trim();
  if (trimmed.startsWith('[')) return value; // IPv6 literal: never a proxied name
  const colon = trimmed.lastIndexOf(':');
  const host = colon !== -1 && isPort(trimmed, colon + 1) ? trimmed.slice(0, colon) : trimmed;
  return map.upstreamHost(host) ?? value;
}

function isPort(s: string, from: number): boolean {
  if (from >= s.length || s.length - from > 5) return false;
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return Number(s.slice(from)) <= 65535;
}
