import { ConfigError, MappingError } from './errors.js';
import { HostSet } from './host-set.js';
import { isPublicSuffix, normalizeHost, parsePattern, type HostPattern } from './patterns.js';

/** How a protected host becomes a proxied one. */
export type MappingScheme = 'suffix' | 'flat';

/** The options that decide what is protected and what its proxied twin is. */
export interface HostMapOptions {
  /** The proxy suffix, e.g. `proxy.test`. */
  suffix: string;
  /** Protected patterns: `example.com` (that host) or `*.example.com` (every subdomain). */
  domains: readonly string[];
  /** `suffix` (default): `h` becomes `h.S`. `flat`: `h` becomes one label under `S`. */
  scheme?: MappingScheme;
  /** The proxy's public scheme; rewritten absolute URLs take it (`ws`/`wss` follow). */
  publicScheme?: 'http' | 'https';
  /** The proxy's public port; rewritten absolute URLs carry it unless it is the scheme's default. */
  publicPort?: number;
  /** The scheme of upstream URLs, used when mapping proxied URLs back (requests). Default `https`. */
  upstreamScheme?: 'http' | 'https';
}

const DEFAULT_PORT: Record<string, number> = { http: 80, https: 443, ws: 80, wss: 443 };
const ASCII_HOST = /^[A-Za-z0-9_.-]+$/;

/**
 * The one object that knows what a protected host is and what its proxied twin is,
 * both ways. Every rewriter asks it; none keeps its own list.
 */
export class HostMap {
  readonly suffix: string;
  readonly scheme: MappingScheme;
  readonly publicScheme: 'http' | 'https' | undefined;
  readonly publicPort: number | undefined;
  readonly upstreamScheme: 'http' | 'https';
  readonly patterns: readonly HostPattern[];
  private readonly hosts: HostSet;
  private readonly dotSuffix: string;

