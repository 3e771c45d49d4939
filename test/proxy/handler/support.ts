import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createProxyHandler, type ProxyHandler, type ProxyOptions } from '../../../src/proxy/index.js';
import type { RewriteEvent } from '../../../src/domain/index.js';

export { close, decodeBody, escapes, fetchVia, startUpstream, type Received, type Route } from '../../pipeline/exchange-support.js';

/** The rewriter every handler test uses: acme-docs.com and its subdomains, proxied under proxy.test over http. */
export const REWRITER = { suffix: 'proxy.test', domains: ['acme-docs.com', '*.acme-docs.com'], publicScheme: 'http', upstreamScheme: 'http' } as const;

/** Every acme-docs.com host sent to a test upstream on 127.0.0.1. */
export function resolveTo(port: number): Record<string, string> {
  return { 'acme-docs.com': `127.0.0.1:${port}`, '*.acme-docs.com': `127.0.0.1:${port}` };
}

export interface StartedProxy {
  readonly server: http.Server;
  readonly port: number;
  readonly handler: ProxyHandler;
  readonly events: RewriteEvent[];
  close(): Promise<void>;
}

/** Starts `server` on a free port of 127.0.0.1 and gives the port. */
export async function listen(server: http.Server | import('node:net').Server): Promise<number> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

/** A real node:http server with the handler mounted the shortest way, every upstream host on `upstreamPort`. */
export async function startHandler(upstreamPort: number, options: Partial<ProxyOptions> = {}): Promise<StartedProxy> {
  const events: RewriteEvent[] = [];
  const handler = createProxyHandler({ rewriter: { ...REWRITER, onEvent: (e) => events.push(e) }, resolve: resolveTo(upstreamPort), ...options });
  const server = http.createServer(handler).on('upgrade', handler.upgrade);
  const port = await listen(server);
  return {
    server,
    port,
    handler,
    events,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await handler.close();
    },
  };
}
