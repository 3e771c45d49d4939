import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { close, escapes, fetchVia, startProxy, startUpstream, type Route } from './exchange-support.js';

const PAGE = `<!doctype html><html><head><title>t</title><link rel=stylesheet href="https://static.acme-docs.com/a.css"></head>
<body><a href="https://app.acme-docs.com/next">next</a><img src="//static.acme-docs.com/i.png">
<a href="https://other.org/">other</a><script>fetch("https://api.acme-docs.com/v1")</script></body></html>`;
const JSON_BODY = JSON.stringify({ self: 'https://api.acme-docs.com/v1/items', host: 'app.acme-docs.com', other: 'https://other.org/' });
const CSS = `body{background:url(https://static.acme-docs.com/bg.png)} @import "https://static.acme-docs.com/x.css";`;

// A real font (monaco-editor's codicon, a TrueType file) served as text/css: a binary body
// under a text type whose bytes must pass untouched.
const FONT = readFileSync(new URL('../../node_modules/monaco-editor/esm/vs/base/browser/ui/codicons/codicon/codicon.ttf', import.meta.url));
// A real PNG, made here: signature, IHDR, one IDAT of a 1x1 pixel, IEND (CRCs left zero: only the bytes matter).
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'), Buffer.from('https://acme-docs.com/ in a chunk', 'latin1'), Buffer.from('0000000049454e44ae426082', 'hex')]);

const send = (type: string, body: Buffer, extra: Record<string, string | string[]> = {}): Route => (_req, res) => {
  res.writeHead(200, { 'content-type': type, 'content-length': String(body.length), ...extra }).end(body);
};

