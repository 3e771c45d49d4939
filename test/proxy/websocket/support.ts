import { once } from 'node:events';
import http from 'node:http';
import https from 'node:https';
import net, { type AddressInfo } from 'node:net';
import { afterEach } from 'vitest';
import WebSocket, { WebSocketServer, type ServerOptions } from 'ws';
import { createUpgradeHandler, type UpgradeOptions, type WebSocketEvent } from '../../../src/proxy/websocket/index.js';
import { createRewriter, type Rewriter, type RewriterOptions } from '../../../src/rewriter.js';
import type { RewriteEvent } from '../../../src/domain/index.js';

/** Everything started by a test, closed after it. */
const open: { close(): void }[] = [];
afterEach(() => {
  for (const thing of open.splice(0)) thing.close();
});

/** The proxy's public origin in every test: expectations follow the rewriting rules for it. */
export const PUBLIC_PORT = 8080;

export interface Upstream {
  readonly port: number;
  readonly wss: WebSocketServer;
  /** Every handshake request upstream saw. */
  readonly handshakes: { url: string; headers: http.IncomingHttpHeaders; servername?: string }[];
  /** TCP connections upstream accepted: 0 means nothing was contacted. */
  connections(): number;
  /** The next WebSocket upstream accepts. */
  nextSocket(): Promise<WebSocket>;
}

