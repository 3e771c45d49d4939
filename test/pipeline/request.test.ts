import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { close, fetchVia, startProxy, startUpstream, type Route } from './exchange-support.js';

// The request side through a real proxy and upstream: what upstream receives. The test
// proxy's upstream scheme is http, so proxied URLs map back to http://.
const ok: Route = (_q, res) => res.writeHead(204).end();
const routes: Record<string, Route> = { '* /submit': ok, '* /item': ok };

let upstream: Awaited<ReturnType<typeof startUpstream>>;
let proxy: Awaited<ReturnType<typeof startProxy>>;
const host = 'app.acme-docs.com.proxy.test';

beforeAll(async () => {
  upstream = await startUpstream(routes);
  proxy = await startProxy(upstream.port, {}, { requestBufferBytes: 64 * 1024 });
});
afterAll(() => close(proxy.server, upstream.server));

const post = async (path: string, type: string, body: Buffer, headers: Record<string, string> = {}) => {
  await fetchVia(proxy.port, host, path, { method: 'POST', headers: { 'content-type': type, 'content-length': String(body.length), ...headers }, body });
  return upstream.seen.at(-1)!;
};

describe('request bodies mapped back, with an exact Content-Length', () => {
  it('form: proxied URLs and whole-string hosts map back; no-twin hosts stay', async () => {
    // WHATWG urlencoded: the browser percent-encodes ':' and '/', spaces become '+'.
    const body = Buffer.from('redirect_uri=http%3A%2F%2Fapp.acme-docs.com.proxy.test%2Fcb&host=api.acme-docs.com.proxy.test&evil=evil.org.proxy.test&q=a+b');
    const seen = await post('/submit', 'application/x-www-form-urlencoded', body);
    const expected = 'redirect_uri=http%3A%2F%2Fapp.acme-docs.com%2Fcb&host=api.acme-docs.com&evil=evil.org.proxy.test&q=a+b';
    expect(seen.body.toString()).toBe(expected);
    expect(seen.headers['content-length']).toBe(String(Buffer.byteLength(expected)));
  });

  it('JSON: a GET-modify-PUT round trip stores upstream hosts', async () => {
    const doc = { link: 'http://app.acme-docs.com.proxy.test/doc/1', domain: 'app.acme-docs.com.proxy.test', nested: { list: ['http://static.acme-docs.com.proxy.test/a.png'] }, other: 'https://evil.org.proxy.test/' };
    const seen = await post('/item', 'application/merge-patch+json', Buffer.from(JSON.stringify(doc)));
    expect(JSON.parse(seen.body.toString())).toEqual({ link: 'http://app.acme-docs.com/doc/1', domain: 'app.acme-docs.com', nested: { list: ['http://static.acme-docs.com/a.png'] }, other: 'https://evil.org.proxy.test/' });
    expect(Number(seen.headers['content-length'])).toBe(seen.body.length);
  });

  it('multipart: text fields map back, a binary file part passes byte-identical', async () => {
    const file = Buffer.concat([randomBytes(3000), Buffer.from('\r\n--XyZ\r\nhttp://app.acme-docs.com.proxy.test/'), randomBytes(3000)]);
    const body = Buffer.concat([
      Buffer.from('--XyZb\r\nContent-Disposition: form-data; name="return"\r\n\r\nhttp://app.acme-docs.com.proxy.test/back\r\n'),
      Buffer.from('--XyZb\r\nContent-Disposition: form-data; name="f"; filename="a.bin"\r\nContent-Type: application/octet-stream\r\n\r\n'), file,
      Buffer.from('\r\n--XyZb--\r\n'),
    ]);
    const seen = await post('/submit', 'multipart/form-data; boundary=XyZb', body);
    const sentText = '--XyZb\r\nContent-Disposition: form-data; name="return"\r\n\r\nhttp://app.acme-docs.com.proxy.test/back\r\n';
    const expected = Buffer.concat([Buffer.from(sentText.replace('.proxy.test', '')), body.subarray(sentText.length)]);
    expect(seen.body.equals(expected)).toBe(true);
    expect(Number(seen.headers['content-length'])).toBe(seen.body.length);
  });

  it('streams a body over the buffer size chunked, still mapped', async () => {
    const big = JSON.stringify({ pad: 'x'.repeat(100_000), url: 'http://app.acme-docs.com.proxy.test/' });
    const seen = await post('/item', 'application/json', Buffer.from(big));
    expect(seen.headers['content-length']).toBeUndefined();
    expect(seen.headers['transfer-encoding']).toBe('chunked');
    expect(JSON.parse(seen.body.toString()).url).toBe('http://app.acme-docs.com/');
  });

  it('passes other types and compressed uploads untouched, with their length', async () => {
    const text = Buffer.from('see http://app.acme-docs.com.proxy.test/ in prose');
    const seen = await post('/submit', 'text/plain', text);
    expect(seen.body.equals(text)).toBe(true);
    expect(seen.headers['content-length']).toBe(String(text.length));
    const coded = await post('/submit', 'application/json', Buffer.from('not really gzip'), { 'content-encoding': 'gzip' });
    expect(coded.body.toString()).toBe('not really gzip');
  });
});

describe('request headers', () => {
  it('maps Host, Origin and Referer back, removes hop-by-hop fields, unweakens If-Match', async () => {
    await fetchVia(proxy.port, host, '/item?next=http%3A%2F%2Fapp.acme-docs.com.proxy.test%2Fx', {
      method: 'PUT',
      headers: { origin: 'http://app.acme-docs.com.proxy.test', referer: 'http://app.acme-docs.com.proxy.test/page', connection: 'x-hop', 'x-hop': '1', 'proxy-authorization': 'Basic eA==', 'if-match': 'W/"v1"', 'content-type': 'application/octet-stream' },
      body: Buffer.from('x'),
    });
    const seen = upstream.seen.at(-1)!;
    expect(seen.host).toBe('app.acme-docs.com');
    expect(seen.path).toBe('/item?next=http%3A%2F%2Fapp.acme-docs.com%2Fx');
    expect(seen.headers.origin).toBe('http://app.acme-docs.com');
    expect(seen.headers.referer).toBe('http://app.acme-docs.com/page');
    expect(seen.headers['x-hop']).toBeUndefined();
    expect(seen.headers['proxy-authorization']).toBeUndefined();
    expect(seen.headers['if-match']).toBe('"v1"');
  });
});
