import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { headersToObject, rewriteRequestHeaders, rewriteResponseHeaders, toFetchHeaders, type HeadersInput } from '../../src/headers/index.js';
import { recordingContext } from '../helpers/context.js';

// A cookie whose Expires holds a comma: joined with `, ` (what `get('set-cookie')` gives),
// it can no longer be told apart from two cookies.
const EXPIRING = 'sid=1; Domain=example.com; Expires=Wed, 21 Oct 2026 07:28:00 GMT; Path=/';
const EXPIRING_PROXIED = 'sid=1; Domain=example.com.proxy.test; Expires=Wed, 21 Oct 2026 07:28:00 GMT; Path=/';

describe('fetch Headers', () => {
  const { ctx } = recordingContext();

  it('response headers: Location rewritten, each Set-Cookie separately (getSetCookie), never the joined value', () => {
    const h = new Headers();
    h.append('Location', 'https://app.example.com/next');
    h.append('Set-Cookie', EXPIRING);
    h.append('Set-Cookie', 'b=2; Domain=.example.com');
    h.append('set-cookie', 'c=3; Domain=com'); // a public suffix: refused, the others stay
    h.append('Content-Type', 'text/html');
    const out = rewriteResponseHeaders(ctx, h);
    expect(out).toEqual({
      'content-type': 'text/html',
      location: 'https://app.example.com.proxy.test/next',
      'set-cookie': [EXPIRING_PROXIED, 'b=2; Domain=.example.com.proxy.test'],
    });
  });

  it('one Set-Cookie in a Headers is still an array (getSetCookie is one)', () => {
    const h = new Headers({ 'set-cookie': 'a=1; Domain=example.com' });
    expect(rewriteResponseHeaders(ctx, h)['set-cookie']).toEqual(['a=1; Domain=example.com.proxy.test']);
  });

  it('request headers: Host, Origin and Referer mapped back from a Headers', () => {
    const h = new Headers({ Host: 'app.example.com.proxy.test', Origin: 'https://app.example.com.proxy.test', Referer: 'https://app.example.com.proxy.test/a', Cookie: 'a=1' });
    expect(rewriteRequestHeaders(ctx, h)).toEqual({
      cookie: 'a=1', host: 'app.example.com', origin: 'https://app.example.com', referer: 'https://app.example.com/a',
    });
  });

  it('a Response built from the rewritten object keeps every cookie apart (toFetchHeaders)', () => {
    const upstream = new Response(null, { headers: [['location', 'https://app.example.com/'], ['set-cookie', EXPIRING], ['set-cookie', 'b=2'], ['vary', 'Origin'], ['vary', 'Accept']] });
    const back = toFetchHeaders(rewriteResponseHeaders(ctx, upstream.headers));
    expect(back.getSetCookie()).toEqual([EXPIRING_PROXIED, 'b=2']);
    expect(back.get('location')).toBe('https://app.example.com.proxy.test/');
    expect(back.get('vary')).toBe('Origin, Accept'); // fetch's own join of a list header
    expect(new Response(null, { headers: back }).headers.getSetCookie()).toHaveLength(2);
  });

  it('toFetchHeaders appends every array value, refuses what fetch refuses', () => {
    const h = toFetchHeaders({ 'set-cookie': ['a=1', 'b=2', 'c=3'], 'x-one': 'v', 'x-list': ['1', '2'] });
    expect(h.getSetCookie()).toEqual(['a=1', 'b=2', 'c=3']);
    expect(h.get('x-one')).toBe('v');
    expect(h.get('x-list')).toBe('1, 2');
    expect(() => toFetchHeaders({ 'x-bad': 'a\r\nb: c' })).toThrow(TypeError);
  });
});

