import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

/** One request as an upstream host received it (what the proxy sent upstream). */
export interface Received {
  /** The host the request was meant for: the server's own name. */
  readonly server: string;
  /** The `Host` header as it arrived (the proxy maps it back to the upstream host). */
  readonly host: string;
  readonly method: string;
  /** The request target: path and query. */
  readonly target: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: Buffer;
  /** The `Content-Encoding` the host answered with, once it answered (`''` for none; routes set it with setHeader to be seen). */
  encoding?: string;
}

/** A route of a host: the whole request body is read before it runs. */
export type HostRoute = (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer, url: URL) => void;

export interface HostServer {
  readonly name: string;
  readonly port: number;
  readonly server: http.Server;
}

/**
 * One upstream host of the test app, on its own port of 127.0.0.1: routes keyed
 * `METHOD /path` (the query is the route's business). Every request is written to `log`
 * before it is answered, so a test sees what reached upstream even when it failed.
 * A request whose `Host` is not this host's name gets 421 (Misdirected Request): the
 * proxy must send each upstream host its own name.
 */
export async function startHost(
  name: string,
  routes: Readonly<Record<string, HostRoute>>,
  log: Received[],
  upgrade?: (req: http.IncomingMessage, socket: Duplex, head: Buffer) => void,
): Promise<HostServer> {
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    try {
      for await (const c of req) chunks.push(c as Buffer);
    } catch {
      return; // the proxy broke the upload off
    }
    const entry: Received = { server: name, host: req.headers.host ?? '', method: req.method ?? '', target: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) };
    log.push(entry);
    res.on('finish', () => (entry.encoding = String(res.getHeader('content-encoding') ?? '')));
    const url = new URL(req.url ?? '/', `http://${name}`);
    if (entry.host !== name) {
      res.writeHead(421, { 'content-type': 'text/plain' }).end(`${name} got Host: ${entry.host}`);
      return;
    }
    const route = routes[`${req.method} ${url.pathname}`];
    if (route === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`${name}: no route ${req.method} ${url.pathname}`);
      return;
    }
    route(req, res, entry.body, url);
  });
  if (upgrade !== undefined) {
    server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
      log.push({ server: name, host: req.headers.host ?? '', method: 'UPGRADE', target: req.url ?? '', headers: req.headers, body: Buffer.alloc(0) });
      upgrade(req, socket, head);
    });
  }
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { name, port: (server.address() as AddressInfo).port, server };
}

export async function stopHost(host: HostServer): Promise<void> {
  host.server.closeAllConnections();
  await new Promise<void>((done) => host.server.close(() => done()));
}
