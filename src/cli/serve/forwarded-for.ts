import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';
import { UsageError } from '../config.js';

/**
 * `--trusted-proxy ADDR[/BITS]` (repeatable): the balancers in front of `spr serve`. A
 * request that comes from one of them has its client read from `X-Forwarded-For`; from
 * anywhere else the header is ignored, since any client can write it.
 */
export function parseTrustedProxies(entries: readonly string[]): BlockList | null {
  if (entries.length === 0) return null;
  const list = new BlockList();
  for (const entry of entries) {
    const slash = entry.indexOf('/');
    const address = slash < 0 ? entry : entry.slice(0, slash);
    const family = isIP(address);
    const bits = slash < 0 ? (family === 6 ? 128 : 32) : /^[0-9]{1,3}$/.test(entry.slice(slash + 1)) ? Number(entry.slice(slash + 1)) : NaN;
    if (family === 0 || !(bits <= (family === 6 ? 128 : 32))) throw new UsageError(`--trusted-proxy ${JSON.stringify(entry)} is not an IP address or CIDR range (10.0.0.0/8, fd00::/8)`);
    list.addSubnet(address, bits, family === 6 ? 'ipv6' : 'ipv4');
  }
  return list;
}

/**
 * The client's address: the socket's peer, or, while that hop is a trusted proxy, the
 * address it says it got the request from (the last `X-Forwarded-For` entry, then the one
 * before, …), as nginx's `real_ip_recursive` reads the chain. The first hop that is not
 * trusted is the client: entries left of it are whatever the client wrote. An entry that
 * is no IP address ends the walk at the hop that added it.
 */
export function forwardedClient(req: IncomingMessage, trusted: BlockList): string | undefined {
  let client = req.socket.remoteAddress;
  const header = req.headers['x-forwarded-for'];
  if (client === undefined || header === undefined) return client;
  const chain = (Array.isArray(header) ? header.join(',') : header).split(',').map((s) => s.trim());
  while (chain.length > 0 && isTrusted(trusted, client)) {
    const next = unmapped(chain.pop() as string);
    if (isIP(next) === 0) break;
    client = next;
  }
  return unmapped(client);
}

function isTrusted(trusted: BlockList, address: string): boolean {
  const plain = unmapped(address);
  const family = isIP(plain);
  return family !== 0 && trusted.check(plain, family === 6 ? 'ipv6' : 'ipv4');
}

/** `::ffff:10.0.0.1` (a dual-stack socket's view of an IPv4 peer) is `10.0.0.1`. */
function unmapped(address: string): string {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return m === null ? address : (m[1] as string);
}
