import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HostMap, isPublicSuffix, MappingError } from '../../../src/domain/index.js';
import { createRewriter } from '../../../src/index.js';
import { createHostMapper } from '../../../src/proxy/runtime/client/host-map.js';
import { runtimeConfigOf } from '../../../src/proxy/runtime/index.js';
import { config, host, pageUrl, parsed, url } from './host-arbitraries.js';

// The browser's copy of the host mapping must decide exactly as src/domain does. Both are
// fed what the browser has: a URL the WHATWG parser (Node's is the same standard) read.

/** What the browser ends up requesting for `value` after the rewriter: serialized, or null when it left the value as it was. */
function rewritten(rw: ReturnType<typeof createRewriter>, value: string, base: string): string | null {
  const out = rw.url(value);
  return out === value ? null : new URL(out, base).href;
}

describe('client host mapping equals src/domain', () => {
  it('URLs: the runtime maps a URL exactly when rw.url does, to the same URL', () => {
    fc.assert(
      fc.property(config, url, (options, value) => {
        const base = pageUrl(options);
        const read = parsed(value, base);
        fc.pre(read !== null);
        // A proxied URL is the runtime's alone to move (twin-urls.test.ts): rw.url leaves it.
        fc.pre(options.publicPort === undefined || !isTwin(new HostMap(options), read as URL));
        const rw = createRewriter({ ...options, onEvent: () => undefined });
        const client = createHostMapper(runtimeConfigOf(rw));
        expect(client.url(value, base)).toBe(rewritten(rw, value, base));
      }),
      { numRuns: 3000 },
    );
  });

  it('hosts: the twin of a parsed host is HostMap.host, and null where it keeps the host', () => {
    fc.assert(
      fc.property(config, host, (options, raw) => {
        const read = parsed('http://' + raw, 'http://x/');
        fc.pre(read !== null);
        const name = (read as URL).hostname;
        const map = new HostMap(options);
        const client = createHostMapper(runtimeConfigOf(createRewriter(options)));
        expect(client.host(name)).toBe(expectedHost(map, name));
      }),
      { numRuns: 3000 },
    );
  });

  it('domains: covers() is what the cookie rules call protected or a parent of protected hosts', () => {
    const domains = fc.oneof(fc.constantFrom('example.com', 'com', 'example.org', 'app.example.org', 'a-b.example.net', 'example.net', 'deep.x.example.io', 'x.example.io', 'example.io', 'xn--bcher-kva.example', 'notexample.com', 'evil.org'), host.map((h) => h.toLowerCase()));
    fc.assert(
      fc.property(config, domains, (options, d) => {
        fc.pre(!isPublicSuffix(d));
        const map = new HostMap(options);
        const client = createHostMapper(runtimeConfigOf(createRewriter(options)));
        expect(client.covers(d)).toBe(map.isProtected(d) || map.coversSubdomainsOf(d));
      }),
      { numRuns: 2000 },
    );
  });

  it('examples, decided by hand', () => {
    const client = createHostMapper({ suffix: 'proxy.test', scheme: 'flat', domains: ['*.example.com'], publicScheme: 'http', publicPort: 8080 });
    expect(client.url('https://' + 'tenant-1' + '.example.com/app')).toBe('http://tenant--1-example-com.proxy.test:8080/app');
    expect(client.url('wss://Chat.EXAMPLE.com/socket')).toBe('ws://chat-example-com.proxy.test:8080/socket');
    expect(client.url('//cdn.example.com/x.js', 'http://app-example-com.proxy.test:8080/')).toBe('http://cdn-example-com.proxy.test:8080/x.js');
    expect(client.url('https://example.com.evil.org/')).toBeNull();
    expect(client.url('https://example.com/')).toBeNull(); // the apex is not under *.example.com
    expect(client.url('http://app-example-com.proxy.test:8080/')).toBeNull(); // already proxied, on the public scheme and port
    expect(client.url('ftp://app.example.com/')).toBeNull();
    expect(client.url('/relative', 'http://app-example-com.proxy.test:8080/')).toBeNull();
    expect(client.url('https://' + 'a'.repeat(60) + '.example.com/')).toBeNull(); // a flat label over 63: no twin
  });
});

function expectedHost(map: HostMap, host: string): string | null {
  try {
    const twin = map.host(host);
    return twin === host ? null : twin;
  } catch (err) {
    if (err instanceof MappingError) return null;
    throw err;
  }
}

/** Whether the URL names a proxied twin (http(s)/ws(s)) the proxy maps back to a protected host. */
function isTwin(map: HostMap, u: URL): boolean {
  return ['http:', 'https:', 'ws:', 'wss:'].includes(u.protocol) && map.upstreamHost(u.hostname) !== null;
}
