import { isIP } from 'node:net';
import { UsageError } from '../config.js';
import { parseIntegerOption } from './integer-option.js';

/** A host name as `--resolve` takes it on either side: LDH labels, and `*.` first on the left. */
const HOST_NAME = /^(?:\*\.)?(?:[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?\.)*[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?$/;

/**
 * `--resolve HOST=ADDR:PORT` (repeatable, as curl's `--resolve`): where to connect for an
 * upstream host instead of where DNS says. HOST may be `*.example.com` (every subdomain);
 * ADDR is an IPv4 address, an IPv6 address in brackets, or a host name. The result is the
 * map form of the handler's `UpstreamResolver` (`host → "addr:port"`, IPv6 bracketed).
 * A malformed entry, or one host given twice, is a usage error: the proxy would otherwise
 * send that host's traffic to DNS in silence.
 */
export function parseResolveOptions(entries: readonly string[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const entry of entries) {
    const eq = entry.indexOf('=');
    const host = entry.slice(0, eq).toLowerCase();
    const target = entry.slice(eq + 1);
    const colon = target.lastIndexOf(':');
    if (eq <= 0 || colon <= 0) throw bad(entry, 'expected HOST=ADDR:PORT');
    if (!HOST_NAME.test(host)) throw bad(entry, `${JSON.stringify(host)} is not a host name`);
    const address = target.slice(0, colon);
    const port = parseIntegerOption(target.slice(colon + 1), `--resolve ${entry}: port`, 1, 65535);
    const bracketed = address.startsWith('[') && address.endsWith(']');
    const plain = bracketed ? address.slice(1, -1) : address;
    const valid = bracketed ? isIP(plain) === 6 : isIP(plain) === 4 || (HOST_NAME.test(plain) && !plain.startsWith('*'));
    if (!valid) {
      throw bad(entry, `${JSON.stringify(address)} is not an IPv4 address, [IPv6] address or host name`);
    }
    if (Object.hasOwn(map, host)) throw bad(entry, `${host} is resolved twice`);
    map[host] = `${address.toLowerCase()}:${port}`;
  }
  return map;
}

const bad = (entry: string, why: string) => new UsageError(`--resolve ${JSON.stringify(entry)}: ${why}`);
