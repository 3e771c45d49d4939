import { once } from 'node:events';
import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { close, fetchVia, listen, startHandler, startUpstream, type Route } from './support.js';

// Every way upstream can fail ends the browser's response: a page before the head, a
// broken-off body after it; and a browser that goes away frees upstream.

const HOST = 'app.acme-docs.com.proxy.test';

/** How a response through the proxy ended (a connection closed before any head is a failed load too), and when. */
async function outcome(port: number, path: string): Promise<{ status: number; ended: 'complete' | 'aborted'; ms: number }> {
  const started = Date.now();
  const got = await fetchVia(port, HOST, path).catch(() => null);
  return { status: got?.status ?? 0, ended: got === null || got.error !== null ? 'aborted' : 'complete', ms: Date.now() - started };
}

/** A port nothing listens on (taken, then freed). */
async function closedPort(): Promise<number> {
  const s = net.createServer();
  const port = await listen(s);
  await new Promise((r) => s.close(r));
  return port;
}

describe('before the response head', () => {
  it('a refused connection is a 502 page that names the upstream host and nothing more', async () => {
    const proxy = await startHandler(await closedPort());
    try {
      const got = await fetchVia(proxy.port, HOST, '/');
      expect(got.status).toBe(502);
      expect(got.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(got.headers['cache-control']).toBe('no-store');
      const text = got.body.toString();
      expect(text).toContain('app.acme-docs.com');
      expect(text).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|Error|\n\s+at /);
      expect(Number(got.headers['content-length'])).toBe(got.body.length);
      const head = await fetchVia(proxy.port, HOST, '/', { method: 'HEAD' });
      expect(head.status).toBe(502);
      expect(head.body.length).toBe(0);
    } finally {
      await proxy.close();
    }
  });

  it('the 502 page reaches a browser that is still sending a large body', async () => {
    const proxy = await startHandler(await closedPort());
    // Sends the whole body even after the answer came (as a browser does), and reports the answer.
    const upload = async (type: string, body: Buffer) => {
      const req = http.request({ host: '127.0.0.1', port: proxy.port, method: 'POST', path: '/upload', headers: { host: HOST, 'content-type': type } });
      const sent = new Promise<void>((resolve, reject) => req.on('finish', resolve).on('error', reject));
      req.end(body);
      const [res] = (await once(req, 'response')) as [http.IncomingMessage];
      let text = '';
      for await (const c of res) text += String(c);
      await sent;
      return { status: res.statusCode, text };
    };
    try {
      const raw = await upload('application/octet-stream', Buffer.alloc(4 * 1024 * 1024, 'a'));
      expect(raw.status).toBe(502);
      expect(raw.text).toContain('app.acme-docs.com');
      // A form body past the read-ahead: mapped as it streams, then refused by the connection.
      const form = await upload('application/x-www-form-urlencoded', Buffer.from(`a=${'x'.repeat(3 * 1024 * 1024)}`));
      expect(form.status).toBe(502);
    } finally {
      await proxy.close();
    }
  });

  it('an upstream that never answers is a 504 at the head timeout', async () => {
    const silent = http.createServer(() => undefined);
    const proxy = await startHandler(await listen(silent), { timeouts: { headers: 300 } });
    try {
      const started = Date.now();
      const got = await fetchVia(proxy.port, HOST, '/');
      const ms = Date.now() - started;
      expect(got.status).toBe(504);
      expect(got.body.toString()).toContain('app.acme-docs.com did not answer the proxy in time');
      expect(got.headers['cache-control']).toBe('no-store');
      expect(ms).toBeGreaterThanOrEqual(250);
      expect(ms).toBeLessThan(3000);
    } finally {
      await proxy.close();
      await close(silent);
    }
  });

  it('an upstream that closes the connection without an answer is a 502', async () => {
    const rude = net.createServer((socket) => socket.once('data', () => socket.destroy()));
    const proxy = await startHandler(await listen(rude));
    try {
      expect((await fetchVia(proxy.port, HOST, '/')).status).toBe(502);
    } finally {
      await proxy.close();
      rude.close();
    }
  });
});

