import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { close, listen, startHandler } from './support.js';

// 64 MiB each way, through the handler. Each side waits, part way, until the other end
// has seen bytes: a proxy that read the whole body before sending it on would stall
// there, so passing proves the bodies stream (the hashes prove they arrive whole).

const MiB = 1024 * 1024;
const TOTAL = 64 * MiB;
const CHUNK = randomBytes(MiB);
const HOST = 'files.acme-docs.com.proxy.test';

/** Resolves when `reached()` holds, rejects after `ms`. */
function until(reached: () => boolean, ms = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const timer = setInterval(() => {
      if (reached()) {
        clearInterval(timer);
        resolve();
      } else if (Date.now() - started > ms) {
        clearInterval(timer);
        reject(new Error('the other side saw nothing: the body was held back'));
      }
    }, 2);
  });
}

/** The i-th MiB of the stream: the same random MiB with its index in front, so order matters. */
function chunk(i: number): Buffer {
  const c = Buffer.from(CHUNK);
  c.writeUInt32BE(i, 0);
  return c;
}

const sentHash = (() => {
  const h = createHash('sha256');
  for (let i = 0; i < TOTAL / MiB; i++) h.update(chunk(i));
  return h.digest('hex');
})();

let received = 0; // bytes the test client has read of the download
let uploaded = 0; // bytes upstream has read of the upload
let uploadHash = '';
let upstream: http.Server;
let proxy: Awaited<ReturnType<typeof startHandler>>;

beforeAll(async () => {
  upstream = http.createServer(async (req, res) => {
    if (req.url === '/download') {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(TOTAL) });
      for (let i = 0; i < TOTAL / MiB; i++) {
        if (i === 8) await until(() => received > 0);
        if (!res.write(chunk(i))) await once(res, 'drain');
      }
      res.end();
      return;
    }
    const h = createHash('sha256');
    for await (const c of req) {
      uploaded += (c as Buffer).length;
      h.update(c as Buffer);
    }
    uploadHash = h.digest('hex');
    res.writeHead(200, { 'content-type': 'text/plain' }).end(String(uploaded));
  });
  proxy = await startHandler(await listen(upstream));
});
afterAll(async () => {
  await proxy.close();
  await close(upstream);
});

describe('large bodies stream through', () => {
  it('a 64 MiB download', async () => {
    const req = http.get({ host: '127.0.0.1', port: proxy.port, path: '/download', headers: { host: HOST } });
    const [res] = (await once(req, 'response')) as [http.IncomingMessage];
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-length']).toBe(String(TOTAL));
    const h = createHash('sha256');
    for await (const c of res) {
      received += (c as Buffer).length;
      h.update(c as Buffer);
    }
    expect(received).toBe(TOTAL);
    expect(h.digest('hex')).toBe(sentHash);
  }, 60_000);

  it('a 64 MiB upload', async () => {
    const req = http.request({ host: '127.0.0.1', port: proxy.port, method: 'PUT', path: '/upload', headers: { host: HOST, 'content-type': 'application/octet-stream', 'content-length': String(TOTAL) } });
    const response = once(req, 'response') as Promise<[http.IncomingMessage]>;
    for (let i = 0; i < TOTAL / MiB; i++) {
      if (i === 8) await until(() => uploaded > 0);
      if (!req.write(chunk(i))) await once(req, 'drain');
    }
    req.end();
    const [res] = await response;
    let text = '';
    for await (const c of res) text += String(c);
    expect(res.statusCode).toBe(200);
    expect(text).toBe(String(TOTAL));
    expect(uploadHash).toBe(sentHash);
  }, 60_000);
});
