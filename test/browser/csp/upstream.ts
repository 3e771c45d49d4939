import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A page of the upstream app: its Content Security Policy headers, markup and scripts. */
export interface UpstreamPage {
  /** Response headers of the page (the policies under test). */
  readonly headers: Readonly<Record<string, string | readonly string[]>>;
  /** Default `text/html; charset=utf-8`. */
  readonly contentType?: string;
  /** Markup inside `<head>`. */
  readonly head: string;
  readonly body: string;
  /** Same-origin scripts by file name, served at `/<case>/<file>`. */
  readonly scripts: Readonly<Record<string, string>>;
}

/** One request as the upstream got it. */
export interface UpstreamRequest {
  readonly host: string;
  readonly method: string;
  readonly path: string;
  readonly origin: string | undefined;
}

export interface Upstream {
  readonly port: number;
  readonly received: UpstreamRequest[];
  close(): Promise<void>;
}

/** What a browser on the real site sends as Origin: the API answers CORS for this origin only. */
export const APP_ORIGIN = 'http://app.example.com';

/**
 * The upstream app on 127.0.0.1, for every `*.example.com` host: `app.example.com/<case>/`
 * serves a case's page and scripts with its policies; `/data` on any host answers JSON
 * with CORS for the app's real origin (a request whose Origin the proxy did not map back
 * is refused, as the real API would refuse it).
 */
export async function startUpstream(pages: Readonly<Record<string, UpstreamPage>>): Promise<Upstream> {
  const received: UpstreamRequest[] = [];
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    received.push({ host: req.headers.host ?? '', method: req.method ?? '', path, origin: req.headers.origin });
    req.resume();
    req.on('end', () => answer(pages, req, res, path));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    port: (server.address() as AddressInfo).port,
    received,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

function answer(pages: Readonly<Record<string, UpstreamPage>>, req: IncomingMessage, res: ServerResponse, path: string): void {
  const host = (req.headers.host ?? '').toLowerCase();
  if (path === '/data') {
    const cors: Record<string, string> = req.headers.origin === APP_ORIGIN ? { 'access-control-allow-origin': APP_ORIGIN, vary: 'Origin' } : {};
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store', ...cors });
    // The first label only: a whole host name in JSON is the proxy's to rewrite.
    res.end(JSON.stringify({ served: host.split(".")[0] }));
    return;
  }
  const [, name, file] = /^\/([a-z0-9-]+)\/([a-z0-9.-]*)$/.exec(path) ?? [];
  const page = name === undefined || host !== 'app.example.com' ? undefined : pages[name];
  if (page === undefined) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  } else if (file === '') {
    res.writeHead(200, { 'content-type': page.contentType ?? 'text/html; charset=utf-8', 'cache-control': 'no-store', ...page.headers });
    res.end(`<!doctype html>\n<html>\n<head>\n${page.head}\n</head>\n<body>\n${page.body}\n</body>\n</html>\n`);
  } else if (file !== undefined && page.scripts[file] !== undefined) {
    res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'no-store' });
    res.end(page.scripts[file]);
  } else {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  }
}