const routes: Record<string, Route> = {
  'app.acme-docs.com /gzip': send('text/html; charset=utf-8', gzipSync(PAGE), { 'content-encoding': 'gzip', etag: '"v1"' }),
  'app.acme-docs.com /br': send('application/json', brotliCompressSync(JSON_BODY), { 'content-encoding': 'br' }),
  'app.acme-docs.com /tiny-br': send('application/json', brotliCompressSync('"acme-docs.com"'), { 'content-encoding': 'br' }),
  'app.acme-docs.com /deflate': send('text/css', deflateSync(CSS), { 'content-encoding': 'deflate' }),
  'app.acme-docs.com /raw-deflate': send('text/css', deflateRawSync(CSS), { 'content-encoding': 'deflate' }),
  'app.acme-docs.com /stacked': send('text/css', brotliCompressSync(gzipSync(CSS)), { 'content-encoding': 'gzip, br' }),
  'app.acme-docs.com /unknown-coding': send('text/html', Buffer.from(PAGE), { 'content-encoding': 'x-custom' }),
  'app.acme-docs.com /identity': send('text/javascript', Buffer.from('location.href = "https://app.acme-docs.com/home";')),
  'app.acme-docs.com /font-as-css': send('text/css', FONT),
  'app.acme-docs.com /png-as-html': send('text/html', PNG),
  'app.acme-docs.com /gzip-font-as-css': send('text/css', gzipSync(FONT), { 'content-encoding': 'gzip' }),
  'app.acme-docs.com /untyped': (_req, res) => res.writeHead(200, {}).end(PAGE),
  'app.acme-docs.com /untyped-nosniff': (_req, res) => res.writeHead(200, { 'x-content-type-options': 'nosniff' }).end(PAGE),
  'app.acme-docs.com /plain': send('text/plain', Buffer.from(PAGE)),
  'app.acme-docs.com /svg': send('image/svg+xml', Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href="https://app.acme-docs.com/x"><text>x</text></a></svg>')),
  'app.acme-docs.com /attachment': send('application/json', Buffer.from(JSON_BODY), { 'content-disposition': 'attachment; filename="export.json"' }),
  'app.acme-docs.com /redirect': (_req, res) => res.writeHead(302, { location: 'https://login.acme-docs.com/sso?return=https%3A%2F%2Fapp.acme-docs.com%2F', 'set-cookie': ['sid=1; Domain=.acme-docs.com; Path=/; HttpOnly', 'x=2'] }).end(),
  'app.acme-docs.com /hop': send('text/plain', Buffer.from('ok'), { connection: 'x-secret, close', 'x-secret': 'hop', 'keep-alive': 'timeout=77', 'proxy-authenticate': 'Basic', 'x-kept': 'yes' }),
  'app.acme-docs.com /head': send('text/html', Buffer.from(PAGE), { etag: '"h"' }),
  'app.acme-docs.com /204': (_req, res) => res.writeHead(204, { 'content-type': 'text/html', location: 'https://app.acme-docs.com/' }).end(),
  'app.acme-docs.com /304': (_req, res) => res.writeHead(304, { etag: '"v1"' }).end(),
  'app.acme-docs.com /csp': send('text/html', Buffer.from(PAGE), { 'content-security-policy': "default-src 'self'; script-src 'self' https://static.acme-docs.com" }),
  'app.acme-docs.com /csp-inline': send('text/html', Buffer.from(PAGE), { 'content-security-policy': "script-src 'self' 'unsafe-inline'" }),
  'app.acme-docs.com /fragment': send('text/html', Buffer.from('<li><a href="https://app.acme-docs.com/x">x</a></li>')),
  'app.acme-docs.com /empty': send('text/html', Buffer.alloc(0)),
  'app.acme-docs.com /bom': send('text/html', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<html><head></head><body>é</body></html>')])),
  'app.acme-docs.com /charset': send('text/html; charset=shift_jis', Buffer.from([...Buffer.from('<a href="https://app.acme-docs.com/'), 0x95, 0x5c, ...Buffer.from('">x</a>')])),
  'app.acme-docs.com /range': (req, res) => {
    if (req.headers.range) res.writeHead(206, { 'content-type': 'text/html', 'content-range': `bytes 0-9/${PAGE.length}` }).end(PAGE.slice(0, 10));
    else send('text/html', Buffer.from(PAGE))(req, res, Buffer.alloc(0));
  },
  'app.acme-docs.com /video': (req, res) => {
    if (req.headers.range) res.writeHead(206, { 'content-type': 'video/mp4', 'content-range': 'bytes 0-3/100' }).end('\x00\x00\x00\x18');
    else res.writeHead(200, { 'content-type': 'video/mp4' }).end(Buffer.alloc(100));
  },
};

let upstream: Awaited<ReturnType<typeof startUpstream>>;
let proxy: Awaited<ReturnType<typeof startProxy>>;
const SNIPPET = '<script>window.__spr = 1</script>';
const host = 'app.acme-docs.com.proxy.test';

beforeAll(async () => {
  upstream = await startUpstream(routes);
  proxy = await startProxy(upstream.port, {}, { snippet: SNIPPET });
});
afterAll(() => close(proxy.server, upstream.server));

describe('codings, both ways, against a real upstream', () => {
  it('decodes gzip HTML, rewrites it and re-encodes it in gzip', async () => {
    const r = await fetchVia(proxy.port, host, '/gzip', { headers: { 'sec-fetch-dest': 'document' } });
    expect(r.headers['content-encoding']).toBe('gzip');
    expect(r.headers['content-length']).toBeUndefined();
    expect(r.headers['etag']).toBe('W/"v1"');
    const text = r.body.toString();
    expect(escapes(text)).toEqual([]);
    expect(text).toContain('href="http://app.acme-docs.com.proxy.test/next"');
    expect(text).toContain('<a href="https://other.org/">');
    expect(text).toContain('<head>' + SNIPPET + '<title>');
  });

  it('rewrites brotli JSON, a tiny brotli body, zlib and raw deflate, and stacked codings', async () => {
    const br = await fetchVia(proxy.port, host, '/br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(JSON.parse(br.body.toString())).toEqual({ self: 'http://api.acme-docs.com.proxy.test/v1/items', host: 'app.acme-docs.com.proxy.test', other: 'https://other.org/' });
    const tiny = await fetchVia(proxy.port, host, '/tiny-br');
    expect(tiny.body.toString()).toBe('"acme-docs.com.proxy.test"');
    for (const path of ['/deflate', '/raw-deflate']) {
      const r = await fetchVia(proxy.port, host, path);
      expect(r.headers['content-encoding']).toBe('deflate');
      expect(r.body.toString()).toBe(CSS.replaceAll('https://static.acme-docs.com', 'http://static.acme-docs.com.proxy.test'));
    }
    const stacked = await fetchVia(proxy.port, host, '/stacked');
    expect(stacked.headers['content-encoding']).toBe('gzip, br');
    expect(escapes(stacked.body.toString())).toEqual([]);
  });

  it('passes a body in an unknown coding byte-identical, with its length, and reports it', async () => {
    const r = await fetchVia(proxy.port, host, '/unknown-coding', { headers: { 'accept-encoding': 'identity' } });
    expect(r.headers['content-encoding']).toBe('x-custom');
    expect(r.raw.toString()).toBe(PAGE);
    expect(r.headers['content-length']).toBe(String(PAGE.length));
    expect(proxy.events.some((e) => e.type === 'pipeline-unknown-coding')).toBe(true);
  });

  it('narrows Accept-Encoding upstream to what it can decode', async () => {
    await fetchVia(proxy.port, host, '/identity', { headers: { 'accept-encoding': 'zstd, br;q=0.9, compress, gzip' } });
    expect(upstream.seen.at(-1)?.headers['accept-encoding']).toBe('br;q=0.9, gzip');
  });
});

describe('content types and binaries', () => {
  it('never splices into a real font or PNG served under a text type', async () => {
    for (const [path, bytes] of [['/font-as-css', FONT], ['/png-as-html', PNG], ['/gzip-font-as-css', FONT]] as const) {
      const r = await fetchVia(proxy.port, host, path);
      expect(r.body.equals(bytes)).toBe(true);
    }
    expect(proxy.events.filter((e) => e.type === 'pipeline-binary-body').length).toBeGreaterThanOrEqual(3);
  });

  it('sniffs an untyped HTML body unless nosniff, and never rewrites text/plain', async () => {
    expect(escapes((await fetchVia(proxy.port, host, '/untyped')).body.toString())).toEqual([]);
    expect((await fetchVia(proxy.port, host, '/untyped-nosniff')).body.toString()).toBe(PAGE);
    expect((await fetchVia(proxy.port, host, '/plain')).body.toString()).toBe(PAGE);
  });

  it('rewrites SVG as XML: xlink:href proxied, the declaration first, no snippet', async () => {
    const r = await fetchVia(proxy.port, host, '/svg', { headers: { 'sec-fetch-dest': 'document' } });
    const text = r.body.toString();
    expect(text.startsWith('<?xml version="1.0"?>')).toBe(true);
    expect(text).toContain('xlink:href="http://app.acme-docs.com.proxy.test/x"');
    expect(text).not.toContain('__spr');
  });

  it('leaves a file being saved (Content-Disposition: attachment) as it is', async () => {
    const r = await fetchVia(proxy.port, host, '/attachment');
    expect(r.body.toString()).toBe(JSON_BODY);
    expect(r.headers['content-length']).toBe(String(JSON_BODY.length));
  });

  it('passes the charset parameter to the HTML rewriter (a Shift_JIS trail byte 0x5C is no backslash)', async () => {
    const r = await fetchVia(proxy.port, host, '/charset');
    expect([...r.body]).toEqual([...Buffer.from('<a href="http://app.acme-docs.com.proxy.test/'), 0x95, 0x5c, ...Buffer.from('">x</a>')]);
  });
});

describe('the response head', () => {
  it('rewrites a redirect and its Domain cookie', async () => {
    const r = await fetchVia(proxy.port, host, '/redirect');
    expect(r.status).toBe(302);
    expect(r.headers.location).toBe('http://login.acme-docs.com.proxy.test/sso?return=http%3A%2F%2Fapp.acme-docs.com.proxy.test%2F');
    expect(r.headers['set-cookie']?.[0]).toBe('sid=1; Domain=.acme-docs.com.proxy.test; Path=/; HttpOnly');
    expect(r.headers['set-cookie']?.[1]).toBe('x=2');
  });

  it('removes hop-by-hop fields and the ones Connection names (RFC 9110 §7.6.1)', async () => {
    const r = await fetchVia(proxy.port, host, '/hop');
    expect(r.headers['x-secret']).toBeUndefined();
    // Node's own server adds its Keep-Alive; upstream's must not come through.
    expect(r.headers['keep-alive']).not.toBe('timeout=77');
    expect(r.headers['proxy-authenticate']).toBeUndefined();
    expect(r.headers['x-kept']).toBe('yes');
  });

  it('gives HEAD, 204 and 304 no body and the head a rewritten body would have', async () => {
    const head = await fetchVia(proxy.port, host, '/head', { method: 'HEAD' });
    expect(head.raw.length).toBe(0);
    expect(head.headers['etag']).toBe('W/"h"');
    expect(head.headers['content-length']).toBeUndefined();
    const noContent = await fetchVia(proxy.port, host, '/204');
    expect(noContent.status).toBe(204);
    expect(noContent.headers.location).toBe('http://app.acme-docs.com.proxy.test/');
    const notModified = await fetchVia(proxy.port, host, '/304', { headers: { 'if-none-match': 'W/"v1"' } });
    expect(notModified.status).toBe(304);
    expect(notModified.headers['etag']).toBe('W/"v1"');
  });

  it('drops Range for rewritten destinations, refetches a 206 of a rewritten type whole, keeps media ranges', async () => {
    const doc = await fetchVia(proxy.port, host, '/range', { headers: { range: 'bytes=0-9', 'sec-fetch-dest': 'document' } });
    expect(doc.status).toBe(200);
    expect(upstream.seen.at(-1)?.headers.range).toBeUndefined();
    const script = await fetchVia(proxy.port, host, '/range', { headers: { range: 'bytes=0-9' } });
    expect(script.status).toBe(200);
    expect(escapes(script.body.toString())).toEqual([]);
    expect(upstream.seen.at(-2)?.headers.range).toBe('bytes=0-9');
    expect(upstream.seen.at(-1)?.headers.range).toBeUndefined();
    const video = await fetchVia(proxy.port, host, '/video', { headers: { range: 'bytes=0-3', 'sec-fetch-dest': 'video' } });
    expect(video.status).toBe(206);
    expect(video.headers['content-range']).toBe('bytes 0-3/100');
  });
});

describe('the snippet', () => {
  it('gets a nonce that the rewritten CSP allows, when the CSP would block it', async () => {
    const r = await fetchVia(proxy.port, host, '/csp', { headers: { 'sec-fetch-dest': 'document' } });
    const csp = r.headers['content-security-policy'] as string;
    const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
    // 128 random bits in base64: 22 characters and padding.
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(csp).toBe(`default-src 'self'; script-src 'self' http://static.acme-docs.com.proxy.test 'nonce-${nonce}'`);
    expect(r.body.toString()).toContain(`<script nonce="${nonce}">window.__spr = 1</script>`);
  });

  it('adds no nonce where unsafe-inline already allows it (a nonce would switch that off)', async () => {
    const r = await fetchVia(proxy.port, host, '/csp-inline', { headers: { 'sec-fetch-dest': 'document' } });
    expect(r.headers['content-security-policy']).toBe("script-src 'self' 'unsafe-inline'");
    expect(r.body.toString()).toContain(SNIPPET);
  });

  it('is never injected into a fragment fetched by script, or an empty body', async () => {
    expect((await fetchVia(proxy.port, host, '/fragment', { headers: { 'sec-fetch-dest': 'empty' } })).body.toString()).not.toContain('__spr');
    expect((await fetchVia(proxy.port, host, '/fragment', { headers: { 'x-requested-with': 'XMLHttpRequest' } })).body.toString()).not.toContain('__spr');
    // No Sec-Fetch-Dest (plain http origins get none) and a body that is no document.
    expect((await fetchVia(proxy.port, host, '/fragment')).body.toString()).not.toContain('__spr');
    expect((await fetchVia(proxy.port, host, '/empty', { headers: { 'sec-fetch-dest': 'document' } })).raw.length).toBe(0);
  });

  it('keeps a BOM first', async () => {
    const r = await fetchVia(proxy.port, host, '/bom', { headers: { 'sec-fetch-dest': 'document' } });
    expect([...r.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(r.body.subarray(3).toString()).toBe(`<html><head>${SNIPPET}</head><body>é</body></html>`);
  });
});

describe('hosts that are not twins', () => {
  it('answers 404 and fetches nothing', async () => {
    const before = upstream.seen.length;
    for (const h of ['evil.org.proxy.test', 'app.acme-docs.com', '127.0.0.1', 'proxy.test']) {
      expect((await fetchVia(proxy.port, h, '/gzip')).status).toBe(404);
    }
    expect(upstream.seen.length).toBe(before);
  });
});