/** A real `ws` server on 127.0.0.1 (its own node:http server), recording what it sees. */
export async function startUpstream(options: Pick<ServerOptions, 'handleProtocols' | 'verifyClient'> & { answerHeaders?: string[]; tls?: { key: string; cert: string } } = {}): Promise<Upstream> {
  const refuse = (_req: http.IncomingMessage, res: http.ServerResponse) => res.writeHead(426).end();
  const server = options.tls ? https.createServer(options.tls, refuse) : http.createServer(refuse);
  let connections = 0;
  server.on('connection', () => connections++);
  const handshakes: Upstream['handshakes'] = [];
  const wss = new WebSocketServer({ server, handleProtocols: options.handleProtocols, verifyClient: options.verifyClient });
  server.prependListener('upgrade', (req: http.IncomingMessage) => {
    const servername = (req.socket as { servername?: string | false }).servername;
    handshakes.push({ url: req.url ?? '', headers: req.headers, servername: servername || undefined });
  });
  if (options.answerHeaders) {
    const lines = options.answerHeaders;
    wss.on('headers', (headers) => headers.push(...lines));
  }
  const waiting: ((socket: WebSocket) => void)[] = [];
  const arrived: WebSocket[] = [];
  wss.on('connection', (socket) => {
    const next = waiting.shift();
    if (next) next(socket);
    else arrived.push(socket);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  open.push({ close: () => (wss.clients.forEach((c) => c.terminate()), server.closeAllConnections(), server.close()) });
  return {
    port: (server.address() as AddressInfo).port,
    wss,
    handshakes,
    connections: () => connections,
    nextSocket: () => {
      const ready = arrived.shift();
      return ready ? Promise.resolve(ready) : new Promise((resolve) => waiting.push(resolve));
    },
  };
}

export interface Proxy {
  readonly port: number;
  readonly rw: Rewriter;
  readonly events: WebSocketEvent[];
  readonly rewriteEvents: RewriteEvent[];
}

/**
 * A real node:http server calling the upgrade handler on `upgrade`; every
 * `example.com` host is protected and sent to `upstreamPort` on 127.0.0.1.
 */
export async function startProxy(upstreamPort: number, options: Partial<UpgradeOptions> = {}, rewriter: Partial<RewriterOptions> = {}): Promise<Proxy> {
  const events: WebSocketEvent[] = [];
  const rewriteEvents: RewriteEvent[] = [];
  const rw = createRewriter({
    suffix: 'proxy.test',
    domains: ['example.com', '*.example.com'],
    publicScheme: 'http',
    publicPort: PUBLIC_PORT,
    upstreamScheme: 'http',
    onEvent: (e) => rewriteEvents.push(e),
    ...rewriter,
  });
  const at = `127.0.0.1:${upstreamPort}`;
  const handler = createUpgradeHandler({ rewriter: rw, resolve: { 'example.com': at, '*.example.com': at }, onEvent: (e) => events.push(e), ...options });
  const server = http.createServer((_req, res) => res.writeHead(500).end('only upgrades here'));
  server.on('upgrade', handler);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  open.push({ close: () => (server.closeAllConnections(), server.close()) });
  return { port: (server.address() as AddressInfo).port, rw, events, rewriteEvents };
}

/** How a browser's handshake ended. */
export type Handshake =
  | { kind: 'open'; socket: WebSocket; headers: http.IncomingHttpHeaders }
  | { kind: 'status'; status: number; headers: http.IncomingHttpHeaders; body: string }
  | { kind: 'error'; message: string };

/**
 * A browser-like client: `ws://host/path` (a proxied host, its Host field as the
 * browser sends it) over a connection to the proxy on 127.0.0.1.
 */
export async function connect(proxyPort: number, host: string, path: string, options: { protocols?: string[]; origin?: string; headers?: Record<string, string> } = {}): Promise<Handshake> {
  const socket = new WebSocket(`ws://${host}${path}`, options.protocols ?? [], {
    origin: options.origin,
    headers: options.headers,
    createConnection: (() => net.connect(proxyPort, '127.0.0.1')) as unknown as typeof net.createConnection,
  });
  open.push({ close: () => socket.terminate() });
  return new Promise((resolve) => {
    let headers: http.IncomingHttpHeaders = {};
    socket.on('upgrade', (res) => (headers = res.headers));
    socket.on('open', () => resolve({ kind: 'open', socket, headers }));
    socket.on('unexpected-response', (_req, res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ kind: 'status', status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    socket.on('error', (err) => resolve({ kind: 'error', message: err.message }));
  });
}

/** The handshake, which must have opened. */
export async function connectOpen(proxyPort: number, host: string, path: string, options: Parameters<typeof connect>[3] = {}): Promise<{ socket: WebSocket; headers: http.IncomingHttpHeaders }> {
  const result = await connect(proxyPort, host, path, options);
  if (result.kind !== 'open') throw new Error(`handshake did not open: ${JSON.stringify(result)}`);
  return result;
}

/** The next message of a socket: its bytes and whether it was binary. */
export function nextMessage(socket: WebSocket): Promise<{ data: Buffer; isBinary: boolean }> {
  return new Promise((resolve) => socket.once('message', (data: Buffer, isBinary: boolean) => resolve({ data, isBinary })));
}

/** What `to` receives when `from` sends `data` (the relay keeps order, so it is the next message). */
export function through(from: WebSocket, to: WebSocket, data: string | Buffer): Promise<{ data: Buffer; isBinary: boolean }> {
  const got = nextMessage(to);
  from.send(data);
  return got;
}

/** The close a socket sees: code and reason. */
export function closed(socket: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => socket.once('close', (code: number, reason: Buffer) => resolve({ code, reason: reason.toString('utf8') })));
}

/** An open pair through a proxy to a fresh upstream: the browser's socket and upstream's socket for it. */
export async function openPair(options: Parameters<typeof startProxy>[1] = {}): Promise<{ browser: WebSocket; server: WebSocket; upstream: Upstream; proxy: Proxy }> {
  const upstream = await startUpstream();
  const proxy = await startProxy(upstream.port, options);
  const serverSocket = upstream.nextSocket();
  const { socket } = await connectOpen(proxy.port, 'app.example.com.proxy.test:8080', '/live');
  return { browser: socket, server: await serverSocket, upstream, proxy };
}

/** A port nothing listens on (bound then released). */
export async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A TCP server that accepts connections and never answers (for timeouts): its port and the connections it gets. */
export async function startSilentServer(): Promise<{ port: number; nextSocket(): Promise<net.Socket> }> {
  const sockets: net.Socket[] = [];
  const waiting: ((s: net.Socket) => void)[] = [];
  const server = net.createServer((s) => {
    s.on('error', () => {});
    s.resume(); // reading is what notices the other end closing
    sockets.push(s);
    waiting.shift()?.(s);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  open.push({ close: () => (sockets.forEach((s) => s.destroy()), server.close()) });
  let taken = 0;
  return {
    port: (server.address() as AddressInfo).port,
    nextSocket: () => (taken < sockets.length ? Promise.resolve(sockets[taken++]) : new Promise((resolve) => waiting.push((s) => (taken++, resolve(s))))),
  };
}
