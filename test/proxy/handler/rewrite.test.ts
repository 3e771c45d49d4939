import type http from 'node:http';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runtimeConfigOf, runtimePrelude, runtimeSnippet } from '../../../src/proxy/runtime/index.js';
import { close, escapes, fetchVia, startHandler, startUpstream } from './support.js';

// Whole exchanges through the handler, upstream over undici: what the browser gets and what upstream gets.

const HOST = 'app.acme-docs.com.proxy.test';
const PAGE = '<!doctype html><html><head><title>Docs</title></head><body><a href="https://app.acme-docs.com/x">x</a><script src="https://static.acme-docs.com/app.js"></script><img srcset="https://cdn.acme-docs.com/a.png 1x"></body></html>';
const WORKER = 'self.onmessage = () => fetch("https://api.acme-docs.com/data");\n';

const coded = (coding: 'gzip' | 'br', body: string) => (_req: http.IncomingMessage, res: http.ServerResponse) =>
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': coding }).end(coding === 'gzip' ? gzipSync(body) : brotliCompressSync(body));

let upstream: Awaited<ReturnType<typeof startUpstream>>;
let proxy: Awaited<ReturnType<typeof startHandler>>;
let plain: Awaited<ReturnType<typeof startHandler>>;
let sockets = 0;

beforeAll(async () => {
  upstream = await startUpstream({
    '* /gzip': coded('gzip', PAGE),
    '* /br': coded('br', PAGE),
    '* /page': (_q, s) => s.writeHead(200, { 'content-type': 'text/html' }).end(PAGE),
    '* /worker.js': (_q, s) => s.writeHead(200, { 'content-type': 'text/javascript' }).end(WORKER),
    '* /login': (_q, s) => s.writeHead(302, { location: 'https://login.acme-docs.com/authorize?next=https%3A%2F%2Fapp.acme-docs.com%2F' }).end(),
    '* /oauth/authorize': (_q, s) => s.writeHead(200, { 'content-type': 'text/plain' }).end('ok'),
    // Honours Range, as a static server does.
    '* /data.json': (q, s) => {
      const whole = Buffer.from(JSON.stringify({ next: 'https://api.acme-docs.com/page/2' }));
      const range = /^bytes=(\d+)-(\d+)$/.exec(q.headers.range ?? '');
      if (range === null) s.writeHead(200, { 'content-type': 'application/json' }).end(whole);
      else s.writeHead(206, { 'content-type': 'application/json', 'content-range': `bytes ${range[1]}-${range[2]}/${whole.length}` }).end(whole.subarray(Number(range[1]), Number(range[2]) + 1));
    },
  });
  upstream.server.on('connection', () => sockets++);
  proxy = await startHandler(upstream.port);
  plain = await startHandler(upstream.port, { runtime: false });
});
afterAll(async () => {
  await proxy.close();
  await plain.close();
  await close(upstream.server);
});

describe('pages', () => {
  it.each(['gzip', 'br'] as const)('a %s page comes back rewritten and coded as upstream coded it', async (coding) => {
    const got = await fetchVia(plain.port, HOST, `/${coding}`);
    expect(got.status).toBe(200);
    expect(got.headers['content-encoding']).toBe(coding);
    const text = got.body.toString();
    expect(text).toContain('href="http://app.acme-docs.com.proxy.test/x"');
    expect(text).toContain('src="http://static.acme-docs.com.proxy.test/app.js"');
    expect(text).toContain('srcset="http://cdn.acme-docs.com.proxy.test/a.png 1x"');
    expect(escapes(text)).toEqual([]);
    // Upstream was asked for the page by its own name.
    expect(upstream.seen.at(-1)).toMatchObject({ host: 'app.acme-docs.com', path: `/${coding}` });
  });

  it('a redirect is not followed: the browser gets the rewritten Location', async () => {
    const before = upstream.seen.length;
    const got = await fetchVia(plain.port, HOST, '/login');
    expect(got.status).toBe(302);
    expect(got.headers.location).toBe('http://login.acme-docs.com.proxy.test/authorize?next=http%3A%2F%2Fapp.acme-docs.com.proxy.test%2F');
    expect(upstream.seen.slice(before).map((s) => s.path)).toEqual(['/login']);
  });

  it('a part of a body it rewrites is fetched again whole: the browser gets the whole body rewritten', async () => {
    const before = upstream.seen.length;
    const got = await fetchVia(plain.port, HOST, '/data.json', { headers: { range: 'bytes=0-9', 'sec-fetch-dest': 'empty' } });
    expect(got.status).toBe(200);
    expect(JSON.parse(got.body.toString())).toEqual({ next: 'http://api.acme-docs.com.proxy.test/page/2' });
    const asked = upstream.seen.slice(before);
    expect(asked.map((s) => s.headers.range)).toEqual(['bytes=0-9', undefined]);
  });

  it('keeps upstream connections alive: twenty requests, fewer sockets', async () => {
    const before = sockets;
    for (let i = 0; i < 20; i++) expect((await fetchVia(plain.port, HOST, '/page')).status).toBe(200);
    expect(sockets - before).toBeLessThan(20);
    expect(sockets - before).toBeLessThanOrEqual(2);
  });
});

