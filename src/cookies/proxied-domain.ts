import { MappingError, normalizeHost, type HostMap } from '../domain/index.js';

/**
 * The upstream domain whose proxied twin `proxied` is, in the one spelling that maps to
 * it: `com` for `com.proxy.test` (suffix scheme), `app.example.com` for
 * `app-example-com.proxy.test` (flat scheme). Null when `proxied` is no twin at all (a
 * flat name of several labels under the suffix, a label that does not decode back to
 * itself). `proxied` must be normalized and end with `.` + the proxy suffix. Unlike
 * `HostMap.upstreamHost`, the upstream domain need not be protected: a cookie Domain is
 * judged on what it covers.
 */
export function twinPreimage(map: HostMap, proxied: string): string | null {
  const inner = proxied.slice(0, proxied.length - map.suffix.length - 1);
  let upstream = inner;
  if (map.scheme === 'flat') {
    if (inner.includes('.')) return null;
    // `--` is a literal `-`, a lone `-` a dot; whether the result is canonical is checked below.
    upstream = inner.split('--').map((part) => part.replaceAll('-', '.')).join('-');
  }
  if (normalizeHost(upstream) !== upstream) return null;
  try {
    return map.proxyHost(upstream) === proxied ? upstream : null;
  } catch (err) {
    if (err instanceof MappingError) return null;
    throw err;
  }
}
