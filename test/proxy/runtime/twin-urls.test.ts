import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HostMap, MappingError } from '../../../src/domain/index.js';
import { createHostMapper } from '../../../src/proxy/runtime/client/host-map.js';
import { withoutDoubledPort } from '../../../src/proxy/runtime/client/doubled-port.js';
import { runtimeConfigOf } from '../../../src/proxy/runtime/index.js';
import { createRewriter } from '../../../src/index.js';
import { config, host, pageUrl, parsed, paths, schemes, userinfo, type MappingOptions } from './host-arbitraries.js';

// URLs that already name a proxied twin, built at run time from a statically rewritten
// host and the code's own port. The proxy serves twins only on its public scheme and
// port, so (1) a twin on anything else is moved there, and (2) `//<twin>:<public
// port>:<digits>` — the rewriter's public port, then the code's — loses the code's port
// before the browser's parser (which refuses two ports) reads it. What is a twin is the
// proxy's decision, HostMap.upstreamHost; the expected URL is what new URL() reads from
// the public scheme, the twin and the public port.

const withPort = config.chain((o) => fc.constantFrom(80, 443, 8080, 8443).map((publicPort): MappingOptions => ({ ...o, publicPort })));
/** Hosts some subset of PATTERNS protects, so twins come often. */
const PROTECTED = ['example.com', 'api.example.com', 'tenant-1.example.com', 'app.example.org', 'x.xn--bcher-kva.example', 'bücher.example', 'a-b.example.net', 'x-y.a-b.example.net', 'q.deep.x.example.io'];
/** Names HostMap refuses (a label that starts or ends with `-`, an empty one) and ambiguous flat labels (`---`). */
const ODD = ['x-.example.com', '-x.example.com', 'a..example.com', 'x---example-com', '-x-example-com', 'api-example-com-', 'a----b-example-net', 'x_y.example.com', 'x_y-example-com'];
const ports = fc.constantFrom('', ':80', ':443', ':8080', ':8443', ':9000', ':1', ':65535', ':08080');
/** A host under the suffix, twin or not: a raw host mapped (suffix or flat twin when protected) or just suffixed. */
const underSuffix = fc.record({ raw: fc.oneof(host, fc.constantFrom(...PROTECTED), fc.constantFrom(...ODD)), mapped: fc.boolean(), upper: fc.boolean() });

function mapperOf(options: MappingOptions) {
  return createHostMapper(runtimeConfigOf(createRewriter(options)));
}

/** The host text: the protected host's twin (HostMap's own spelling), or the host with the suffix glued on. */
function hostUnder(map: HostMap, h: { raw: string; mapped: boolean; upper: boolean }): string | null {
  let text: string;
  try {
    text = h.mapped ? map.host(h.raw) : `${h.raw}.${map.suffix}`;
  } catch (err) {
    if (err instanceof MappingError) return null;
    throw err;
  }
  return h.upper ? text.toUpperCase() : text;
}

/** `u` on the proxy's public scheme (ws/wss following it) and port, as the browser reads that URL. */
function atPublicOrigin(u: URL, options: MappingOptions): string {
  const own = u.protocol.slice(0, -1);
  const ps = options.publicScheme;
  const scheme = ps === undefined ? own : own.startsWith('ws') ? (ps === 'https' ? 'wss' : 'ws') : ps;
  const credentials = u.username === '' && u.password === '' ? '' : `${u.username}:${u.password}@`;
  return new URL(`${scheme}://${credentials}${u.hostname}:${options.publicPort}${u.pathname}${u.search}${u.hash}`).href;
}

const SPECIAL = ['http:', 'https:', 'ws:', 'wss:'];

/** Protected hosts are the forward mapping's (host-map.test.ts); these properties are about names under the suffix. */
function underTheSuffix(u: URL, map: HostMap): boolean {
  return u.hostname.replace(/\.$/, '').endsWith('.' + map.suffix);
}

