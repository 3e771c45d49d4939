import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProxyHandler } from '../../../src/proxy/index.js';
import { close, fetchVia, REWRITER, startHandler, startUpstream } from './support.js';

// Which requests the handler answers itself, which go upstream, and where upstream is.

const page = (body: string) => (_req: http.IncomingMessage, res: http.ServerResponse) => res.writeHead(200, { 'content-type': 'text/plain' }).end(body);

describe('hosts that are no proxied twin', () => {
  let upstream: Awaited<ReturnType<typeof startUpstream>>;
  let proxy: Awaited<ReturnType<typeof startHandler>>;
  beforeAll(async () => {
    upstream = await startUpstream({ '* /': page('upstream') });
    proxy = await startHandler(upstream.port);
  });
  afterAll(async () => {
    await proxy.close();
    await close(upstream.server);
  });

  it.each([
    ['a host outside the suffix', 'www.acme-docs.com'],
    ['a host under the suffix whose upstream is not protected', 'evil.org.proxy.test'],
    ['the suffix itself', 'proxy.test'],
    ['no Host at all', ''],
  ])('%s gets 404 and upstream is never contacted', async (_name, host) => {
    const got = await fetchVia(proxy.port, host, '/', { method: 'POST', body: Buffer.from('a=1'), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(got.status).toBe(404);
    expect(got.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(got.body.toString()).toContain('not served by this proxy');
    expect(upstream.seen).toEqual([]);
  });

  it("the proxy's own paths on a proxied host are answered here and never forwarded", async () => {
    const other = await fetchVia(proxy.port, 'app.acme-docs.com.proxy.test', '/__spr/runtime.js');
    expect(other.status).toBe(404);
    const get = await fetchVia(proxy.port, 'app.acme-docs.com.proxy.test', '/__spr/activity?x=1');
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST');
    expect(upstream.seen).toEqual([]);
    // A path that only begins like one is upstream's.
    const near = await fetchVia(proxy.port, 'app.acme-docs.com.proxy.test', '/__sprite');
    expect(near.status).toBe(404);
    expect(upstream.seen.map((s) => s.path)).toEqual(['/__sprite']);
  });
});

describe('resolve', () => {
  it('sends each upstream host where the map says (an exact key over a wildcard), with Host naming the upstream host', async () => {
    const a = await startUpstream({ '* /who': page('a') });
    const b = await startUpstream({ '* /who': page('b') });
    const proxy = await startHandler(0, { resolve: { 'app.acme-docs.com': `127.0.0.1:${a.port}`, '*.acme-docs.com': `127.0.0.1:${b.port}` } });
    try {
      const app = await fetchVia(proxy.port, 'app.acme-docs.com.proxy.test', '/who');
      const api = await fetchVia(proxy.port, 'api.acme-docs.com.proxy.test:8080', '/who');
      const deep = await fetchVia(proxy.port, 'x.eu.acme-docs.com.proxy.test', '/who');
      expect([app.body.toString(), api.body.toString(), deep.body.toString()]).toEqual(['a', 'b', 'b']);
      expect(a.seen.map((s) => s.host)).toEqual(['app.acme-docs.com']);
      expect(b.seen.map((s) => s.host)).toEqual(['api.acme-docs.com', 'x.eu.acme-docs.com']);
    } finally {
      await proxy.close();
      await close(a.server, b.server);
    }
  });

  it('takes a function', async () => {
    const a = await startUpstream({ '* /who': page('a') });
    const asked: string[] = [];
    const proxy = await startHandler(0, {
      resolve: (host) => {
        asked.push(host);
        return { address: '127.0.0.1', port: a.port };
      },
    });
    try {
      expect((await fetchVia(proxy.port, 'docs.acme-docs.com.proxy.test', '/who')).body.toString()).toBe('a');
      expect(asked).toEqual(['docs.acme-docs.com']);
    } finally {
      await proxy.close();
      await close(a.server);
    }
  });

  it('refuses a map value it cannot read when the handler is made, not on a request', () => {
    expect(() => createProxyHandler({ rewriter: REWRITER, resolve: { 'app.acme-docs.com': 'localhost:http' } })).toThrow(/cannot read "localhost:http" for app.acme-docs.com/);
  });
});

describe('Express', () => {
  it('mounts with app.use: proxied hosts go upstream, other hosts reach the next middleware', async () => {
    const upstream = await startUpstream({ '* /hello': page('from upstream') });
    const handler = createProxyHandler({ rewriter: REWRITER, resolve: { '*.acme-docs.com': `127.0.0.1:${upstream.port}` } });
    const app = express();
    app.use(handler);
    app.use((_req, res) => {
      res.status(200).type('text/plain').send('the app itself');
    });
    const server = http.createServer(app).listen(0, '127.0.0.1');
    await once(server, 'listening');
    const port = (server.address() as AddressInfo).port;
    try {
      expect((await fetchVia(port, 'app.acme-docs.com.proxy.test', '/hello')).body.toString()).toBe('from upstream');
      expect((await fetchVia(port, 'localhost', '/hello')).body.toString()).toBe('the app itself');
      expect(upstream.seen).toHaveLength(1);
    } finally {
      await close(server, upstream.server);
      await handler.close();
    }
  });
});
