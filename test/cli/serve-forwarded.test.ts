import { once } from 'node:events';
import { createServer, request } from 'node:http';
import type { AddressInfo, BlockList } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { forwardedClient, parseTrustedProxies } from '../../src/cli/serve/forwarded-for.js';

/**
 * `--trusted-proxy`: the client's address read from `X-Forwarded-For` the way nginx's
 * `real_ip_recursive on` reads it (right to left while the hop is trusted), on real
 * requests to a real node:http server on 127.0.0.1 (the socket's peer is 127.0.0.1).
 */

const trust = (entries: string[]) => parseTrustedProxies(entries) as BlockList;
let trusted = trust(['127.0.0.1']);
const server = createServer((req, res) => res.end(String(forwardedClient(req, trusted))));
server.listen(0, '127.0.0.1');
await once(server, 'listening');
afterAll(() => server.close());

function clientOf(forwardedFor: string | string[] | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | string[]> = forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor };
    const req = request({ host: '127.0.0.1', port: (server.address() as AddressInfo).port, headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (s: string) => (body += s)).on('end', () => resolve(body));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('X-Forwarded-For from trusted proxies', () => {
  it('reads the client a trusted balancer names, and the socket without the header', async () => {
    trusted = trust(['127.0.0.1']);
    expect(await clientOf(undefined)).toBe('127.0.0.1');
    expect(await clientOf('203.0.113.7')).toBe('203.0.113.7');
    // What the client itself wrote, left of the address the balancer saw, is not believed.
    expect(await clientOf('10.9.9.9, 203.0.113.7')).toBe('203.0.113.7');
  });

  it('walks through every trusted hop, as nginx real_ip_recursive does', async () => {
    trusted = trust(['127.0.0.1', '10.0.0.0/8']);
    expect(await clientOf('198.51.100.4, 203.0.113.7, 10.1.2.3, 10.0.0.1')).toBe('203.0.113.7');
    // Repeated headers are one list (RFC 9110 §5.3).
    expect(await clientOf(['203.0.113.7', '10.1.2.3'])).toBe('203.0.113.7');
    // Every hop trusted: the leftmost is the client.
    expect(await clientOf('10.1.1.1, 10.2.2.2')).toBe('10.1.1.1');
    // An entry that is no address ends the walk at the hop that added it.
    expect(await clientOf('203.0.113.7, unknown, 10.1.2.3')).toBe('10.1.2.3');
    expect(await clientOf('::ffff:203.0.113.9')).toBe('203.0.113.9');
  });

  it('ignores the header from a peer it does not trust', async () => {
    trusted = trust(['10.0.0.0/8', '::1']);
    expect(await clientOf('203.0.113.7')).toBe('127.0.0.1');
  });

  it('refuses what is no address or range', () => {
    expect(parseTrustedProxies([])).toBeNull();
    for (const bad of ['10.0.0.0/33', 'fd00::/129', 'example.com', '10.0.0.0/', '10.0.0/8', '10.0.0.0/-1']) {
      expect(() => parseTrustedProxies([bad]), bad).toThrow(/--trusted-proxy .* is not an IP address or CIDR range/);
    }
    expect(parseTrustedProxies(['fd00::/8', '192.0.2.0/24', '::1'])?.check('fd12::1', 'ipv6')).toBe(true);
  });
});
