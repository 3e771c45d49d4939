import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, request, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { rewriteRequestHeaders } from '../../src/headers/index.js';
import { createJsonStream } from '../../src/json/index.js';
import { mapRequestBodyBuffered, withBodyFraming, type MappedRequestBody } from '../../src/pipeline/request-body/index.js';
import { recordingContext } from '../helpers/context.js';

// Browser → proxy (127.0.0.1) → upstream (127.0.0.1), all real node:http. The proxy maps
// the request body back with mapRequestBodyBuffered and frames it as it says.

interface Received {
  method: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const { ctx } = recordingContext();
let upstream: Server;
let proxy: Server;
let upstreamPort = 0;
let proxyPort = 0;
let received: Received[] = [];
let stored = JSON.stringify({ avatar: 'https://cdn.example.com/a.png', home: 'https://app.example.com/', host: 'api.example.com' });
/** The proxy's buffer limit for the next requests. */
let maxBytes = 64 * 1024;
let lastFraming: MappedRequestBody['framing'] | undefined;

async function readAll(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c));
  return Buffer.concat(chunks);
}

async function upstreamHandler(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readAll(req);
  received.push({ method: req.method as string, headers: req.headers, body });
  if (req.url === '/doc' && req.method === 'PUT') stored = body.toString('utf8');
  res.setHeader('content-type', 'application/json');
  res.end(req.url === '/doc' ? stored : '{}');
}

async function proxyHandler(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const mapped = await mapRequestBodyBuffered(ctx, req.headers['content-type'], req, { maxBytes });
  lastFraming = mapped.framing;
  const headers = withBodyFraming(rewriteRequestHeaders(ctx, req.rawHeaders), mapped.framing);
  const up = request({ host: '127.0.0.1', port: upstreamPort, method: req.method, path: req.url, headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, { 'content-type': answer.headers['content-type'] ?? 'application/json' });
    void pipeline(answer, createJsonStream(ctx), res); // the response side, rewritten forward
  });
  await pipeline(mapped.stream, up);
}

beforeAll(async () => {
  upstream = createServer((req, res) => void upstreamHandler(req, res));
  proxy = createServer((req, res) => void proxyHandler(req, res).catch((err: Error) => res.destroy(err)));
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  upstreamPort = (upstream.address() as AddressInfo).port;
  proxyPort = (proxy.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => proxy.close(() => resolve()));
  await new Promise<void>((resolve) => upstream.close(() => resolve()));
});

/** A browser request to the proxy; `chunks` are written one by one (no Content-Length unless given). */
function send(method: string, path: string, headers: Record<string, string>, chunks: Buffer[]): Promise<string> {
  received = [];
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: proxyPort, method, path, headers: { host: 'app.example.com.proxy.test', ...headers } }, (res) => {
      readAll(res).then((b) => resolve(b.toString('utf8')), reject);
    });
    req.on('error', reject);
    for (const c of chunks) req.write(c);
    req.end();
  });
}

describe('request bodies through a real proxy on 127.0.0.1', () => {
  it('a small form body goes upstream mapped, with an exact Content-Length and no chunking', async () => {
    const body = Buffer.from('next=https%3A%2F%2Fapp.example.com.proxy.test%2Fhome&q=x+y');
    await send('POST', '/login', { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(body.length) }, [body]);
    const got = received[0];
    expect(got.body.toString()).toBe('next=https%3A%2F%2Fapp.example.com%2Fhome&q=x+y');
    expect(got.headers['content-length']).toBe(String(got.body.length));
    expect(got.headers['transfer-encoding']).toBeUndefined();
    expect(got.headers.host).toBe('app.example.com');
    expect(lastFraming).toEqual({ type: 'length', length: got.body.length });
  });

  it('a chunked JSON body from the browser reaches upstream with a Content-Length', async () => {
    await send('POST', '/api', { 'content-type': 'application/json' }, [Buffer.from('{"u":"https://api.exa'), Buffer.from('mple.com.proxy.test/v1","h":"app.example.com.proxy.test"}')]);
    const got = received[0];
    expect(got.body.toString()).toBe('{"u":"https://api.example.com/v1","h":"app.example.com"}');
    expect(got.headers['content-length']).toBe(String(got.body.length));
    expect(got.headers['transfer-encoding']).toBeUndefined();
  });

  it('a multipart body over the buffer limit streams upstream chunked, file bytes identical', async () => {
    maxBytes = 4096;
    try {
      const file = Buffer.concat([randomBytes(100_000), Buffer.from('\r\n--not-the-boundary\r\n'), randomBytes(100_000)]);
      const B = 'x-boundary-41f9';
      const head = Buffer.from(`--${B}\r\nContent-Disposition: form-data; name="u"\r\n\r\nhttps://app.example.com.proxy.test/x\r\n--${B}\r\nContent-Disposition: form-data; name="f"; filename="f.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`);
      const tail = Buffer.from(`\r\n--${B}--\r\n`);
      const body = Buffer.concat([head, file, tail]);
      const chunks = Array.from({ length: Math.ceil(body.length / 8192) }, (_, i) => body.subarray(i * 8192, (i + 1) * 8192));
      await send('POST', '/upload', { 'content-type': `multipart/form-data; boundary=${B}`, 'content-length': String(body.length) }, chunks);
      const got = received[0];
      expect(lastFraming).toEqual({ type: 'chunked' });
      expect(got.headers['transfer-encoding']).toBe('chunked');
      expect(got.headers['content-length']).toBeUndefined();
      const expected = Buffer.concat([Buffer.from(head.toString('latin1').replace('app.example.com.proxy.test', 'app.example.com'), 'latin1'), file, tail]);
      expect(got.body.equals(expected)).toBe(true);
    } finally {
      maxBytes = 64 * 1024;
    }
  });

  it('a body of another type passes untouched with the browser\'s own Content-Length', async () => {
    const body = Buffer.concat([Buffer.from('https://app.example.com.proxy.test/ '), randomBytes(5000)]);
    await send('POST', '/blob', { 'content-type': 'application/octet-stream', 'content-length': String(body.length) }, [body]);
    expect(lastFraming).toEqual({ type: 'unchanged' });
    expect(received[0].body.equals(body)).toBe(true);
    expect(received[0].headers['content-length']).toBe(String(body.length));
  });

  it('GET-modify-PUT: the browser sees proxied hosts, upstream stores its own hosts again', async () => {
    const original = stored;
    const shown = await send('GET', '/doc', {}, []);
    expect(shown).toBe(original.replaceAll('example.com', 'example.com.proxy.test'));
    const edited = JSON.stringify({ ...JSON.parse(shown), note: 'edited' });
    await send('PUT', '/doc', { 'content-type': 'application/json' }, [Buffer.from(edited)]);
    expect(JSON.parse(stored)).toEqual({ ...JSON.parse(original), note: 'edited' });
    expect(stored).not.toContain('proxy.test');
  });
});
