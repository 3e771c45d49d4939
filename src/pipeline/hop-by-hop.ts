import type { HeadersOutput } from '../headers/index.js';

// RFC 9110 §7.6.1 and the names proxies have always treated as connection-specific.
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'proxy-connection']);

/**
 * Removes the fields that belong to one connection and must not be forwarded (RFC 9110
 * §7.6.1): `Connection` and every name it lists, `Keep-Alive`, `Transfer-Encoding`, `TE`,
 * `Trailer`, `Upgrade` (kept when `upgrading`: a 101 answer or a WebSocket request),
 * `Proxy-Connection` and the other `Proxy-*` fields (credentials and challenges meant for
 * this proxy, not for the next hop). Mutates and returns `headers`.
 */
export function removeHopByHop(headers: HeadersOutput, upgrading = false): HeadersOutput {
  const listed = new Set<string>();
  const connection = headers['connection'];
  for (const value of connection === undefined ? [] : Array.isArray(connection) ? connection : [connection]) {
    for (const name of value.split(',')) {
      const n = name.trim().toLowerCase();
      if (n !== '') listed.add(n);
    }
  }
  for (const name of Object.keys(headers)) {
    const lower = name.toLowerCase();
    if (upgrading && lower === 'upgrade') continue;
    if (HOP_BY_HOP.has(lower) || lower.startsWith('proxy-') || listed.has(lower)) delete headers[name];
  }
  // The one connection option an upgrade forwards.
  if (upgrading && headers['upgrade'] !== undefined) headers['connection'] = 'upgrade';
  return headers;
}
