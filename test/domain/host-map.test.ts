import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ConfigError, HostMap, MappingError } from '../../src/domain/index.js';

const base = { suffix: 'proxy.test', domains: ['example.com', '*.example.com'] };

describe('protected patterns', () => {
  it('matches the exact host and every subdomain of a wildcard, not the apex of a wildcard alone', () => {
    const m = new HostMap({ suffix: 'proxy.test', domains: ['*.example.com', 'other.org'] });
    expect(m.isProtected('a.example.com')).toBe(true);
    expect(m.isProtected('a.b.c.example.com')).toBe(true);
    expect(m.isProtected('example.com')).toBe(false);
    expect(m.isProtected('other.org')).toBe(true);
    expect(m.isProtected('x.other.org')).toBe(false);
    expect(m.isProtected('notexample.com')).toBe(false);
  });

  it('is case-insensitive and compares IDN hosts in punycode', () => {
    const m = new HostMap({ suffix: 'proxy.test', domains: ['BÜCHER.example', 'Example.COM'] });
    expect(m.host('bücher.example')).toBe('xn--bcher-kva.example.proxy.test');
    expect(m.host('XN--BCHER-KVA.example')).toBe('xn--bcher-kva.example.proxy.test');
    expect(m.host('EXAMPLE.com')).toBe('example.com.proxy.test');
  });

  it.each(['*', '*.com', '*.co.uk', 'com', 'co.uk', '*.github.io', 'a.*.example.com', 'exa mple.com', ''])(
    'refuses %j with a ConfigError',
    (pattern) => {
      expect(() => new HostMap({ suffix: 'proxy.test', domains: [pattern] })).toThrow(ConfigError);
    },
  );

  it('refuses patterns that overlap the proxy suffix', () => {
    expect(() => new HostMap({ suffix: 'proxy.example.com', domains: ['*.example.com'] })).toThrow(/overlaps the proxy suffix/);
    expect(() => new HostMap({ suffix: 'proxy.test', domains: ['app.proxy.test'] })).toThrow(/overlaps/);
    expect(() => new HostMap({ suffix: 'proxy.test', domains: ['proxy.test'] })).toThrow(/overlaps/);
  });

  it('refuses a bad suffix, scheme or port', () => {
    expect(() => new HostMap({ ...base, suffix: 'com' })).toThrow(/public suffix/);
    expect(() => new HostMap({ ...base, suffix: 'bad host' })).toThrow(ConfigError);
    expect(() => new HostMap({ ...base, publicPort: 70000 })).toThrow(/publicPort/);
    expect(() => new HostMap({ ...base, scheme: 'dots' as 'flat' })).toThrow(/scheme/);
    expect(() => new HostMap({ ...base, domains: [] })).toThrow(/at least one/);
  });
});

describe('some subdomain protected (the meaning of `.example.com` and `*.example.com` strings)', () => {
  it('counts the parents of exact and wildcard patterns alike, never a public suffix', () => {
    const map = new HostMap({ suffix: 'proxy.test', domains: ['*.eu.example.com', 'app.example.org'] });
    // x.eu.example.com is protected, so some subdomain of example.com and of eu.example.com is.
    expect(map.coversSubdomainsOf('example.com')).toBe(true);
    expect(map.coversSubdomainsOf('eu.example.com')).toBe(true);
    expect(map.coversSubdomainsOf('x.eu.example.com')).toBe(true);
    expect(map.coversSubdomainsOf('example.org')).toBe(true);
    expect(map.coversSubdomainsOf('com')).toBe(false);
    expect(map.coversSubdomainsOf('us.example.com')).toBe(false);
    expect(map.coversSubdomainsOf('app.example.org')).toBe(false);
  });
});

describe('suffix scheme', () => {
  const m = new HostMap(base);
  it('appends the suffix forward and strips it backward', () => {
    expect(m.host('app.example.com')).toBe('app.example.com.proxy.test');
    expect(m.host('example.com')).toBe('example.com.proxy.test');
    expect(m.host('evil.org')).toBe('evil.org');
    expect(m.upstreamHost('app.example.com.proxy.test')).toBe('app.example.com');
    expect(m.upstreamHost('APP.Example.com.Proxy.Test')).toBe('app.example.com');
  });
  it.each(['evil.org.proxy.test', 'x.example.com.proxy.test.proxy.test', 'proxy.test', 'example.com', 'notexample.com.proxy.test', '', 'a..proxy.test',
    ' app.example.com.proxy.test', 'app.example.com.proxy.test\t', 'ｅｘａｍｐｌｅ.com.proxy.test', 'example。com.proxy.test', 'exam\u00ADple.com.proxy.test', 'exam\u200Bple.com.proxy.test'])(
    'maps %j back to nothing',
    (h) => {
      expect(m.upstreamHost(h)).toBeNull();
    },
  );
});

