import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TlsFiles } from './tls-files.js';

/**
 * The server `spr serve` listens with: https with `--cert`/`--key`, else http. With
 * `--device-ca` it asks every client for a certificate and lets the handshake go on
 * without one or with one that does not verify (`rejectUnauthorized: false`): the
 * handler reads `socket.authorized` to mark the device managed or unmanaged, and an
 * unmanaged device still gets the session its policy allows.
 */
export function createServer(tls: TlsFiles | null): Server {
  if (tls === null) return createHttpServer();
  return createHttpsServer({
    cert: tls.cert,
    key: tls.key,
    ...(tls.deviceCa === null ? {} : { requestCert: true, rejectUnauthorized: false, ca: tls.deviceCa }),
  });
}

/** Listens, resolving with the port (the one picked for port 0); a failure (address in use, no permission) rejects with one clear message. */
export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const failed = (err: NodeJS.ErrnoException) => reject(new Error(`cannot listen on ${hostPort(host, port)}: ${err.code ?? err.message}`));
    server.once('error', failed);
    server.listen(port, host, () => {
      server.off('error', failed);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** `host:port`, an IPv6 address in brackets. */
export function hostPort(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}
