import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { close, escapes, fetchVia, startUpstream, type Route } from '../pipeline/exchange-support.js';
import { connectOpen, freePort, nextMessage } from '../proxy/websocket/support.js';

// The proxy examples (examples/proxy-*.mjs) run as a user runs them: `node examples/…` in a
// process of its own, the package imported by its name (the built dist/, through the
// package's self-reference), PORT and UPSTREAM from the environment, in front of a real
// upstream of several acme-docs.com hosts on 127.0.0.1.

const PAGE = `<!doctype html><html><head><title>Docs</title><link rel="stylesheet" href="https://static.acme-docs.com/site.css"></head><body>
<a href="https://app.acme-docs.com/docs/1">Document 1</a> <img src="https://static.acme-docs.com/logo.png" alt="">
<form method="post" action="https://login.acme-docs.com/authorize"><input type="hidden" name="client_id" value="docs"></form></body></html>`;

/** An OAuth authorization server's answer: back to the redirect_uri the request body names (RFC 6749 §4.1.2). */
const authorize: Route = (_req, res, body) => {
  const form = new URLSearchParams(body.toString('utf8'));
  res.writeHead(302, { location: `${form.get('redirect_uri')}?code=c1&state=${form.get('state')}` }).end();
};

const routes: Record<string, Route> = {
  'app.acme-docs.com /': (_q, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip' }).end(gzipSync(PAGE)),
  'login.acme-docs.com /authorize': authorize,
  'app.acme-docs.com /upload': (_q, res, body) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ bytes: body.length, sha256: sha256(body) })),
};

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** `node examples/<file>` with PORT and UPSTREAM; resolves once it says it listens, rejects with its stderr if it exits first. */
async function startExample(file: string, port: number, upstreamPort: number): Promise<ChildProcess> {
  const script = fileURLToPath(new URL(`../../examples/${file}`, import.meta.url));
  const child = spawn(process.execPath, [script], { env: { ...process.env, PORT: String(port), UPSTREAM: `127.0.0.1:${upstreamPort}` }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => d.toString().includes('proxy on http://') && resolve());
    child.once('exit', (code) => reject(new Error(`examples/${file} exited (${code}) before listening (is dist/ built? npm run build):\n${stderr}`)));
  });
  return child;
}

/** The tests every example passes: a rewritten page, a request body mapped back, an upload streamed whole, 404 off the twins. */
export function exampleSuite(file: string): void {
  describe(`examples/${file}`, () => {
    let upstream: Awaited<ReturnType<typeof startUpstream>>;
    /** The text messages upstream's WebSocket endpoint got. */
    const messages: string[] = [];
    let example: ChildProcess | undefined;
    let port: number;
    const twin = (host: string) => `${host}.proxy.test:${port}`;

    beforeAll(async () => {
      upstream = await startUpstream(routes);
      // A live-update socket: each message answered with a protected URL.
      new WebSocketServer({ server: upstream.server }).on('connection', (socket) =>
        socket.on('message', (data: Buffer) => {
          messages.push(data.toString('utf8'));
          socket.send(JSON.stringify({ changed: 'https://static.acme-docs.com/img/1.png' }));
        }),
      );
      // The example must know its public port before it listens: a free one, again if another process took it meanwhile.
      for (let attempt = 1; ; attempt++) {
        port = await freePort();
        try {
          example = await startExample(file, port, upstream.port);
          break;
        } catch (err) {
          if (attempt === 3 || !String(err).includes('EADDRINUSE')) throw err;
        }
      }
    });
    afterAll(async () => {
      if (example !== undefined && example.exitCode === null) {
        example.kill('SIGTERM');
        await once(example, 'exit');
      }
      await close(upstream.server);
    });

    it('serves the page rewritten: each protected URL its twin on the public origin, the client runtime first in <head>', async () => {
      const r = await fetchVia(port, twin('app.acme-docs.com'), '/', { headers: { accept: 'text/html', 'sec-fetch-dest': 'document', 'sec-fetch-mode': 'navigate' } });
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
      const page = r.body.toString('utf8');
      // A protected https URL becomes http://<host>.proxy.test:<port>/… (the public scheme and port of the example).
      expect(page).toContain(`<link rel="stylesheet" href="http://${twin('static.acme-docs.com')}/site.css">`);
      expect(page).toContain(`<a href="http://${twin('app.acme-docs.com')}/docs/1">`);
      expect(page).toContain(`<img src="http://${twin('static.acme-docs.com')}/logo.png"`);
      expect(page).toContain(`<form method="post" action="http://${twin('login.acme-docs.com')}/authorize">`);
      // The runtime comes first in <head>; its settings name the protected domains, so it is left out of the search for escapes.
      const runtime = /<head>(<script\b[^>]*>[\s\S]*?<\/script>)<title>Docs<\/title>/.exec(page);
      expect(runtime).not.toBeNull();
      expect(escapes(page.replace(runtime?.[1] ?? '', ''))).toEqual([]);
      expect(upstream.seen.at(-1)).toMatchObject({ host: 'app.acme-docs.com', path: '/' });
    });

    it("maps the OAuth request body back: upstream gets its own redirect_uri, the browser its twin's", async () => {
      const redirect = `http://${twin('app.acme-docs.com')}/callback`;
      const body = Buffer.from(new URLSearchParams({ client_id: 'docs', redirect_uri: redirect, state: 's1' }).toString());
      const r = await fetchVia(port, twin('login.acme-docs.com'), '/authorize', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: `http://${twin('app.acme-docs.com')}` },
        body,
      });
      const got = upstream.seen.at(-1);
      expect(got?.host).toBe('login.acme-docs.com');
      expect(got?.headers.origin).toBe('http://app.acme-docs.com');
      expect(new URLSearchParams(got?.body.toString()).get('redirect_uri')).toBe('http://app.acme-docs.com/callback');
      expect(r.status).toBe(302);
      expect(r.headers.location).toBe(`${redirect}?code=c1&state=s1`);
    });

    it('streams a 4 MiB upload to upstream byte for byte (no framework body parser in the way)', async () => {
      const file = randomBytes(4 * 1024 * 1024);
      const r = await fetchVia(port, twin('app.acme-docs.com'), '/upload', { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: file });
      expect(r.status).toBe(200);
      expect(JSON.parse(r.body.toString())).toEqual({ bytes: file.length, sha256: sha256(file) });
    });

    it('carries a WebSocket through handler.upgrade: a JSON message mapped back on the way up, proxied on the way down', async () => {
      const { socket } = await connectOpen(port, twin('app.acme-docs.com'), '/live', { origin: `http://${twin('app.acme-docs.com')}` });
      const answer = nextMessage(socket);
      socket.send(JSON.stringify({ subscribe: `http://${twin('app.acme-docs.com')}/docs/1` }));
      const { data, isBinary } = await answer;
      expect(messages.at(-1)).toBe(JSON.stringify({ subscribe: 'http://app.acme-docs.com/docs/1' }));
      expect(isBinary).toBe(false);
      expect(JSON.parse(data.toString('utf8'))).toEqual({ changed: `http://${twin('static.acme-docs.com')}/img/1.png` });
      socket.close();
    });

    it('answers 404 to a host that is no twin, and fetches nothing', async () => {
      const before = upstream.seen.length;
      for (const host of ['app.acme-docs.com', `app.acme-docs.com:${port}`, 'example.org', twin('example.org'), `127.0.0.1:${port}`]) {
        const r = await fetchVia(port, host, '/');
        expect(r.status, host).toBe(404);
      }
      expect(upstream.seen.length).toBe(before);
    });
  });
}
