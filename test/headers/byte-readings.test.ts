import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createServer as createHttpServer, get, type Server } from 'node:http';
import { connect, createServer as createNetServer, type AddressInfo, type Server as NetServer } from 'node:net';
import { rewriteResponseHeaders } from '../../src/headers/index.js';
import { rewriteEveryReading } from '../../src/headers/byte-readings.js';
import { recordingContext } from '../cookies/contexts.js';

// Header bytes above 0x7F: Node hands each byte over as one character (Latin-1).
// Chromium reads `Location` bytes as UTF-8 (GURL), Blink reads `Refresh` and `Link` from
// a Latin-1 header map. Expectations: the WHATWG URL parser on each reading of the bytes
// that go out, which must name the proxied twin of the host that reading names upstream.
const asBytes = (text: string) => Buffer.from(text, 'utf8').toString('latin1');
const utf8Reading = (bytes: string) => Buffer.from(bytes, 'latin1').toString('utf8');
const hostOf = (url: string) => {
  try {
    return new URL(url).hostname;
  } catch {
    return null;
  }
};

const { ctx } = recordingContext({ domains: ['acme-docs.com', '*.acme-docs.com'] });
const url = (v: string) => ctx.hosts.url(v);

describe('rewriteEveryReading', () => {
  it('reads UTF-8 bytes as Chromium does and keeps every other byte', () => {
    const sent = asBytes('https://bücher.acme-docs.com/päth?q=ü#ü');
    // Upstream, the browser goes to the punycode host.
    expect(hostOf(utf8Reading(sent))).toBe('xn--bcher-kva.acme-docs.com');
    const out = rewriteEveryReading(sent, url)!;
    expect([...out].every((c) => c.charCodeAt(0) <= 0xff)).toBe(true);
    const read = new URL(utf8Reading(out));
    expect(read.hostname).toBe('xn--bcher-kva.acme-docs.com.proxy.test');
    expect(read.pathname + read.search + read.hash).toBe('/p%C3%A4th?q=%C3%BC#%C3%BC');
    // The Latin-1 reading of the same bytes stays inside the proxy too.
    expect(hostOf(out)).toMatch(/\.acme-docs\.com\.proxy\.test$/);
  });

  it('decides on the UTF-8 reading when only that one names a protected host', () => {
    const exact = recordingContext({ domains: ['bücher.example'] }).ctx;
    const sent = asBytes('https://bücher.example/');
    // The Latin-1 reading, `bÃ¼cher.example`, is another host altogether.
    expect(hostOf(sent)).not.toBe('xn--bcher-kva.example');
    const out = rewriteEveryReading(sent, (v) => exact.hosts.url(v))!;
    expect(hostOf(utf8Reading(out))).toBe('xn--bcher-kva.example.proxy.test');
  });

  it('catches a host only the UTF-8 reading makes (a soft hyphen UTS 46 removes)', () => {
    const sent = asBytes('https://acme-docs.co\u00adm/x');
    expect(hostOf(utf8Reading(sent))).toBe('acme-docs.com');
    const out = rewriteEveryReading(sent, url)!;
    expect(hostOf(utf8Reading(out))).toBe('acme-docs.com.proxy.test');
  });

  it('reads bytes that are not UTF-8 as Latin-1 readers do, and keeps them', () => {
    // A lone 0xFC: Chromium sees U+FFFD (no valid host); a Latin-1 reader sees `ü`.
    const sent = 'https://b\u00fccher.acme-docs.com/';
    expect(hostOf(utf8Reading(sent))).toBeNull();
    const out = rewriteEveryReading(sent, url)!;
    expect(hostOf(out)).toBe('xn--bcher-kva.acme-docs.com.proxy.test');
    // A lone 0xAD is a soft hyphen to a Latin-1 reader, which UTS 46 removes.
    const hyphen = rewriteEveryReading('https://acme-docs.co\u00adm/', url)!;
    expect(hostOf(hyphen)).toBe('acme-docs.com.proxy.test');
    // In the path only: the host is proxied, the byte kept.
    expect(rewriteEveryReading('https://app.acme-docs.com/p\u00ff', url)).toBe('https://app.acme-docs.com.proxy.test/p\u00ff');
  });

  it('leaves values that need nothing byte-identical', () => {
    for (const v of [asBytes('https://bücher.other.org/ü'), 'https://b\u00fccher.other.org/', '/relative/\u00e9', asBytes('https://acme-docs.com.proxy.test/é')]) {
      expect(rewriteEveryReading(v, url)).toBe(v);
    }
  });

  it('takes a value with characters above U+00FF as text a caller decoded already', () => {
    expect(rewriteEveryReading('https://app.acme-docs.com/€', url)).toBe('https://app.acme-docs.com.proxy.test/€');
  });

  it('drops the value when a reading is refused', () => {
    expect(rewriteEveryReading(asBytes('a=ü'), (v) => (v.includes('ü') ? null : v))).toBeNull();
    expect(rewriteEveryReading('a=\u00fc', (v) => (v === 'a=\u00fc' ? null : v))).toBeNull();
  });

  it('falls back to percent-encoded ASCII, one reading for everyone, when readings never settle', () => {
    let calls = 0;
    const restless = (v: string) => (/[^\x00-\x7f]/.test(v) ? v + String(calls++) : v + '!');
    // Whatever the rounds appended, the end is ASCII (the byte percent-encoded) and rewritten once more.
    expect(rewriteEveryReading('\u00e9', restless)).toMatch(/^%E9\d+!$/);
  });
});

