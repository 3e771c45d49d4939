// The browser's copy of src/domain's host mapping (the page cannot import Node code).
// Kept to what a URL the browser has already parsed needs: the parser gives the host in
// lower-case punycode, so matching is set lookups. test/proxy/runtime/host-map.test.ts
// proves it equal to HostMap and rw.url with a property test. No DOM here: Node runs it.

/** The part of the runtime's configuration the mapping reads. */
export interface MappingConfig {
  readonly suffix: string;
  readonly scheme: 'suffix' | 'flat';
  readonly domains: readonly string[];
  readonly publicScheme?: 'http' | 'https';
  readonly publicPort?: number;
}

export interface HostMapper {
  /** The proxied twin of a parsed URL host (lower-case punycode), or null when it is not protected or has no twin. */
  host(host: string): string | null;
  /** Whether normalized `domain` is protected or holds protected hosts (`example.com` for `*.example.com`). */
  covers(domain: string): boolean;
  /**
   * `value` resolved as the browser does against `base`, when it is an http(s)/ws(s) or
   * scheme-relative URL of a protected host: its proxied twin, serialized. Otherwise null.
   */
  url(value: string, base?: string): string | null;
}

const SPECIAL: Record<string, 1> = { 'http:': 1, 'https:': 1, 'ws:': 1, 'wss:': 1 };

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
  const covers = (d: string): boolean => {
    if (exact.has(d) || underWildcard(d, true)) return true;
    // A parent of an exact pattern; the browser itself refuses a public-suffix cookie domain.
    if (d.indexOf('.') === -1) return false;
    for (const e of exact) if (e.endsWith('.' + d)) return true;
    return false;
  };
  const url = (value: string, base?: string): string | null => {
    let u: URL;
    try {
      u = new URL(value, base);
    } catch {
      return null;
    }
    const protocol = u.protocol;
    if (SPECIAL[protocol] !== 1) return null;
    const twin = host(u.hostname);
    if (twin === null) return null;
    // A fully qualified `app.example.com.` keeps its dot, as the rewriter keeps it.
    const name = u.hostname.endsWith('.') ? twin + '.' : twin;
    u.hostname = name;
    // The setter ignores a host the parser refuses (a flat label starting `xn--` that is no punycode): no twin, like rw.url.
    if (u.hostname !== name) return null;
    const ps = config.publicScheme;
    if (ps !== undefined) u.protocol = protocol === 'ws:' || protocol === 'wss:' ? (ps === 'https' ? 'wss:' : 'ws:') : ps + ':';
    // The URL setter drops a port that is the scheme's default, as HostMap does.
    if (config.publicPort !== undefined) u.port = String(config.publicPort);
    return u.href;
  };
  return { host, covers, url };
}