describe('rawHeaders from a real node:http exchange on 127.0.0.1', () => {
  const { ctx } = recordingContext({ publicScheme: 'http', publicPort: 8080 });
  let server: Server;
  let port = 0;
  let received: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      received = req.rawHeaders;
      res.setHeader('Location', 'https://app.example.com/done');
      res.setHeader('Set-Cookie', [EXPIRING, 'b=2; Domain=example.com']);
      res.setHeader('X-Mixed-Case', 'kept');
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  function exchange(headers: string[]): Promise<IncomingMessage> {
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method: 'GET', path: '/', headers }, (res) => {
        res.resume();
        res.on('end', () => resolve(res));
      });
      req.on('error', reject);
      req.end();
    });
  }

  it('request: mixed-case names lower-cased, repeated names kept as arrays, Host/Origin/Referer mapped back', async () => {
    await exchange([
      'HOST', 'App.Example.com.proxy.test:8080',
      'Origin', 'http://app.example.com.proxy.test:8080',
      'X-Forwarded-For', '192.0.2.1',
      'x-forwarded-for', '192.0.2.2',
      'Cookie', 'a=1',
      'cookie', 'b=2',
      'Referer', 'http://app.example.com.proxy.test:8080/p?next=http%3A%2F%2Fapi.example.com.proxy.test%3A8080%2F',
    ]);
    // What node:http itself received, in the order and case written.
    expect(received.filter((_, i) => i % 2 === 0)).toEqual(['HOST', 'Origin', 'X-Forwarded-For', 'x-forwarded-for', 'Cookie', 'cookie', 'Referer', 'Connection']);
    const out = rewriteRequestHeaders(ctx, received);
    expect(out).toEqual({
      host: 'app.example.com',
      origin: 'https://app.example.com',
      'x-forwarded-for': ['192.0.2.1', '192.0.2.2'],
      cookie: ['a=1', 'b=2'],
      referer: 'https://app.example.com/p?next=https%3A%2F%2Fapi.example.com%2F',
      connection: 'keep-alive',
    });
  });

  it('response: both Set-Cookie lines rewritten apart (the comma in Expires splits nothing), Location proxied', async () => {
    const res = await exchange(['Host', '127.0.0.1']); // a raw header list gets no Host from Node
    expect(res.rawHeaders.filter((v) => v === 'Set-Cookie')).toHaveLength(2);
    const out = rewriteResponseHeaders(ctx, res.rawHeaders);
    expect(out['set-cookie']).toEqual([EXPIRING_PROXIED, 'b=2; Domain=example.com.proxy.test']);
    expect(out.location).toBe('http://app.example.com.proxy.test:8080/done');
    expect(out['x-mixed-case']).toBe('kept');
    expect(Object.keys(out).every((k) => k === k.toLowerCase())).toBe(true);
  });

  it('conflicting repeats stay visible instead of Node\'s first-wins', () => {
    const out = headersToObject(['Host', 'a.example.com', 'host', 'b.example.com', 'Content-Length', '5', 'content-length', '7', 'Set-Cookie', 'a=1']);
    expect(out).toEqual({ host: ['a.example.com', 'b.example.com'], 'content-length': ['5', '7'], 'set-cookie': ['a=1'] });
  });

  it('an empty rawHeaders array is no headers', () => {
    expect(rewriteRequestHeaders(ctx, [])).toEqual({});
  });
});

describe('plain objects', () => {
  const { ctx } = recordingContext();

  it('a null-prototype object and one from another realm are plain objects', () => {
    const bare = Object.assign(Object.create(null) as Record<string, string>, { location: 'https://app.example.com/' });
    expect(rewriteResponseHeaders(ctx, bare)).toEqual({ location: 'https://app.example.com.proxy.test/' });
    const foreign = runInNewContext('({ location: "https://app.example.com/", "set-cookie": ["a=1"] })') as HeadersInput;
    expect(rewriteResponseHeaders(ctx, foreign)).toEqual({ location: 'https://app.example.com.proxy.test/', 'set-cookie': ['a=1'] });
  });

  it('headersToObject lower-cases and merges names differing only in case, in order', () => {
    expect(headersToObject({ Vary: 'Origin', vary: ['Accept'], 'Set-Cookie': 'a=1', skipped: undefined })).toEqual({ vary: ['Origin', 'Accept'], 'set-cookie': 'a=1' });
    const h = new Headers([['X-A', '1'], ['x-a', '2'], ['Set-Cookie', 'a=1'], ['Set-Cookie', 'b=2']]);
    expect(headersToObject(h)).toEqual({ 'x-a': '1, 2', 'set-cookie': ['a=1', 'b=2'] });
  });

  it('headersToObject refuses a value that is no string rather than dropping it', () => {
    expect(() => headersToObject({ 'content-length': 5 } as unknown as HeadersInput)).toThrow(/content-length.*number/);
    expect(() => headersToObject({ a: ['x', null] } as unknown as HeadersInput)).toThrow(TypeError);
  });
});

describe('wrong shapes throw a TypeError, never a silent {}', () => {
  const { ctx } = recordingContext();
  class Custom {
    location = 'https://app.example.com/';
  }
  // node-fetch 2 and old polyfills: a Headers class with no getSetCookie().
  class OldHeaders {
    get(): null {
      return null;
    }
    forEach(): void {}
  }
  const cases: Array<[string, unknown, RegExp]> = [
    ['null', null, /got null/],
    ['undefined', undefined, /got undefined/],
    ['a string', 'Location: https://app.example.com/', /got string/],
    ['a number', 42, /got number/],
    ['a Map', new Map([['location', 'https://app.example.com/']]), /got a Map.*Object\.fromEntries/],
    ['a class instance', new Custom(), /got a Custom/],
    ['a Headers-like without getSetCookie', new OldHeaders(), /without getSetCookie/],
    ['a rawHeaders array of odd length', ['Location', 'https://a/', 'Vary'], /length is even; got 3/],
    ['an array of pairs', [['location', 'https://app.example.com/']], /only strings; got an? Array at index 0 \(an array of \[name, value\] pairs\?/],
    ['a rawHeaders array with a number', ['Content-Length', 5], /only strings; got number at index 1/],
  ];
  for (const [label, input, message] of cases) {
    it(label, () => {
      const shape = input as HeadersInput;
      expect(() => rewriteResponseHeaders(ctx, shape)).toThrow(TypeError);
      expect(() => rewriteResponseHeaders(ctx, shape)).toThrow(message);
      expect(() => rewriteRequestHeaders(ctx, shape)).toThrow(message);
      expect(() => headersToObject(shape)).toThrow(message);
    });
  }
});