  constructor(options: HostMapOptions) {
    if (!options || typeof options.suffix !== 'string') throw new ConfigError('suffix is required (e.g. "proxy.test")');
    const suffix = normalizeHost(options.suffix);
    if (suffix === null) throw new ConfigError(`suffix ${JSON.stringify(options.suffix)} is not a valid host name`);
    if (isPublicSuffix(suffix)) throw new ConfigError(`suffix "${suffix}" is a public suffix; use a domain you control`);
    const scheme = options.scheme ?? 'suffix';
    if (scheme !== 'suffix' && scheme !== 'flat') throw new ConfigError(`scheme must be "suffix" or "flat", not ${JSON.stringify(scheme)}`);
    if (options.publicScheme !== undefined && options.publicScheme !== 'http' && options.publicScheme !== 'https') {
      throw new ConfigError(`publicScheme must be "http" or "https", not ${JSON.stringify(options.publicScheme)}`);
    }
    const port = options.publicPort;
    if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
      throw new ConfigError(`publicPort must be an integer from 1 to 65535, not ${JSON.stringify(port)}`);
    }
    if (!Array.isArray(options.domains) || options.domains.length === 0) {
      throw new ConfigError('at least one protected domain is required (e.g. "example.com" or "*.example.com")');
    }
    const patterns = options.domains.map(parsePattern);
    for (const p of patterns) {
      if (p.base === suffix || p.base.endsWith('.' + suffix) || (!p.exact && suffix.endsWith('.' + p.base))) {
        throw new ConfigError(`protected pattern "${p.source}" overlaps the proxy suffix "${suffix}": proxied hosts would be protected again`);
      }
    }
    this.suffix = suffix;
    this.dotSuffix = '.' + suffix;
    this.scheme = scheme;
    this.publicScheme = options.publicScheme;
    this.publicPort = port;
    this.upstreamScheme = options.upstreamScheme ?? 'https';
    if (this.upstreamScheme !== 'http' && this.upstreamScheme !== 'https') {
      throw new ConfigError(`upstreamScheme must be "http" or "https", not ${JSON.stringify(options.upstreamScheme)}`);
    }
    this.patterns = patterns;
    this.hosts = new HostSet(patterns);
  }

  /** Bases of the patterns (`example.com` for `*.example.com`): what the scanner searches for. */
  bases(): string[] {
    return this.hosts.bases();
  }

  /** `host` must be normalized. */
  isProtected(host: string): boolean {
    return this.hosts.has(host);
  }

  /** Whether some subdomain of normalized `host` is protected (`.host` and `*.host` forms). */
  coversSubdomainsOf(host: string): boolean {
    return this.hosts.coversSubdomainsOf(host);
  }

  /**
   * The proxied twin of a normalized protected host. Throws {@link MappingError} when
   * the `flat` label would exceed 63 characters.
   */
  proxyHost(host: string): string {
    if (this.scheme === 'suffix') return host + this.dotSuffix;
    const label = host.replaceAll('-', '--').replaceAll('.', '-');
    if (label.length > 63) {
      throw new MappingError(`"${host}" needs a flat label of ${label.length} characters; DNS allows 63`, host);
    }
    return label + this.dotSuffix;
  }

  /** What `*.host` (every subdomain) becomes: `*.host.S`, or `*.S` in the flat scheme. */
  proxyWildcard(host: string): string {
    return this.scheme === 'suffix' ? `*.${host}${this.dotSuffix}` : `*${this.dotSuffix}`;
  }

  /**
   * Forward mapping for any host string: protected hosts (any case, IDN, trailing dot)
   * become their twin, everything else comes back unchanged. Throws {@link MappingError}
   * for a protected host without a twin (see {@link proxyHost}); `rw.host()` catches it.
   */
  host(host: string): string {
    const n = normalizeHost(host);
    if (n === null || !this.hosts.has(n)) return host;
    return this.proxyHost(n);
  }

  /**
   * Reverse mapping: the upstream host for a proxied host or a `Host` header value
   * (`host:port`; the port is the proxy's and is dropped), or null for every host that is
   * not exactly the twin of a protected host (no open proxy, no SSRF).
   */
  upstreamHost(authority: string): string | null {
    const proxied = withoutPort(authority);
    // What a browser sends is ASCII (punycode) with no spaces: any other spelling is refused, not normalized.
    if (!ASCII_HOST.test(proxied)) return null;
    const n = normalizeHost(proxied);
    if (n === null || !n.endsWith(this.dotSuffix)) return null;
    const inner = n.slice(0, -this.dotSuffix.length);
    if (this.scheme === 'flat' && inner.includes('.')) return null;
    const upstream = this.scheme === 'suffix' ? inner : decodeFlatLabel(inner);
    if (normalizeHost(upstream) !== upstream || !this.hosts.has(upstream)) return null;
    // Only the canonical spelling maps back, so two proxied names never reach one upstream.
    return this.proxyHost(upstream) === n ? upstream : null;
  }

  /** The scheme a rewritten absolute URL takes, or undefined to keep the original. */
  proxyScheme(scheme: string): string | undefined {
    return this.publicScheme === undefined ? undefined : switchScheme(scheme, this.publicScheme);
  }

  /** The scheme a proxied URL maps back to, when the proxy's public scheme is set. */
  upstreamSchemeFor(scheme: string): string | undefined {
    return this.publicScheme === undefined ? undefined : switchScheme(scheme, this.upstreamScheme);
  }

  /**
   * The port text (without colon) a rewritten URL of `scheme` carries: undefined to keep
   * the original port, '' for none (the public port is the default of the scheme).
   */
  proxyPort(scheme: string | undefined): string | undefined {
    if (this.publicPort === undefined) return undefined;
    const effective = scheme === undefined ? this.publicScheme : (this.proxyScheme(scheme) ?? scheme.toLowerCase());
    if (effective !== undefined && DEFAULT_PORT[effective] === this.publicPort) return '';
    return String(this.publicPort);
  }
}

/**
 * `host:port` → `host` when the port is 1 to 65535 written in at most five digits (RFC
 * 9110 `uri-host [ ":" port ]`); anything else comes back whole, for the caller to
 * refuse. `[v6]:port` loses its port too, and the bracketed literal is then refused
 * like any host that is no proxied name.
 */
function withoutPort(authority: string): string {
  const colon = authority.lastIndexOf(':');
  if (colon === -1) return authority;
  const digits = authority.length - colon - 1;
  if (digits < 1 || digits > 5) return authority;
  let port = 0;
  for (let i = colon + 1; i < authority.length; i++) {
    const c = authority.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return authority;
    port = port * 10 + (c - 0x30);
  }
  return port >= 1 && port <= 65535 ? authority.slice(0, colon) : authority;
}

/** `http(s)` becomes `target`; `ws(s)` follows it (`wss` over https); other schemes are left alone. */
function switchScheme(scheme: string, target: 'http' | 'https'): string | undefined {
  const s = scheme.toLowerCase();
  if (s === 'http' || s === 'https') return target;
  if (s === 'ws' || s === 'wss') return target === 'https' ? 'wss' : 'ws';
  return undefined;
}

/**
 * `a-b--c` → `a.b-c`. Ambiguous spellings (`a---b`) decode to something; the caller
 * accepts the result only if it encodes back to the same label.
 */
function decodeFlatLabel(label: string): string {
  let out = '';
  for (let i = 0; i < label.length; i++) {
    const c = label[i];
    if (c !== '-') {
      out += c;
    } else if (label[i + 1] === '-') {
      out += '-';
      i++;
    } else {
      out += '.';
    }
  }
  return out;
}
