import { HostScanner, type Direction, type HostRewriter } from '../domain/index.js';

/**
 * A scanner that reports every host ending in a protected base, protected or not, with
 * the same reading of `//`, userinfo and boundaries as the real one, and no edits. It
 * answers "is this the host of a URL?" for a stand-in whose host, with code in it,
 * matches no pattern as written (`-.example.com` when only `app.example.com` is
 * protected), so that the URL rules, not rule 3, decide what happens to it.
 */
export function urlHostProbe(hosts: HostRewriter): HostScanner {
  let probe = probes.get(hosts);
  if (probe === undefined) {
    const map = hosts.map;
    const everyHost: Direction = {
      bases: () => map.bases(),
      accepts: () => true,
      hostEdit: (_host, _hs, me) => ({ start: me, end: me, text: '' }),
      scheme: () => undefined,
      port: () => undefined,
    };
    probe = new HostScanner(everyHost);
    probes.set(hosts, probe);
  }
  return probe;
}

const probes = new WeakMap<HostRewriter, HostScanner>();
