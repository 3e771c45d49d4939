import { describe, expect, it } from 'vitest';
import { ESCAPE_CLASSES } from './escape-classes.js';
import { flatTwin, pageBase, parse, proxiedHref, rewriter, suffixTwin } from './helpers.js';

// Issue 8, "Escapes", class 1: host spellings only a URL parser resolves. Each input is
// one the URL Standard's host parser turns into a protected host (percent-decoding, then
// UTF-8 decoding, then UTS #46 domain-to-ASCII, which maps full-width forms and `。` and
// ignores soft hyphens and zero-width characters; tabs and newlines are removed from the
// whole input first). The rewritten value must parse to the same URL with the twin host.

const rw = rewriter();
const pub = rewriter({ publicScheme: 'http', publicPort: 8080 });
const flat = rewriter({ scheme: 'flat' });


describe('spellings only the URL parser resolves come out proxied', () => {
  for (const [name, inputs] of Object.entries(ESCAPE_CLASSES)) {
    describe(name, () => {
      it.each(inputs)('%j', (input) => {
        // Spec check of the input itself: the parser does reach the protected host.
        expect(parse(input)?.hostname.replace(/\.$/, '')).toMatch(/(?:^|\.)acme-docs\.com$/);
        const out = rw.url(input);
        expect(parse(out)?.href).toBe(proxiedHref(input, pageBase(), suffixTwin));
        expect(parse(pub.url(input), pageBase('http'))?.href).toBe(proxiedHref(input, pageBase('http'), suffixTwin, 'http', 8080));
        expect(parse(flat.url(input))?.href).toBe(proxiedHref(input, pageBase(), flatTwin));
        // Idempotent: the proxied form is never proxied again.
        expect(rw.url(out)).toBe(out);
      });
    });
  }
});

describe('a special scheme without slashes: absolute unless it is the page\'s own scheme', () => {
  // URL Standard, scheme state: `https:x` on an https page is a path relative to it.
  it('follows the public scheme, which is the page\'s', () => {
    const onHttps = rewriter({ publicScheme: 'https' });
    expect(onHttps.url('https:acme-docs.com/x')).toBe('https:acme-docs.com/x');
    expect(parse(onHttps.url('http:acme-docs.com/x'))?.hostname).toBe('acme-docs.com.proxy.test');
    expect(pub.url('http:acme-docs.com/x')).toBe('http:acme-docs.com/x');
    expect(parse(pub.url('https:acme-docs.com/x'), pageBase('http'))?.href).toBe('http://acme-docs.com.proxy.test:8080/x');
  });
  it('without a public scheme takes such a value as absolute, so it is never left to reach the host', () => {
    for (const input of ['https:acme-docs.com/x', 'http:acme-docs.com/x', 'HTTPS:/acme-docs.com']) {
      const out = rw.url(input);
      for (const scheme of ['http', 'https'] as const) {
        // On either page the result is the proxied host or a path on the (proxied) page.
        const host = parse(out, pageBase(scheme))?.hostname;
        expect(['acme-docs.com.proxy.test', 'page.invalid']).toContain(host);
      }
    }
  });
});

describe('byte fidelity of the proxied form', () => {
  it.each([
    // A host written plainly gets the suffix appended; every other byte stays.
    ['HTTPS://App.Acme-Docs.COM/A%20b?Q=1#F', 'HTTPS://App.Acme-Docs.COM.proxy.test/A%20b?Q=1#F'],
    ['https:\\\\acme-docs.com\\x', 'https:\\\\acme-docs.com.proxy.test\\x'],
    ['https://u@evil.org@acme-docs.com/x', 'https://u@evil.org@acme-docs.com.proxy.test/x'],
    ['https://acme-docs.com:/x', 'https://acme-docs.com.proxy.test:/x'],
    ['https://acme-docs.com./a', 'https://acme-docs.com.proxy.test./a'],
    // A host spelled through escapes, Unicode or a tab keeps that spelling too.
    ['https://%61cme-docs.com/a%7e?x=%7E', 'https://%61cme-docs.com.proxy.test/a%7e?x=%7E'],
    ['https://ACME-DOCS。COM/ü', 'https://ACME-DOCS。COM.proxy.test/ü'],
    ['https://bücher.acme-docs.com/pfad/ä?x=ü', 'https://bücher.acme-docs.com.proxy.test/pfad/ä?x=ü'],
    ['https://acme-\tdocs.com/a b', 'https://acme-\tdocs.com.proxy.test/a b'],
    ['https://acme-docs%2Ecom%2E/x', 'https://acme-docs%2Ecom.proxy.test%2E/x'],
    ['https://acme-docs.com。/x', 'https://acme-docs.com.proxy.test。/x'],
  ])('%j → %j', (input, output) => {
    expect(rw.url(input)).toBe(output);
  });

  it('writes the twin over the host where appending cannot give it (the flat scheme)', () => {
    expect(flat.url('https://%61cme-docs.com/a%7e')).toBe('https://acme--docs-com.proxy.test/a%7e');
    expect(flat.url('HTTPS://App.Acme-Docs.COM./x')).toBe('HTTPS://app-acme--docs-com.proxy.test./x');
  });

  it('carries the public scheme and port, replacing a written port (an empty one too)', () => {
    expect(pub.url('https://acme-docs.com:/x')).toBe('http://acme-docs.com.proxy.test:8080/x');
    expect(pub.url('wss://acme-docs.com:9000/s')).toBe('ws://acme-docs.com.proxy.test:8080/s');
    expect(pub.url('//acme-docs.com/x')).toBe('//acme-docs.com.proxy.test:8080/x');
    const tls = rewriter({ publicScheme: 'https', publicPort: 443 });
    expect(tls.url('http://acme-docs.com:80/x')).toBe('https://acme-docs.com.proxy.test/x');
    expect(tls.url('https://acme-docs.com:/x')).toBe('https://acme-docs.com.proxy.test/x');
    // Public scheme without a port: the old scheme's default port goes with it.
    const plain = rewriter({ publicScheme: 'http' });
    expect(plain.url('https://acme-docs.com:443/x')).toBe('http://acme-docs.com.proxy.test/x');
    expect(plain.url('https://acme-docs.com:8443/x')).toBe('http://acme-docs.com.proxy.test:8443/x');
  });
});

describe('a protected IPv4 address, spelled as the IPv4 parser reads numbers', () => {
  // URL Standard, IPv4 parser: hex, octal, fewer parts and one 32-bit number all count.
  const ip = rewriter({ domains: ['192.168.0.1'] });
  it.each(['http://3232235521/', 'http://0xC0.0xA8.0.1/', 'http://0300.0250.0.1/x', 'http://192.168.1/', 'http://192.0xa80001', 'https://%31%39%32.168.0.1/', 'http://１９２．１６８．０．１/'])('%j', (input) => {
    expect(parse(input)?.hostname).toBe('192.168.0.1');
    expect(parse(ip.url(input))?.hostname).toBe('192.168.0.1.proxy.test');
  });
  it('leaves other numbers alone', () => {
    for (const input of ['http://3232235522/', 'http://192.168.0.10/', '/3232235521']) expect(ip.url(input)).toBe(input);
  });
});
