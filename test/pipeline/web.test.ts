import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { createPipeline } from '../../src/pipeline/index.js';
import { createRewriter } from '../../src/rewriter.js';
import { close, escapes, startUpstream, type Route } from './exchange-support.js';

// The Web variant takes what fetch() returns: fetch has already undone gzip and br, so the
// rewritten Response carries no Content-Encoding, and Set-Cookie stays one value per cookie.
const PAGE = '<!doctype html><html><head></head><body><a href="https://app.acme-docs.com/x">x</a></body></html>';
const routes: Record<string, Route> = {
  '* /gzip-html': (_q, res) => res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip', 'set-cookie': ['a=1; Domain=acme-docs.com', 'b=2; Domain=.acme-docs.com; Secure'] }).end(gzipSync(PAGE)),
  '* /br-json': (_q, res) => res.writeHead(200, { 'content-type': 'application/problem+json', 'content-encoding': 'br' }).end(brotliCompressSync('{"type":"https://api.acme-docs.com/errors/x"}')),
  '* /png': (_q, res) => res.writeHead(200, { 'content-type': 'image/png', 'content-encoding': 'gzip' }).end(gzipSync(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]))),
  '* /range': (_q, res) => res.writeHead(206, { 'content-type': 'text/html', 'content-range': 'bytes 0-3/99' }).end('<htm'),
};

let upstream: Awaited<ReturnType<typeof startUpstream>>;
const rw = createRewriter({ suffix: 'proxy.test', domains: ['acme-docs.com', '*.acme-docs.com'] });
const pipe = createPipeline(rw, { snippet: '<script>1</script>' });
const browser = (path: string, headers: Record<string, string> = {}) => new Request(`https://app.acme-docs.com.proxy.test${path}`, { headers: { 'sec-fetch-dest': 'document', ...headers } });

beforeAll(async () => {
  upstream = await startUpstream(routes);
});
afterAll(() => close(upstream.server));

const upstreamFetch = (path: string, headers: Record<string, string> = {}) => fetch(`http://127.0.0.1:${upstream.port}${path}`, { headers });

describe('fetchResponse', () => {
  it('rewrites a body fetch decoded, drops its Content-Encoding and keeps each cookie', async () => {
    const out = pipe.fetchResponse(browser('/gzip-html'), await upstreamFetch('/gzip-html'));
    expect(out.headers.get('content-encoding')).toBeNull();
    expect(out.headers.getSetCookie()).toEqual(['a=1; Domain=acme-docs.com.proxy.test', 'b=2; Domain=.acme-docs.com.proxy.test; Secure']);
    const text = await out.text();
    expect(escapes(text)).toEqual([]);
    expect(text).toBe('<!doctype html><html><head><script>1</script></head><body><a href="https://app.acme-docs.com.proxy.test/x">x</a></body></html>');
  });

  it('rewrites +json and passes binaries as fetch gave them', async () => {
    expect(await pipe.fetchResponse(browser('/br-json'), await upstreamFetch('/br-json')).text()).toBe('{"type":"https://api.acme-docs.com.proxy.test/errors/x"}');
    const png = pipe.fetchResponse(browser('/png'), await upstreamFetch('/png'));
    expect(png.headers.get('content-encoding')).toBeNull();
    expect([...new Uint8Array(await png.arrayBuffer())]).toEqual([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]);
  });

  it('never passes a 206 of a rewritten type: 502', async () => {
    const out = pipe.fetchResponse(browser('/range', { range: 'bytes=0-3', 'sec-fetch-dest': 'empty' }), await upstreamFetch('/range'));
    expect(out.status).toBe(502);
    expect(out.body).toBeNull();
  });

  it('takes a plain request description as well as a Request', async () => {
    const out = pipe.fetchResponse({ method: 'GET', headers: { 'sec-fetch-dest': 'empty' } }, await upstreamFetch('/gzip-html'));
    expect(await out.text()).not.toContain('<script>1</script>');
  });
});
