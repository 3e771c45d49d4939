import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HostMap, isPublicSuffix, MappingError } from '../../../src/domain/index.js';
import { createRewriter } from '../../../src/index.js';
import { createHostMapper } from '../../../src/proxy/runtime/client/host-map.js';
import { runtimeConfigOf } from '../../../src/proxy/runtime/index.js';

// The browser's copy of the host mapping must decide exactly as src/domain does. Both are
// fed what the browser has: a URL the WHATWG parser (Node's is the same standard) read.

const PATTERNS = ['example.com', '*.example.com', 'app.example.org', '*.xn--bcher-kva.example', 'a-b.example.net', '*.a-b.example.net', '*.deep.x.example.io'];
const LABELS = ['example', 'com', 'app', 'EXAMPLE', 'Com', 'a-b', 'evil', 'org', 'net', 'io', 'x', 'deep', 'xn--bcher-kva', 'bücher', 'BÜCHER', 'proxy', 'test', 'notexample', 'community', 'www', 'api-v2', 'a'.repeat(40)];
const SPECIAL_HOSTS = [
  'example.com', 'app.example.com', 'App.Example.COM', 'app.example.com.', 'example.com.evil.org', 'notexample.com', 'example.community',
  'example.com.proxy.test', 'app-example-com.proxy.test', 'sub.app.example.org', 'bücher.example', 'a.bücher.example', 'x.a-b.example.net',
  'app.example.org.proxy.test', 'a--b-example-net.proxy.test', '127.0.0.1', '[::1]', 'example.com%2eevil.org',
];

const config = fc.record({
  suffix: fc.constantFrom('proxy.test', 'p.corp.example.net', 'Proxy.Test'),
  scheme: fc.constantFrom('suffix' as const, 'flat' as const),
  domains: fc.subarray(PATTERNS, { minLength: 1 }),
  publicScheme: fc.option(fc.constantFrom('http' as const, 'https' as const), { nil: undefined }),
  publicPort: fc.option(fc.constantFrom(80, 443, 8080), { nil: undefined }),
});
const host = fc.oneof(fc.constantFrom(...SPECIAL_HOSTS), fc.array(fc.constantFrom(...LABELS), { minLength: 1, maxLength: 5 }).map((l) => l.join('.')));
const url = fc
  .record({
    scheme: fc.constantFrom('http://', 'https://', 'ws://', 'wss://', 'HTTPS://', '//', 'ftp://', 'ssh://'),
    userinfo: fc.constantFrom('', 'user:pw@'),
    host,
    port: fc.constantFrom('', ':8443', ':1', ':65535'),
    path: fc.constantFrom('', '/', '/a/b?x=1#f', '/?q=example.com'),
  })
  .map((p) => p.scheme + p.userinfo + p.host + p.port + p.path);
const BASE = 'https://page.proxy.test/dir/';

/** The URL of a proxied page: served on the proxy's public scheme and port (a scheme-relative URL takes them). */
function pageUrl(options: { publicScheme?: string; publicPort?: number }): string {
  return `${options.publicScheme ?? 'https'}://page.proxy.test${options.publicPort === undefined ? '' : ':' + options.publicPort}/dir/`;
}

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
        fc.pre(canParse(value));
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
        fc.pre(canParse('http://' + raw));
        const parsed = new URL('http://' + raw).hostname;
        const map = new HostMap(options);
        const client = createHostMapper(runtimeConfigOf(createRewriter(options)));
        expect(client.host(parsed)).toBe(expectedHost(map, parsed));
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
    expect(client.url('https://app-example-com.proxy.test:8080/')).toBeNull();
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

function canParse(value: string): boolean {
  try {
    new URL(value, BASE);
    return true;
  } catch {
    return false;
  }
}
