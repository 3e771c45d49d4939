import { isIP } from 'node:net';
import type { UpstreamAddress, UpstreamResolver } from '../options.js';

type HostLookup = (host: string, defaultPort: number) => UpstreamAddress | undefined;

// A map is read once (its entries checked, wildcards sorted) and kept with the map object.
const compiled = new WeakMap<object, HostLookup>();

/**
 * Where to connect for `host` (an upstream host, no port): the resolver's address, or
 * `undefined` when the resolver does not name it (then DNS decides, on the upstream
 * scheme's port). In a map, an exact key wins over a wildcard, and of the wildcards the
 * longest one that matches: `*.example.com` covers every subdomain of `example.com`, not
 * `example.com` itself (as host patterns do). A value is `addr:port`, `[v6]:port`, or
 * an address alone (then `defaultPort`). Throws a TypeError naming a value it cannot read.
 */
export function resolveUpstream(resolver: UpstreamResolver | undefined, host: string, defaultPort: number): UpstreamAddress | undefined {
  if (resolver === undefined) return undefined;
  if (typeof resolver === 'function') return resolver(host);
  let lookup = compiled.get(resolver);
  if (lookup === undefined) {
    lookup = compileResolveMap(resolver);
    compiled.set(resolver, lookup);
  }
  return lookup(host.toLowerCase(), defaultPort);
}

/** Checks every entry of a map now, so a bad `--resolve` fails at start rather than on a request. */
export function checkResolver(resolver: UpstreamResolver | undefined): void {
  if (resolver !== undefined && typeof resolver !== 'function') resolveUpstream(resolver, 'check.invalid', 80);
}

function compileResolveMap(map: Readonly<Record<string, string>>): HostLookup {
  const exact = new Map<string, (defaultPort: number) => UpstreamAddress>();
  const wildcards: { suffix: string; at: (defaultPort: number) => UpstreamAddress }[] = [];
  for (const [key, value] of Object.entries(map)) {
    const at = parseAddress(key, value);
    const name = key.trim().toLowerCase().replace(/\.$/, '');
    if (name.startsWith('*.')) wildcards.push({ suffix: name.slice(1), at });
    else exact.set(name, at);
  }
  // The most specific wildcard first.
  wildcards.sort((a, b) => b.suffix.length - a.suffix.length);
  return (host, defaultPort) => {
    const name = host.replace(/\.$/, '');
    const hit = exact.get(name) ?? wildcards.find((w) => name.endsWith(w.suffix) && name.length > w.suffix.length)?.at;
    return hit?.(defaultPort);
  };
}

/** `addr:port`, `[v6]:port`, `addr` or `[v6]` / a bare IPv6 address. */
function parseAddress(key: string, value: string): (defaultPort: number) => UpstreamAddress {
  const text = String(value).trim();
  let address = text;
  let port: number | undefined;
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    address = close < 0 ? '' : text.slice(1, close);
    const rest = close < 0 ? 'x' : text.slice(close + 1);
    if (rest !== '') port = rest.startsWith(':') ? portOf(rest.slice(1)) : NaN;
    if (isIP(address) !== 6) address = '';
  } else if (isIP(text) !== 6) {
    const colon = text.lastIndexOf(':');
    if (colon >= 0) {
      address = text.slice(0, colon);
      port = portOf(text.slice(colon + 1));
    }
  }
  if (address === '' || /[\s/?#@[\]]/.test(address) || (port !== undefined && Number.isNaN(port))) {
    throw new TypeError(`resolve: cannot read "${text}" for ${key} (want ADDR:PORT, e.g. 127.0.0.1:8080 or [::1]:8443)`);
  }
  return (defaultPort) => ({ address, port: port ?? defaultPort });
}

function portOf(text: string): number {
  if (!/^\d{1,5}$/.test(text)) return NaN;
  const port = Number(text);
  return port >= 1 && port <= 65535 ? port : NaN;
}
