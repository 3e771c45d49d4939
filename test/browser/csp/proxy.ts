import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createProxyHandler, type ProxyHandler, type ProxyOptions } from '../../../src/proxy/index.js';

/** One request as the proxy got it from the browser. */
export interface ProxyRequest {
  readonly host: string;
  readonly method: string;
  readonly path: string;
}

export interface PlainProxy {
  readonly port: number;
  readonly handler: ProxyHandler;
  readonly received: ProxyRequest[];
  close(): Promise<void>;
}

/**
 * createProxyHandler on a plain node:http server of 127.0.0.1, every request it gets
 * recorded before the handler sees it. Listens first: the rewriter needs the public port.
 */
export async function startPlainProxy(options: (port: number) => ProxyOptions): Promise<PlainProxy> {
  const received: ProxyRequest[] = [];
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  const handler = createProxyHandler(options(port));
  server.on('request', (req, res) => {
    received.push({ host: req.headers.host ?? '', method: req.method ?? '', path: req.url ?? '' });
    handler(req, res);
  });
  return {
    port,
    handler,
    received,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      await handler.close();
    },
  };
}
