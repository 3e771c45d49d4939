import { createHash, createPublicKey } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { createProxyHandler, type ProxyHandler, type ProxyOptions } from '../../../src/proxy/index.js';

const tls = (name: string) => readFileSync(new URL(`./tls/${name}`, import.meta.url));
const CERT = tls('proxy-cert.pem');

/**
 * The SPKI hash (base64 SHA-256 of the DER SubjectPublicKeyInfo) of the proxy's test
 * certificate: what `--ignore-certificate-errors-spki-list` takes.
 */
export const PROXY_CERT_SPKI = createHash('sha256').update(createPublicKey(CERT).export({ type: 'spki', format: 'der' })).digest('base64');

/** The proxy under test on a node:https server of 127.0.0.1, as an implementer mounts it. */
export interface RunningProxy {
  readonly port: number;
  readonly handler: ProxyHandler;
  /** `https://<host>.<suffix>:<port><path>`: where the browser finds an upstream host. */
  url(upstreamHost: string, path?: string): string;
  close(): Promise<void>;
}

/**
 * Serves https with the test certificate of `*.acme.test.<suffix>`: browsers offer
 * brotli and allow service workers on secure origins only, as in a real deployment.
 * Listens first, then makes the handler: the rewriter must know the public port (the
 * listening one) to write it into every URL it maps.
 */
export async function startProxy(suffix: string, options: (port: number) => ProxyOptions): Promise<RunningProxy> {
  const server = https.createServer({ cert: CERT, key: tls('proxy-key.pem') });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  const handler = createProxyHandler(options(port));
  server.on('request', handler);
  server.on('upgrade', handler.upgrade);
  return {
    port,
    handler,
    url: (host, path = '/') => `https://${host}.${suffix}:${port}${path}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      await handler.close();
    },
  };
}
