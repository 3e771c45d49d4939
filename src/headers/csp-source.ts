import { MappingError, normalizeHost, type HostMap } from '../domain/index.js';

/** What became of one CSP source expression. */
export interface SourceRewrite {
  /** The expression to write instead, or to add after the original (`keepOriginal`). */
  readonly text: string;
  /** True when the original must stay too: a wildcard that covers unprotected hosts as well. */
  readonly keepOriginal: boolean;
}

// `scheme://` at the start of a source expression; a bare `//` (not valid CSP, but a
// host after it is a host all the same) has no scheme.
const SCHEME = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):)?\/\//;

/**
 * Rewrites one CSP host source: `app.example.com`, `https://app.example.com:443/p`,
 * `*.example.com`, `wss://*.example.com`. Keywords, nonces, hashes, scheme sources
 * (`https:`) and `*` give null (unchanged), as does every host that is not ours.
 *
 * - A protected host becomes its proxied twin; the scheme and port follow the proxy's
 *   public scheme and port when set (a source without a port matches only the default
 *   port, so a non-default public port is added).
 * - `*.host` becomes `map.proxyWildcard(host)` when every subdomain of `host` is
 *   protected; when only some are (`app.example.com` protected, `*.example.com` in the
 *   policy), the proxied wildcard is added and the original kept, so unprotected
 *   subdomains the page still loads from stay allowed.
 * - A host whose flat label would be too long stays as it is, reported through `onMappingError`.
 */
export function rewriteHostSource(map: HostMap, source: string, onMappingError: (err: MappingError) => void): SourceRewrite | null {
  const first = source.charCodeAt(0);
  if (first === 0x27 /* ' */ || first === 0x22 /* " */) return null;
  const scheme = SCHEME.exec(source);
  const hostStart = scheme ? scheme[0].length : 0;
  let hostEnd = hostStart;
  while (hostEnd < source.length && source.charCodeAt(hostEnd) !== 0x3a && source.charCodeAt(hostEnd) !== 0x2f) hostEnd++;
  const host = source.slice(hostStart, hostEnd);
  // `https:` or `data:` alone is a scheme source: the whole token is `scheme:`.
  if (!scheme && hostEnd === source.length - 1 && source.endsWith(':')) return null;

  const wildcard = host.startsWith('*.');
  const name = normalizeHost(wildcard ? host.slice(2) : host);
  if (name === null) return null;
  let proxied: string;
  let keepOriginal = false;
  try {
    if (wildcard) {
      if (!map.coversSubdomainsOf(name)) return null;
      // `-` is never a valid label, so no exact pattern can match `-.name`: the test is
      // true only when a wildcard pattern covers every subdomain of `name`.
      keepOriginal = !map.isProtected('-.' + name);
      proxied = map.proxyWildcard(name);
    } else {
      if (!map.isProtected(name)) return null;
      proxied = map.proxyHost(name);
    }
  } catch (err) {
    if (!(err instanceof MappingError)) throw err;
    onMappingError(err);
    return null;
  }

  const schemeName = scheme?.[1];
  const newScheme = schemeName === undefined ? undefined : (map.proxyScheme(schemeName) ?? schemeName);
  const rest = source.slice(hostEnd);
  const portMatch = /^:(\d{1,5}|\*)/.exec(rest);
  const oldPort = portMatch ? portMatch[0] : '';
  const path = rest.slice(oldPort.length);
  const wanted = map.proxyPort(schemeName);
  const port = wanted === undefined || oldPort === ':*' ? oldPort : wanted === '' ? '' : ':' + wanted;
  const prefix = newScheme !== undefined ? newScheme + '://' : scheme ? '//' : '';
  const text = prefix + proxied + port + path;
  return { text, keepOriginal };
}
