import type { Edit } from './edits.js';
import type { HostMap } from './host-map.js';

/**
 * Which hosts the scanner looks for and what it turns them into. `forward` proxies
 * protected hosts (responses); `reverse` maps proxied hosts back (requests).
 */
export interface Direction {
  /** Literal host tails to search for. */
  bases(): string[];
  /** Whether a found host (normalized) is one this direction rewrites. */
  accepts(host: string, leadingDot: boolean): boolean;
  /**
   * The edit for the host itself; `spell` writes dots the way the text does. `start` is
   * where the occurrence starts, before a leading `.` or `*.` (`leadingDot`).
   */
  hostEdit(host: string, hs: number, me: number, wildcard: boolean, spell: (h: string) => string, start: number, leadingDot: boolean): Edit;
  /** The new scheme for a URL, or undefined to keep it. */
  scheme(scheme: string): string | undefined;
  /** The new port (no colon; '' drops it) for a URL of `scheme`, or undefined to keep it. */
  port(scheme: string | undefined): string | undefined;
}

export function forwardDirection(map: HostMap): Direction {
  return {
    bases: () => map.bases(),
    accepts: (host, leadingDot) => map.isProtected(host) || (leadingDot && map.coversSubdomainsOf(host)),
    hostEdit(host, hs, me, wildcard, spell, start, leadingDot) {
      // The suffix scheme appends, so the host keeps the bytes (and case) it was written with.
      if (map.scheme === 'suffix') return { start: me, end: me, text: spell('.' + map.suffix) };
      if (wildcard) return { start: hs, end: me, text: spell(map.proxyWildcard(host).slice(2)) };
      // `.example.com` tests for a subdomain (`host.endsWith('.example.com')`); flat twins of
      // subdomains end in `-example-com.S`, not `.example-com.S`, so the dot goes too.
      if (leadingDot) return { start, end: me, text: spell('-' + map.proxyHost(host)) };
      return { start: hs, end: me, text: spell(map.proxyHost(host)) };
    },
    scheme: (s) => map.proxyScheme(s),
    port: (s) => map.proxyPort(s),
  };
}

export function reverseDirection(map: HostMap): Direction {
  return {
    bases: () => [map.suffix],
    accepts: (host, leadingDot) => !leadingDot && map.upstreamHost(host) !== null,
    hostEdit: (host, hs, me, _wildcard, spell) => ({ start: hs, end: me, text: spell(map.upstreamHost(host) as string) }),
    scheme: (s) => map.upstreamSchemeFor(s),
    // The proxy's own port means nothing upstream.
    port: () => (map.publicPort === undefined ? undefined : ''),
  };
}