describe('request bodies', () => {
  it('an OAuth form post reaches upstream with redirect_uri mapped back and an exact Content-Length', async () => {
    const body = Buffer.from('client_id=docs&redirect_uri=http%3A%2F%2Fapp.acme-docs.com.proxy.test%2Foauth%2Fcallback&state=xyz&scope=openid+profile');
    const got = await fetchVia(plain.port, 'login.acme-docs.com.proxy.test', '/oauth/authorize', {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(body.length), origin: 'http://app.acme-docs.com.proxy.test' },
    });
    expect(got.status).toBe(200);
    const seen = upstream.seen.at(-1)!;
    const expected = 'client_id=docs&redirect_uri=http%3A%2F%2Fapp.acme-docs.com%2Foauth%2Fcallback&state=xyz&scope=openid+profile';
    expect(seen.body.toString()).toBe(expected);
    expect(seen.headers['content-length']).toBe(String(expected.length));
    expect(seen.headers.origin).toBe('http://app.acme-docs.com');
    expect(seen.host).toBe('login.acme-docs.com');
  });
});

describe('the client runtime', () => {
  const config = () => runtimeConfigOf(proxy.handler.rewriter);

  it('is the first thing in the head of a document', async () => {
    const got = await fetchVia(proxy.port, HOST, '/page', { headers: { 'sec-fetch-dest': 'document' } });
    const text = got.body.toString();
    expect(text.startsWith(`<!doctype html><html><head>${runtimeSnippet(config())}<title>`)).toBe(true);
    expect(text.split('<script').length - 1).toBe(2);
  });

  it('opens a worker script, and not a plain script', async () => {
    const rewritten = WORKER.replace('https://api.acme-docs.com', 'http://api.acme-docs.com.proxy.test');
    const worker = (await fetchVia(proxy.port, HOST, '/worker.js', { headers: { 'sec-fetch-dest': 'worker' } })).body.toString();
    const prelude = worker.indexOf(runtimePrelude(config()));
    expect(prelude).toBeGreaterThanOrEqual(0);
    expect(prelude).toBeLessThan(worker.indexOf('self.onmessage'));
    expect(worker.endsWith(rewritten)).toBe(true);
    const script = await fetchVia(proxy.port, HOST, '/worker.js', { headers: { 'sec-fetch-dest': 'script' } });
    expect(script.body.toString()).toBe(rewritten);
  });

  it('is absent with runtime: false', async () => {
    const page = await fetchVia(plain.port, HOST, '/page', { headers: { 'sec-fetch-dest': 'document' } });
    expect(page.body.toString()).not.toContain('<script>');
    expect(page.body.toString()).toContain('<head><title>');
    const worker = await fetchVia(plain.port, HOST, '/worker.js', { headers: { 'sec-fetch-dest': 'worker' } });
    expect(worker.body.toString()).toBe(WORKER.replace('https://api.acme-docs.com', 'http://api.acme-docs.com.proxy.test'));
  });
});
