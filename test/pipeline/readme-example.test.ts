import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { close, fetchVia, escapes, startUpstream, type Route } from './exchange-support.js';

// The README's proxy example, run as it is written (examples/node-proxy.mjs, imported by
// package name from the built dist/), in front of a real upstream of several hosts.
const example = readFileSync(new URL('../../examples/node-proxy.mjs', import.meta.url), 'utf8');
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

const PAGE = `<!doctype html><html><head><link rel=stylesheet href="https://static.acme-docs.com/site.css"></head><body>
<a href="https://app.acme-docs.com/docs">docs</a><img srcset="https://static.acme-docs.com/a.png 1x, //static.acme-docs.com/b.png 2x">
<form action="https://login.acme-docs.com/logout"></form><script src="https://static.acme-docs.com/app.js"></script></body></html>`;
const APP_JS = 'const api = "https://api.acme-docs.com/v2/"; fetch(api + "me", { credentials: "include" });';
const CSS = '@font-face{src:url("https://static.acme-docs.com/f.woff2")} .logo{background:url(//static.acme-docs.com/logo.svg)}';
const API = JSON.stringify({ next: 'https://api.acme-docs.com/v2/items?page=2', avatar: 'https://static.acme-docs.com/u/1.png', tenant: 'app.acme-docs.com' });

const routes: Record<string, Route> = {
  'login.acme-docs.com /': (_q, res) => res.writeHead(302, { location: 'https://app.acme-docs.com/home', 'set-cookie': 'session=s1; Domain=acme-docs.com; Path=/; HttpOnly' }).end(),
  'app.acme-docs.com /home': (_q, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip' }).end(gzipSync(PAGE)),
  'static.acme-docs.com /app.js': (_q, res) => res.writeHead(200, { 'content-type': 'text/javascript', 'content-encoding': 'br' }).end(brotliCompressSync(APP_JS)),
  'static.acme-docs.com /site.css': (_q, res) => res.writeHead(200, { 'content-type': 'text/css', 'content-encoding': 'gzip' }).end(gzipSync(CSS)),
  'api.acme-docs.com /v2/me': (_q, res) => res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': 'https://app.acme-docs.com', 'access-control-allow-credentials': 'true' }).end(API),
};

let upstream: Awaited<ReturnType<typeof startUpstream>>;
let proxy: http.Server;
let port: number;

beforeAll(async () => {
  upstream = await startUpstream(routes);
  const probe = http.createServer().listen(0, '127.0.0.1');
  await once(probe, 'listening');
  port = (probe.address() as AddressInfo).port;
  await new Promise((r) => probe.close(r));
  const examplePath: string = '../../examples/node-proxy.mjs';
  const { startProxy } = (await import(examplePath)) as { startProxy(o: object): http.Server };
  proxy = startProxy({ port, upstreamScheme: 'http', connectTo: { hostname: '127.0.0.1', port: upstream.port } });
  await once(proxy, 'listening');
});
afterAll(() => close(proxy, upstream.server));

describe('the README proxy example', () => {
  it('is the code the README shows', () => {
    expect(readme).toContain(example.trim());
  });

  it('keeps a whole session inside the proxy: login redirect, page, script, style, API', async () => {
    const login = await fetchVia(port, `login.acme-docs.com.proxy.test:${port}`, '/');
    expect(login.headers.location).toBe(`http://app.acme-docs.com.proxy.test:${port}/home`);
    expect(login.headers['set-cookie']).toEqual(['session=s1; Domain=acme-docs.com.proxy.test; Path=/; HttpOnly']);
    const seen: string[] = [];
    for (const [h, path] of [['app', '/home'], ['static', '/app.js'], ['static', '/site.css'], ['api', '/v2/me']]) {
      const r = await fetchVia(port, `${h}.acme-docs.com.proxy.test:${port}`, path, { headers: { origin: `http://app.acme-docs.com.proxy.test:${port}` } });
      expect(r.status).toBe(200);
      const text = r.body.toString();
      expect(escapes(text)).toEqual([]);
      expect(escapes(JSON.stringify(r.headers))).toEqual([]);
      seen.push(text);
    }
    expect(seen[0]).toContain(`<a href="http://app.acme-docs.com.proxy.test:${port}/docs">`);
    expect(seen[1]).toBe(`const api = "http://api.acme-docs.com.proxy.test:${port}/v2/"; fetch(api + "me", { credentials: "include" });`);
    expect(JSON.parse(seen[3] as string).tenant).toBe('app.acme-docs.com.proxy.test');
    // Upstream saw its own hosts and origin, never the proxy's.
    const api = upstream.seen.find((s) => s.path === '/v2/me');
    expect(api?.host).toBe('api.acme-docs.com');
    expect(api?.headers.origin).toBe('http://app.acme-docs.com');
  });

  it('answers 404 for hosts that are not twins', async () => {
    expect((await fetchVia(port, `evil.org.proxy.test:${port}`, '/')).status).toBe(404);
  });
});