describe('upstreamHost of a Host header value with a port (RFC 9110 uri-host [ ":" port ])', () => {
  const m = new HostMap(base);
  it.each(['app.example.com.proxy.test:8080', 'app.example.com.proxy.test:1', 'app.example.com.proxy.test:65535', 'app.example.com.proxy.test:443', 'App.Example.com.proxy.test.:8080'])(
    'drops the port of %j',
    (h) => {
      expect(m.upstreamHost(h)).toBe('app.example.com');
    },
  );
  it.each([
    // Not a port: 0 and over 65535 are no TCP port, nor an empty or signed or six-digit one.
    'app.example.com.proxy.test:0', 'app.example.com.proxy.test:65536', 'app.example.com.proxy.test:', 'app.example.com.proxy.test:+80',
    'app.example.com.proxy.test:080800', 'app.example.com.proxy.test:80:80', 'app.example.com.proxy.test :80', 'app.example.com.proxy.test:8 0',
    // A port does not make a foreign host a twin.
    'evil.org.proxy.test:8080', 'example.com:8080', 'proxy.test:443',
    // IPv6 literals, with or without a port, are never proxied names.
    '[::1]:8080', '[::1]', '[2001:db8::1]:443', '::1',
  ])('maps %j back to nothing', (h) => {
    expect(m.upstreamHost(h)).toBeNull();
  });
  it('in the flat scheme too', () => {
    const flat = new HostMap({ ...base, scheme: 'flat' });
    expect(flat.upstreamHost('app-example-com.proxy.test:8443')).toBe('app.example.com');
    expect(flat.upstreamHost('evil-org.proxy.test:8443')).toBeNull();
  });
});

describe('flat scheme', () => {
  const m = new HostMap({ ...base, scheme: 'flat' });
  it('folds the host into one label: dots to -, - doubled', () => {
    expect(m.host('my-app.eu.example.com')).toBe('my--app-eu-example-com.proxy.test');
    expect(m.upstreamHost('my--app-eu-example-com.proxy.test')).toBe('my-app.eu.example.com');
  });
  it('refuses non-canonical or foreign labels', () => {
    // Single dashes are dots: this is the twin of another protected host, not of my-app.eu.example.com.
    expect(m.upstreamHost('my-app-eu-example-com.proxy.test')).toBe('my.app.eu.example.com');
    expect(m.upstreamHost('-example-com.proxy.test')).toBeNull();
    expect(m.upstreamHost('evil-org.proxy.test')).toBeNull();
    expect(m.upstreamHost('a.example-com.proxy.test')).toBeNull();
    expect(m.upstreamHost('a---b-example-com.proxy.test')).toBeNull();
  });
  it('reports an over-long label instead of truncating it', () => {
    const long = 'a'.repeat(60) + '.example.com';
    expect(() => m.host(long)).toThrow(MappingError);
    // 63 characters is the longest DNS label (RFC 1035 section 2.3.4): still mapped.
    const longest = 'a'.repeat(51) + '.example.com';
    expect(m.host(longest)).toBe('a'.repeat(51) + '-example-com.proxy.test');
  });
});

describe('round trips (property)', () => {
  const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,8}[a-z0-9])?$/);
  const protectedHost = fc.array(label, { minLength: 0, maxLength: 4 }).map((ls) => [...ls, 'example', 'com'].join('.'));
  it.each(['suffix', 'flat'] as const)('upstreamHost(host(h)) === h in the %s scheme', (scheme) => {
    const m = new HostMap({ ...base, scheme });
    fc.assert(
      fc.property(protectedHost, (h) => {
        expect(m.upstreamHost(m.host(h))).toBe(h);
      }),
    );
  });
  it('a proxied host is never proxied again and unprotected hosts never map back', () => {
    const m = new HostMap(base);
    fc.assert(
      fc.property(fc.array(label, { minLength: 1, maxLength: 4 }), (ls) => {
        const foreign = [...ls, 'evil', 'org'].join('.');
        expect(m.host(foreign)).toBe(foreign);
        expect(m.upstreamHost(foreign + '.proxy.test')).toBeNull();
        const proxied = m.host([...ls, 'example', 'com'].join('.'));
        expect(m.host(proxied)).toBe(proxied);
      }),
    );
  });
});