describe('no reading of a rewritten URL header names a protected host', () => {
  // Protected by hand: acme-docs.com and every subdomain, as the context says.
  const isProtected = (host: string) => host === 'acme-docs.com' || host.endsWith('.acme-docs.com');
  const protectedHostOf = (v: string) => {
    try {
      const u = new URL(v);
      return ['http:', 'https:', 'ws:', 'wss:'].includes(u.protocol) && isProtected(u.hostname) ? u.hostname : null;
    } catch {
      return null;
    }
  };
  const HOST_PARTS = ['bücher', 'b\u00fccher', 'acme-docs', '.', 'com', 'co\u00adm', '\u00ad', 'app', '%2E', 'other', 'ä', '\u00ff'];
  const value = fc.tuple(
    fc.constantFrom('https://', 'http://', 'wss://', 'ftp://', ''),
    fc.array(fc.constantFrom(...HOST_PARTS), { minLength: 1, maxLength: 6 }),
    fc.constantFrom('', '/', '/ä?x=ü', '/p\u00ff', '#ü'),
    fc.boolean(),
  ).map(([scheme, host, rest, utf8]) => {
    const text = scheme + host.join('') + rest;
    return utf8 ? asBytes(text) : text;
  });

  it('for Location and Refresh, read as UTF-8 and as Latin-1', () => {
    fc.assert(
      fc.property(value, (sent) => {
        const out = rewriteResponseHeaders(ctx, { location: sent, refresh: '0; url=' + sent });
        for (const [name, bytes] of [['location', out.location as string], ['refresh', (out.refresh as string).slice(7)]]) {
          expect([...bytes].every((c) => c.charCodeAt(0) <= 0xff), name).toBe(true);
          expect(protectedHostOf(utf8Reading(bytes)), `${name} ${JSON.stringify(sent)} → ${JSON.stringify(bytes)} as UTF-8`).toBeNull();
          expect(protectedHostOf(bytes), `${name} ${JSON.stringify(sent)} → ${JSON.stringify(bytes)} as Latin-1`).toBeNull();
        }
      }),
      { numRuns: 1500 },
    );
  });
});