describe('the head timeout of a request with a body', () => {
  let upstream: Awaited<ReturnType<typeof startUpstream>>;
  let proxy: Awaited<ReturnType<typeof startHandler>>;
  beforeAll(async () => {
    upstream = await startUpstream({
      '* /echo': (_req, res, body) => res.writeHead(200, { 'content-type': 'text/plain' }).end(`got ${body.length}`),
      '* /black-hole': () => undefined,
    });
    proxy = await startHandler(upstream.port, { timeouts: { headers: 400 } });
  });
  afterAll(async () => {
    await proxy.close();
    await close(upstream.server);
  });

  /** Sends `parts` pieces of 1 KiB, `gapMs` apart (a browser on a slow link), and reads the answer. */
  const slowUpload = async (path: string, parts: number, gapMs: number) => {
    const started = Date.now();
    const req = http.request({ host: '127.0.0.1', port: proxy.port, method: 'PUT', path, headers: { host: HOST, 'content-type': 'application/octet-stream', 'content-length': String(parts * 1024) } });
    const response = once(req, 'response') as Promise<[http.IncomingMessage]>;
    for (let i = 0; i < parts; i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, gapMs));
      req.write(Buffer.alloc(1024, 'u'));
    }
    req.end();
    const sent = Date.now() - started;
    const [res] = await response;
    let text = '';
    for await (const c of res) text += String(c);
    return { status: res.statusCode, text, sent, ms: Date.now() - started };
  };

  // undici starts the wait for the head once the body is written, whatever the upload's pace.
  it('starts when the body is sent: an upload slower than the timeout is not cut off', async () => {
    const got = await slowUpload('/echo', 6, 300);
    expect(got.sent).toBeGreaterThan(1400);
    expect(got).toMatchObject({ status: 200, text: `got ${6 * 1024}` });
  });

  it('past it, after the body, a 504', async () => {
    const got = await slowUpload('/black-hole', 3, 300);
    expect(got.status).toBe(504);
    expect(got.ms - got.sent).toBeGreaterThanOrEqual(350);
    expect(got.ms - got.sent).toBeLessThan(2000);
  });
});

describe('after the response head', () => {
  let upstreamClosed: (how: string) => void = () => undefined;
  const routes: Record<string, Route> = {
    '* /drop': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': '1000000' });
      res.write('<html><body>' + '<a href="https://app.acme-docs.com/x">x</a>'.repeat(2000));
      setTimeout(() => res.socket?.destroy(), 20);
    },
    '* /drop-binary': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.write(Buffer.alloc(50_000));
      setTimeout(() => res.socket?.destroy(), 20);
    },
    '* /stall': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('a little, then nothing');
    },
    '* /slow': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      const timer = setInterval(() => res.write('<p>https://app.acme-docs.com/</p>'.repeat(50)), 10);
      res.on('close', () => {
        clearInterval(timer);
        upstreamClosed(res.writableFinished ? 'finished' : 'closed early');
      });
    },
  };
  let upstream: Awaited<ReturnType<typeof startUpstream>>;
  let proxy: Awaited<ReturnType<typeof startHandler>>;
  beforeAll(async () => {
    upstream = await startUpstream(routes);
    proxy = await startHandler(upstream.port, { timeouts: { body: 300 } });
  });
  afterAll(async () => {
    await proxy.close();
    await close(upstream.server);
  });

  it.each(['/drop', '/drop-binary'])('%s: an upstream that dies mid-body gives the browser a broken response', async (path) => {
    const r = await outcome(proxy.port, path);
    expect([0, 200]).toContain(r.status);
    expect(r.ended).toBe('aborted');
    expect(r.ms).toBeLessThan(2000);
  });

  it('an upstream that stalls mid-body is broken off at the body timeout', async () => {
    const r = await outcome(proxy.port, '/stall');
    expect(r.status).toBe(200);
    expect(r.ended).toBe('aborted');
    expect(r.ms).toBeGreaterThanOrEqual(250);
    expect(r.ms).toBeLessThan(3000);
  });

  it('a browser that goes away aborts the upstream request', async () => {
    const closed = new Promise<string>((resolve) => (upstreamClosed = resolve));
    const req = http.get({ host: '127.0.0.1', port: proxy.port, path: '/slow', headers: { host: HOST } });
    const [res] = (await once(req, 'response')) as [http.IncomingMessage];
    await once(res, 'data');
    req.destroy();
    const started = Date.now();
    expect(await closed).toBe('closed early');
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
