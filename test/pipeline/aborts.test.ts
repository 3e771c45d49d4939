import { once } from 'node:events';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { close, startProxy, startUpstream, type Route } from './exchange-support.js';

// Failure wiring against real sockets: a dropped upstream must never look like a complete
// response, and a browser that goes away must free the upstream connection.

const HALF_PAGE = '<html><body>' + '<a href="https://app.acme-docs.com/x">x</a>'.repeat(2000);

let upstreamClosed: Promise<string>;
let markUpstreamClosed: (how: string) => void = () => undefined;

const routes: Record<string, Route> = {
  // Announces 1 MB, sends part of it, then drops the connection.
  'app.acme-docs.com /drop-html': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html', 'content-length': '1000000' });
    res.write(HALF_PAGE);
    setTimeout(() => res.socket?.destroy(), 20);
  },
  'app.acme-docs.com /drop-chunked-gzip': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
    const full = gzipSync(HALF_PAGE + '</body></html>');
    res.write(full.subarray(0, full.length >> 1));
    setTimeout(() => res.socket?.destroy(), 20);
  },
  'app.acme-docs.com /drop-binary': (_req, res) => {
    res.writeHead(200, { 'content-type': 'image/png', 'content-length': '100000' });
    res.write(Buffer.alloc(5000));
    setTimeout(() => res.socket?.destroy(), 20);
  },
  // Streams forever, slowly, and reports how its response ended.
  'app.acme-docs.com /slow': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    const timer = setInterval(() => res.write('<p>https://app.acme-docs.com/</p>'.repeat(50)), 10);
    res.on('close', () => {
      clearInterval(timer);
      markUpstreamClosed(res.writableFinished ? 'finished' : 'closed early');
    });
  },
};

let upstream: Awaited<ReturnType<typeof startUpstream>>;
let proxy: Awaited<ReturnType<typeof startProxy>>;

beforeAll(async () => {
  upstream = await startUpstream(routes);
  proxy = await startProxy(upstream.port);
});
afterAll(() => close(proxy.server, upstream.server));

/** Requests through the proxy; resolves with how the response ended and when. */
async function outcome(path: string): Promise<{ status: number; ended: 'complete' | 'aborted'; ms: number }> {
  const started = Date.now();
  const req = http.get({ host: '127.0.0.1', port: proxy.port, path, headers: { host: 'app.acme-docs.com.proxy.test', 'accept-encoding': 'gzip' } });
  // Broken off before the head was flushed, the browser sees a connection closed with no response: also a failed load.
  const res = await new Promise<http.IncomingMessage | null>((resolve) => {
    req.on('response', resolve);
    req.on('error', () => resolve(null));
  });
  if (res === null) return { status: 0, ended: 'aborted', ms: Date.now() - started };
  const ended = await new Promise<'complete' | 'aborted'>((resolve) => {
    res.on('data', () => undefined);
    res.on('end', () => resolve(res.complete ? 'complete' : 'aborted'));
    res.on('error', () => resolve('aborted'));
    res.on('aborted', () => resolve('aborted'));
  });
  return { status: res.statusCode ?? 0, ended, ms: Date.now() - started };
}

describe('an upstream that drops mid-body', () => {
  it.each(['/drop-html', '/drop-chunked-gzip', '/drop-binary'])('%s: the client sees an aborted response within a second', async (path) => {
    const r = await outcome(path);
    expect([0, 200]).toContain(r.status);
    expect(r.ended).toBe('aborted');
    expect(r.ms).toBeLessThan(1000);
  });
});

describe('a client that goes away', () => {
  it('closes the upstream response within a second', async () => {
    upstreamClosed = new Promise((resolve) => (markUpstreamClosed = resolve));
    const req = http.get({ host: '127.0.0.1', port: proxy.port, path: '/slow', headers: { host: 'app.acme-docs.com.proxy.test' } });
    const [res] = (await once(req, 'response')) as [http.IncomingMessage];
    await once(res, 'data');
    const started = Date.now();
    req.destroy();
    expect(await upstreamClosed).toBe('closed early');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('aborts an upload: upstream sees the request broken off, not a short body', async () => {
    const seenBy = new Promise<string>((resolve) => {
      routes['app.acme-docs.com /upload'] = () => resolve('completed');
      upstream.server.once('request', (req: http.IncomingMessage) => {
        req.on('aborted', () => resolve('aborted'));
        req.on('error', () => resolve('aborted'));
      });
    });
    const req = http.request({ host: '127.0.0.1', port: proxy.port, method: 'POST', path: '/upload', headers: { host: 'app.acme-docs.com.proxy.test', 'content-type': 'application/octet-stream', 'content-length': '100000' } });
    req.on('error', () => undefined);
    req.write(Buffer.alloc(1000));
    await new Promise((r) => setTimeout(r, 50));
    req.destroy();
    expect(await seenBy).toBe('aborted');
  });
});

describe('an upstream that cannot be reached', () => {
  it('gives a 502 page', async () => {
    const down = await startProxy(1); // nothing listens on port 1
    try {
      const req = http.get({ host: '127.0.0.1', port: down.port, path: '/', headers: { host: 'app.acme-docs.com.proxy.test' } });
      const [res] = (await once(req, 'response')) as [http.IncomingMessage];
      res.resume();
      expect(res.statusCode).toBe(502);
      expect(down.events.some((e) => e.type === 'pipeline-error')).toBe(true);
    } finally {
      await close(down.server);
    }
  });
});