describe('client runtime: URLs of proxied twins', () => {
  it('upstream(): the protected host a parsed host is the twin of, exactly HostMap.upstreamHost', () => {
    fc.assert(
      fc.property(config, fc.oneof(underSuffix, host.map((raw) => ({ raw, mapped: false, upper: false }))), (options, h) => {
        const map = new HostMap(options);
        const text = hostUnder(map, h);
        const read = text === null ? null : parsed('http://' + text, 'http://x/');
        fc.pre(read !== null);
        const name = (read as URL).hostname;
        expect(mapperOf(options).upstream(name)).toBe(map.upstreamHost(name));
      }),
      { numRuns: 3000 },
    );
  });

  it('(1) with a public port, a twin on another scheme or port is moved to the public ones; other hosts under the suffix stay', () => {
    fc.assert(
      fc.property(withPort, schemes, userinfo, underSuffix, ports, paths, (options, scheme, cred, h, port, path) => {
        const map = new HostMap(options);
        const text = hostUnder(map, h);
        fc.pre(text !== null);
        const value = scheme + cred + text + port + path;
        const base = pageUrl(options);
        const u = parsed(value, base);
        fc.pre(u !== null && underTheSuffix(u, map));
        const read = u as URL;
        const twin = SPECIAL.includes(read.protocol) && map.upstreamHost(read.hostname) !== null;
        const moved = twin ? atPublicOrigin(read, options) : null;
        expect(mapperOf(options).url(value, base)).toBe(moved === read.href ? null : moved);
      }),
      { numRuns: 4000 },
    );
  });

  it('(1) without a public port nothing on a twin moves', () => {
    const client = createHostMapper({ suffix: 'proxy.test', scheme: 'suffix', domains: ['*.acme.test'], publicScheme: 'https' });
    expect(client.url('http://api.acme.test.proxy.test:9000/x')).toBeNull();
    expect(client.url('http://api.acme.test.proxy.test:8443:9000/x')).toBeNull();
  });

  it('(2) the doubled port `//<twin>:<public port>:<digits>` loses the second port, then (1) applies', () => {
    const digits = fc.constantFrom('', '9000', '0', '65535', '123456', '9x');
    const tails = fc.constantFrom('', '/', '/data?x=1#f', '?q', '#h', 'x', '\\p', ':1/');
    fc.assert(
      fc.property(withPort, schemes, underSuffix, digits, tails, (options, scheme, h, second, tail) => {
        const map = new HostMap(options);
        const text = hostUnder(map, h);
        fc.pre(text !== null);
        const value = `${scheme}${text}:${options.publicPort}:${second}${tail}`;
        const base = pageUrl(options);
        // The shape, read off the rule: digits, then a path, query, fragment or the end.
        const shaped = /^\d+$/.test(second) && (tail === '' || '/?#'.includes(tail[0]));
        const repaired = shaped ? parsed(`${scheme}${text}:${options.publicPort}${tail}`, base) : null;
        const twin = repaired !== null && SPECIAL.includes(repaired.protocol) && map.upstreamHost(repaired.hostname) !== null;
        expect(mapperOf(options).url(value, base)).toBe(twin ? atPublicOrigin(repaired, options) : null);
        // What the URL constructor parses instead: the same text without the code's port, nothing else moved.
        expect(mapperOf(options).repaired(value)).toBe(twin ? `${scheme}${text}:${options.publicPort}${tail}` : null);
        // Without the repair the browser refuses the URL outright (fetch throws TypeError).
        expect(parsed(value, base)).toBeNull();
      }),
      { numRuns: 3000 },
    );
  });

  it('examples, decided by hand: the URLs the issue names', () => {
    const local = createHostMapper({ suffix: 'proxy.test', scheme: 'suffix', domains: ['*.acme.test'], publicScheme: 'http', publicPort: 8443 });
    // `http://api.acme.test:${port}/x`, rewritten statically to the twin with the code's port.
    expect(local.url('http://api.acme.test.proxy.test:9000/x')).toBe('http://api.acme.test.proxy.test:8443/x');
    // 'http://' + 'api' + '.acme.test' + ':' + port + '/data', the host piece rewritten with the public port.
    expect(local.url('http://' + 'api' + '.acme.test.proxy.test:8443' + ':' + 9000 + '/data')).toBe('http://api.acme.test.proxy.test:8443/data');
    expect(local.url('http://api.acme.test.proxy.test:8443/y')).toBeNull(); // already right
    expect(local.url('https://api.acme.test.proxy.test:8443/y')).toBe('http://api.acme.test.proxy.test:8443/y'); // the port speaks http
    expect(local.url('wss://API.acme.test.proxy.test:9000/s')).toBe('ws://api.acme.test.proxy.test:8443/s');
    expect(local.url('//api.acme.test.proxy.test:9000/s', 'http://app.acme.test.proxy.test:8443/')).toBe('http://api.acme.test.proxy.test:8443/s');
    expect(local.url('http://api.acme.test.proxy.test.:9000/')).toBe('http://api.acme.test.proxy.test.:8443/');
    // Not twins: another name under the suffix, an unprotected one, a non-canonical spelling.
    expect(local.url('http://evil.proxy.test:9000/')).toBeNull();
    expect(local.url('http://evil.proxy.test:8443:9000/')).toBeNull();
    expect(local.url('http://acme.test.proxy.test:9000/')).toBeNull(); // the apex is not under *.acme.test
    expect(local.url('http://api.acme.test:8443:9000/')).toBeNull(); // the repair is for twins only, not the protected host
    expect(local.url('http://' + 'a.'.repeat(130) + 'api.acme.test.proxy.test:9000/')).toBeNull(); // a name over 253 characters maps back to nothing
    // Not the shape: the doubled port inside a query, a second port without digits, letters after the digits.
    expect(local.url('/p?u=http://api.acme.test.proxy.test:8443:9000/', 'http://app.acme.test.proxy.test:8443/')).toBeNull();
    expect(local.url('http://api.acme.test.proxy.test:8443:/x')).toBeNull();
    expect(local.url('http://api.acme.test.proxy.test:8443:9000x/')).toBeNull();
    expect(local.url('http://api.acme.test.proxy.test:9000:8443/')).toBeNull(); // the public port comes first, as the rewriter writes it

    const flat = createHostMapper({ suffix: 'proxy.test', scheme: 'flat', domains: ['*.acme.test'], publicScheme: 'https', publicPort: 443 });
    expect(flat.url('http://api-acme-test.proxy.test:9000/x')).toBe('https://api-acme-test.proxy.test/x');
    expect(flat.url('https://api-acme-test.proxy.test:443:9000')).toBe('https://api-acme-test.proxy.test/');
    expect(flat.url('https://api-acme-test.proxy.test/x')).toBeNull();
    expect(flat.url('https://api.acme.test.proxy.test:9000/x')).toBeNull(); // a suffix-scheme name is no flat twin
  });

  it('withoutDoubledPort reads only the shape', () => {
    expect(withoutDoubledPort('http://h:8443:9000/x', 8443)).toBe('http://h:8443/x');
    expect(withoutDoubledPort('//h:8443:9000', 8443)).toBe('//h:8443');
    expect(withoutDoubledPort('h:8443:9000', 8443)).toBe('h:8443:9000'); // no authority
    expect(withoutDoubledPort('http://u@h:8443:9000/', 8443)).toBe('http://u@h:8443:9000/'); // not right after `//`
    expect(withoutDoubledPort('http://h:84430:9000/', 8443)).toBe('http://h:84430:9000/');
    expect(withoutDoubledPort('1http://h:8443:9/', 8443)).toBe('1http://h:8443:9/'); // no scheme starts with a digit
  });
});