describe('URL headers with non-ASCII bytes, on the wire', () => {
  // What upstream sends: raw UTF-8 bytes, written straight to the socket.
  const UPSTREAM_LOCATION = Buffer.from('https://bücher.acme-docs.com/pfad/ä?x=ü', 'utf8');
  const UPSTREAM_LINK = Buffer.from('<https://bücher.acme-docs.com/s.css>; rel=preload; as=style', 'utf8');
  const UPSTREAM_REFRESH = Buffer.from('0; url=https://bücher.acme-docs.com/', 'utf8');
  const UPSTREAM_COOKIE = Buffer.from('sid=ü; Domain=bücher.acme-docs.com; Path=/', 'utf8');
  let upstream: NetServer;
  let proxy: Server;

  beforeAll(async () => {
    upstream = createNetServer((socket) => {
      socket.once('data', () => {
        socket.end(Buffer.concat([
          Buffer.from('HTTP/1.1 302 Found\r\nLocation: '), UPSTREAM_LOCATION,
          Buffer.from('\r\nContent-Location: '), UPSTREAM_LOCATION,
          Buffer.from('\r\nLink: '), UPSTREAM_LINK,
          Buffer.from('\r\nRefresh: '), UPSTREAM_REFRESH,
          Buffer.from('\r\nSet-Cookie: '), UPSTREAM_COOKIE,
          Buffer.from('\r\nContent-Length: 0\r\nConnection: close\r\n\r\n'),
        ]));
      });
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const upstreamPort = (upstream.address() as AddressInfo).port;
    // A minimal proxy: fetch upstream with node:http, rewrite the head, answer with node:http.
    proxy = createHttpServer((req, res) => {
      get({ host: '127.0.0.1', port: upstreamPort, path: '/' }, (up) => {
        up.resume();
        const headers = rewriteResponseHeaders(ctx, up.headers);
        delete headers.connection;
        res.writeHead(up.statusCode ?? 502, headers);
        res.end();
      });
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    await new Promise((resolve) => proxy.close(resolve));
    await new Promise((resolve) => upstream.close(resolve));
  });

  /** The raw response head the proxy sends, as bytes, from a plain socket. */
  async function wireHead(): Promise<Buffer> {
    const port = (proxy.address() as AddressInfo).port;
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      const socket = connect(port, '127.0.0.1', () => socket.write('GET / HTTP/1.1\r\nHost: app.acme-docs.com.proxy.test\r\nConnection: close\r\n\r\n'));
      socket.on('data', (c: Buffer) => chunks.push(c));
      socket.on('end', () => resolve(Buffer.concat(chunks)));
      socket.on('error', reject);
    });
  }

  /** The bytes of header `name` (first occurrence) in a raw head. */
  function field(head: Buffer, name: string): Buffer {
    const text = head.toString('latin1');
    const at = text.toLowerCase().indexOf('\r\n' + name.toLowerCase() + ': ');
    expect(at, name).toBeGreaterThan(-1);
    const start = at + name.length + 4;
    return head.subarray(start, text.indexOf('\r\n', start));
  }

  it('sends Location as the same UTF-8 bytes with only the host proxied', async () => {
    const head = await wireHead();
    const location = field(head, 'Location');
    const read = new URL(location.toString('utf8'));
    expect(read.hostname).toBe('xn--bcher-kva.acme-docs.com.proxy.test');
    expect(read.pathname + read.search).toBe(new URL(UPSTREAM_LOCATION.toString('utf8')).pathname + '?x=%C3%BC');
    // Byte for byte: the upstream value with the suffix after the host.
    const expected = Buffer.from('https://bücher.acme-docs.com.proxy.test/pfad/ä?x=ü', 'utf8');
    const expectedPunycode = Buffer.from('https://xn--bcher-kva.acme-docs.com.proxy.test/pfad/%C3%A4?x=%C3%BC');
    expect(location.equals(expected) || location.equals(expectedPunycode), location.toString('latin1')).toBe(true);
    expect(field(head, 'Content-Location').equals(location)).toBe(true);
  });

  it('sends Link and Refresh that read to a proxied host as UTF-8 and as Latin-1', async () => {
    const head = await wireHead();
    const link = field(head, 'Link');
    const linkUrl = (bytes: string) => bytes.slice(bytes.indexOf('<') + 1, bytes.indexOf('>'));
    expect(hostOf(linkUrl(link.toString('utf8')))).toBe('xn--bcher-kva.acme-docs.com.proxy.test');
    expect(hostOf(linkUrl(link.toString('latin1')))).toMatch(/\.acme-docs\.com\.proxy\.test$/);
    const refresh = field(head, 'Refresh');
    const refreshUrl = (bytes: string) => bytes.slice(bytes.indexOf('url=') + 4);
    expect(hostOf(refreshUrl(refresh.toString('utf8')))).toBe('xn--bcher-kva.acme-docs.com.proxy.test');
    expect(hostOf(refreshUrl(refresh.toString('latin1')))).toMatch(/\.acme-docs\.com\.proxy\.test$/);
  });

  it('reads a UTF-8 cookie Domain as Chromium canonicalizes it, keeping the value bytes', async () => {
    const head = await wireHead();
    const cookie = field(head, 'Set-Cookie').toString('utf8');
    expect(cookie).toBe('sid=ü; Domain=xn--bcher-kva.acme-docs.com.proxy.test; Path=/');
  });
});
