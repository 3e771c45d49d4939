// The browser's copy of src/domain's host mapping (the page cannot import Node code).
// Kept to what a URL the browser has already parsed needs: the parser gives the host in
// lower-case punycode, so matching is set lookups. test/proxy/runtime/host-map.test.ts
// proves it equal to HostMap and rw.url with a property test. No DOM here: Node runs it.
import type { RuntimeConfig } from '../types.js';
import { withoutDoubledPort } from './doubled-port.js';

/** The part of the runtime's configuration the mapping reads. */
export type MappingConfig = Pick<RuntimeConfig, 'suffix' | 'scheme' | 'domains' | 'publicScheme' | 'publicPort'>;

export interface HostMapper {
  /** The proxied twin of a parsed URL host (lower-case punycode), or null when it is not protected or has no twin. */
  host(host: string): string | null;
  /** The protected host a parsed host is the proxied twin of (HostMap.upstreamHost), or null. */
  upstream(host: string): string | null;
  /** Whether normalized `domain` is protected or holds protected hosts (`example.com` for `*.example.com`). */
  covers(domain: string): boolean;
  /**
   * `value` resolved as the browser does against `base`, when it is an http(s)/ws(s) or
   * scheme-relative URL of a protected host: its proxied twin, serialized. With a public
   * port, also a twin's URL that is not on the proxy's public scheme and port (built at run
   * time from a rewritten host and the code's port): moved there. Otherwise null.
   */
  url(value: string, base?: string): string | null;
  /**
   * With a public port, `value` without the code's port when it is a doubled port
   * (`//<twin>:<public port>:<digits>`) on an http(s)/ws(s) proxied twin; otherwise null.
   */
  repaired(value: string): string | null;
}

// The platform's parser, kept before the runtime wraps the global one (url-constructor.ts).
const NativeURL = URL;

const DEFAULT_PORT: Record<string, number> = { 'http:': 80, 'https:': 443, 'ws:': 80, 'wss:': 443 };
// A host name as src/domain's normalizeHost accepts it, label by label (bounded: linear).
const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

export function createHostMapper(config: MappingConfig): HostMapper {
  const exact = new Set<string>();
  const wild = new Set<string>();
  const dotSuffix = '.' + config.suffix.toLowerCase();
  for (const d of config.domains) {
    const w = d.startsWith('*.');
    (w ? wild : exact).add(d.slice(w ? 2 : 0).toLowerCase());
  }
  const underWildcard = (h: string, self: boolean): boolean => {
    if (self && wild.has(h)) return true;
    for (let i = h.indexOf('.'); i !== -1; i = h.indexOf('.', i + 1)) if (wild.has(h.slice(i + 1))) return true;
    return false;
  };
  const host = (raw: string): string | null => {
    const h = raw.endsWith('.') ? raw.slice(0, -1) : raw;
    if (!exact.has(h) && !underWildcard(h, false)) return null;
    if (config.scheme === 'suffix') return h + dotSuffix;
    const label = h.replaceAll('-', '--').replaceAll('.', '-');
    return label.length > 63 ? null : label + dotSuffix;
  };
  const upstream = (raw: string): string | null => {
    const h = raw.endsWith('.') ? raw.slice(0, -1) : raw;
    if (!h.endsWith(dotSuffix)) return null;
    const inner = h.slice(0, -dotSuffix.length);
    // Flat: `a-b--c` is `a.b-c`, `--` read first from the left as src/domain reads it (a parsed host holds no NUL).
    const up = config.scheme === 'suffix' ? inner : inner.includes('.') ? '' : inner.replaceAll('--', '\0').replaceAll('-', '.').replaceAll('\0', '-');
    if (up.length > 253 || !up.split('.').every((l) => LABEL.test(l))) return null;
    // Only the canonical spelling is a twin, as the proxy serves only that one.
    return host(up) === h ? up : null;
  };
  const covers = (d: string): boolean => {
    if (exact.has(d) || underWildcard(d, true)) return true;
    // A parent of a pattern's base (exact or wildcard); the browser itself refuses a public-suffix cookie domain.
    if (d.indexOf('.') === -1) return false;
    for (const e of exact) if (e.endsWith('.' + d)) return true;
    for (const w of wild) if (w.endsWith('.' + d)) return true;
    return false;
  };
  const ps = config.publicScheme;
  const pp = config.publicPort;
  /** Public scheme (ws/wss following it) and port; the port setter drops the scheme's default, as HostMap does. */
  const toPublic = (u: URL, protocol: string): void => {
    if (ps !== undefined) u.protocol = protocol === 'ws:' || protocol === 'wss:' ? (ps === 'https' ? 'wss:' : 'ws:') : ps + ':';
    if (pp !== undefined) u.port = String(pp);
  };
  const url = (value: string, base?: string): string | null => {
    const text = pp === undefined ? value : withoutDoubledPort(value, pp);
    let u: URL;
    try {
      u = new NativeURL(text, base);
    } catch {
      return null;
    }
    const protocol = u.protocol;
    if (DEFAULT_PORT[protocol] === undefined) return null;
    const repaired = text !== value;
    const twin = host(u.hostname);
    if (twin === null || repaired) return pp === undefined ? null : twinOnPublicPort(u, protocol, repaired);
    // A fully qualified `app.example.com.` keeps its dot, as the rewriter keeps it.
    const name = u.hostname.endsWith('.') ? twin + '.' : twin;
    u.hostname = name;
    // The setter ignores a host the parser refuses (a flat label starting `xn--` that is no punycode): no twin, like rw.url.
    if (u.hostname !== name) return null;
    toPublic(u, protocol);
    return u.href;
  };
  // The proxy serves twins on its public scheme and port only: a twin elsewhere (the
  // code's own port after a rewritten host) would miss the proxy, or reach the upstream's
  // port on the proxy's address. A repaired doubled port counts only on a twin.
  const twinOnPublicPort = (u: URL, protocol: string, repaired: boolean): string | null => {
    if (upstream(u.hostname) === null) return null;
    const before = u.href;
    toPublic(u, protocol);
    return repaired || u.href !== before ? u.href : null;
  };
  const repaired = (value: string): string | null => {
    const text = pp === undefined ? value : withoutDoubledPort(value, pp);
    if (text === value) return null;
    let u: URL;
    try {
      // Any base: only the scheme and host are read (a scheme-relative value is http here).
      u = new NativeURL(text, 'http://base.invalid/');
    } catch {
      return null;
    }
    return DEFAULT_PORT[u.protocol] !== undefined && upstream(u.hostname) !== null ? text : null;
  };
  return { host, upstream, covers, url, repaired };
}
