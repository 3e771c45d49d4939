// The servers of bench/proxy.bench.ts, each in a process of its own (so the load
// generator, the proxy and the upstream never share an event loop): run as
// `node --import tsx bench/proxy-servers.ts`, told its role over IPC, it answers with the
// port it listens on (127.0.0.1), then with its CPU time when asked, and exits when the
// parent lets go.
//   upstream  node:http serving the bench's bodies (proxy-bodies.ts), gzip-coded, for any Host
//   anchor    a plain non-rewriting proxy: http-proxy-3 with a keep-alive agent
//   handler   createProxyHandler, client runtime on (the default)
//   files     the same with file control: a metadata policy (PDFs allowed by type)
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { createProxyServer } from 'http-proxy-3';
import { loadPolicy } from '../src/files/index.js';
import { createProxyHandler, type ProxyOptions } from '../src/proxy/index.js';
import { benchBodies, DOMAINS, SUFFIX } from './proxy-bodies.js';

export type ServerRole = 'upstream' | 'anchor' | 'handler' | 'files';

export type ServerCommand = { readonly type: 'start'; readonly role: ServerRole; readonly upstreamPort: number } | { readonly type: 'cpu' };
export type ServerReply = { readonly type: 'started'; readonly port: number } | { readonly type: 'cpu'; readonly micros: number };

/** The metadata policy of the `files` role: PDFs pass by their type; the rule is evaluated on every download. */
const POLICY = { default: 'block', rules: [{ name: 'PDFs pass', match: { contentType: ['application/pdf'] }, action: 'allow' }] } as const;

function upstream(): http.Server {
  const coded = new Map(benchBodies().map((b) => [b.path, { headers: { ...b.headers, 'content-encoding': 'gzip', vary: 'Accept-Encoding' }, body: gzipSync(b.body) }]));
  return http.createServer((req, res) => {
    const hit = coded.get(req.url ?? '');
    req.resume();
    if (hit === undefined) res.writeHead(404, { 'content-type': 'text/plain' }).end('no such body');
    else res.writeHead(200, { ...hit.headers, 'content-length': String(hit.body.length) }).end(hit.body);
  });
}

function anchor(upstreamPort: number): http.Server {
  const proxy = createProxyServer({ target: `http://127.0.0.1:${upstreamPort}`, agent: new http.Agent({ keepAlive: true, maxSockets: 64 }) });
  proxy.on('error', (_err, _req, res) => {
    if (res instanceof http.ServerResponse && !res.headersSent) res.writeHead(502).end();
  });
  return http.createServer((req, res) => void proxy.web(req, res));
}

/** A rewriting proxy; its public port is only known once it listens, so the handler is attached then. */
async function rewriting(upstreamPort: number, files: boolean): Promise<http.Server> {
  const server = http.createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const options: ProxyOptions = {
    rewriter: { suffix: SUFFIX, domains: DOMAINS, publicScheme: 'http', publicPort: (server.address() as AddressInfo).port, upstreamScheme: 'http' },
    resolve: () => ({ address: '127.0.0.1', port: upstreamPort }),
    ...(files ? { files: { policy: loadPolicy(POLICY) } } : {}),
  };
  const handler = createProxyHandler(options);
  server.on('request', handler);
  return server;
}

async function start(role: ServerRole, upstreamPort: number): Promise<number> {
  let server: http.Server;
  if (role === 'handler' || role === 'files') {
    server = await rewriting(upstreamPort, role === 'files');
  } else {
    server = role === 'upstream' ? upstream() : anchor(upstreamPort);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
  }
  // autocannon's connections stay open for the whole run: no idle timeout cuts one mid-cell.
  server.keepAliveTimeout = 60_000;
  process.on('disconnect', () => process.exit(0));
  return (server.address() as AddressInfo).port;
}

const reply = (r: ServerReply) => process.send?.(r);

process.on('message', (command: ServerCommand) => {
  if (command.type === 'start') void start(command.role, command.upstreamPort).then((port) => reply({ type: 'started', port }));
  else {
    const { user, system } = process.cpuUsage();
    reply({ type: 'cpu', micros: user + system });
  }
});
