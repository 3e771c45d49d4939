import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { createPipeline, type Pipeline, type PipelineOptions } from '../../src/pipeline/index.js';
import { createRewriter, type Rewriter } from '../../src/rewriter.js';
import type { RewriteEvent } from '../../src/domain/index.js';

/** A handler of the test upstream, keyed `host path` (or `* path` for any host). */
export type Route = (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) => void;

/** A real node:http server on 127.0.0.1 serving `routes` by `host path`. */
export async function startUpstream(routes: Record<string, Route>): Promise<{ server: http.Server; port: number; seen: { host: string; path: string; headers: http.IncomingHttpHeaders; body: Buffer }[] }> {
  const seen: { host: string; path: string; headers: http.IncomingHttpHeaders; body: Buffer }[] = [];
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    try {
      for await (const c of req) chunks.push(c as Buffer);
    } catch {
      return; // the client aborted the upload
    }
    const body = Buffer.concat(chunks);
    const key = `${req.headers.host} ${req.url}`;
    seen.push({ host: req.headers.host ?? '', path: req.url ?? '', headers: req.headers, body });
    const route = routes[key] ?? routes[`* ${req.url}`];
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`no route ${key}`);
      return;
    }
    route(req, res, body);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, port: (server.address() as AddressInfo).port, seen };
}

/** The proxy: the pipeline's `handle` with every upstream host sent to the test upstream. */
export async function startProxy(upstreamPort: number, options: Partial<Parameters<typeof createRewriter>[0]> = {}, pipelineOptions: PipelineOptions = {}): Promise<{ server: http.Server; port: number; rw: Rewriter; pipe: Pipeline; events: RewriteEvent[] }> {
  const events: RewriteEvent[] = [];
  const rw = createRewriter({ suffix: 'proxy.test', domains: ['acme-docs.com', '*.acme-docs.com'], publicScheme: 'http', upstreamScheme: 'http', onEvent: (e) => events.push(e), ...options });
  const pipe = createPipeline(rw, pipelineOptions);
  const server = http.createServer((req, res) =>
    pipe.handle(req, res, (up) => {
      const url = new URL(up.url);
      return http.request({ host: '127.0.0.1', port: upstreamPort, method: up.method, path: url.pathname + url.search, headers: up.headers });
    }),
  );
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, port: (server.address() as AddressInfo).port, rw, pipe, events };
}

export interface Received {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body as it came on the wire. */
  raw: Buffer;
  /** The body with its Content-Encoding undone. */
  body: Buffer;
  /** Set when the response broke off. */
  error: Error | null;
}

/** A browser-like request to the proxy for `host` + `path`. */
export async function fetchVia(port: number, host: string, path: string, options: { method?: string; headers?: Record<string, string>; body?: Buffer } = {}): Promise<Received> {
  const req = http.request({ host: '127.0.0.1', port, method: options.method ?? 'GET', path, headers: { host, 'accept-encoding': 'gzip, deflate, br', ...options.headers } });
  req.end(options.body);
  const [res] = (await once(req, 'response')) as [http.IncomingMessage];
  const chunks: Buffer[] = [];
  let error: Error | null = null;
  try {
    for await (const c of res) chunks.push(c as Buffer);
  } catch (err) {
    error = err as Error;
  }
  const raw = Buffer.concat(chunks);
  const known = (res.headers['content-encoding'] ?? '').split(',').every((c) => ['', 'identity', 'gzip', 'x-gzip', 'br', 'deflate'].includes(c.trim().toLowerCase()));
  return { status: res.statusCode ?? 0, headers: res.headers, raw, body: error || !known ? raw : decodeBody(raw, res.headers['content-encoding']), error };
}

/** Undoes a Content-Encoding list, last applied first. */
export function decodeBody(raw: Buffer, encoding: string | undefined): Buffer {
  let body = raw;
  const codings = (encoding ?? '').split(',').map((c) => c.trim().toLowerCase()).filter((c) => c !== '' && c !== 'identity');
  for (const coding of codings.reverse()) {
    if (coding === 'gzip' || coding === 'x-gzip') body = gunzipSync(body);
    else if (coding === 'br') body = brotliDecompressSync(body);
    else if (coding === 'deflate') body = inflateSync(body);
    else throw new Error(`test cannot decode ${coding}`);
  }
  return body;
}

/** Every protected host in `text` that is not followed by the proxy suffix: what escaped. */
export function escapes(text: string): string[] {
  return [...text.matchAll(/(?:[a-z0-9-]+\.)*acme-docs\.com(?![a-z0-9.-]*proxy\.test)(?![a-z0-9-])/gi)].map((m) => m[0]);
}

export async function close(...servers: http.Server[]): Promise<void> {
  for (const s of servers) {
    s.closeAllConnections();
    s.close();
  }
}
