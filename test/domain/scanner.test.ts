import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { HostRewriter, applyEdits, editsOf } from '../../src/domain/index.js';
import { createRewriter } from '../../src/rewriter.js';

const hosts = new HostRewriter({ suffix: 'proxy.test', domains: ['example.com', '*.example.com'] });
const scan = (text: string) => hosts.scanner.scan(text, 0, text.length, { start: 0, end: text.length });
const contexts = (text: string) => scan(text).map((o) => [o.host, o.context]);
const rewriteAll = (text: string) => applyEdits(text, editsOf(scan(text), () => true));

describe('the boundary rule', () => {
  it.each([
    'example.com.evil.org',
    'notexample.com',
    'example.community',
    'example.com-x',
    'example.com.proxy.test',
    'https://app.example.com.proxy.test/',
    'éexample.com',
    'my_example.com',
  ])('%j holds no occurrence', (text) => {
    expect(scan(text)).toEqual([]);
  });

  it.each([
    'https://example.com\\x2eevil.org/',
    'https://example.com\\u002Eevil.org/',
    'https://example.com%2eevil.org/',
    'https://app.example.com\\u002eproxy.test/',
  ])('%j: an escaped dot continues the host, so it is no occurrence', (text) => {
    expect(scan(text)).toEqual([]);
  });

  it('finds the whole host, not a part of it', () => {
    const only = new HostRewriter({ suffix: 'proxy.test', domains: ['example.com'] });
    expect(only.scanner.scan('https://sub.example.com/')).toEqual([]);
    expect(only.scanner.scan('https://example.com/').map((o) => o.host)).toEqual(['example.com']);
  });

  it('never takes a public suffix for a leading-dot or wildcard host', () => {
    const uk = new HostRewriter({ suffix: 'proxy.test', domains: ['bbc.co.uk', 'twitter.com'] });
    for (const s of ['.co.uk', '*.co.uk', '.uk', '.com', '*.com']) expect(uk.codeString(s)).toBe(s);
    expect(uk.codeString('.bbc.co.uk')).toBe('.bbc.co.uk.proxy.test');
  });

  it('allows one leading dot (cookie domain style) and a trailing FQDN dot', () => {
    expect(contexts('.example.com')).toEqual([['example.com', 'whole']]);
    expect(contexts('see example.com. Then')).toEqual([['example.com', 'other']]);
  });
});

describe('context classification', () => {
  it.each([
    ['https://app.example.com/x', 'url'],
    ['//app.example.com/x', 'url'],
    ['https:\\/\\/app.example.com\\/x', 'url'],
    ['https:\\\\/\\\\/app.example.com', 'url'],
    ['https:\\u002F\\u002Fapp.example.com', 'url'],
    ['https:\\u002f\\u002fapp.example.com', 'url'],
    ['https:\\x2F\\x2Fapp.example.com', 'url'],
    ['https:\\\\u002F\\\\u002Fapp.example.com', 'url'],
    ['https:\\\\x2F\\\\x2Fapp.example.com', 'url'],
    ['https%3A%2F%2Fapp.example.com', 'url'],
    ['https%3a%2f%2fapp.example.com', 'url'],
    ['https%253A%252F%252Fapp.example.com', 'url'],
    ['https%25253A%25252F%25252Fapp.example.com', 'url'],
    ['https://user:pw@app.example.com/', 'url'],
    ['write to user@app.example.com', 'email'],
    ['^https?:\\/\\/example\\.com$', 'url'],
    ['(www\\.)?example\\.com$', 'regex'],
    ['a.b example.com c', 'other'],
  ])('%j is %s', (text, context) => {
    const found = scan(text);
    expect(found).toHaveLength(1);
    expect(found[0].context).toBe(context);
  });

  it('calls the whole given range "whole", with a leading dot or wildcard', () => {
    expect(contexts('example.com')).toEqual([['example.com', 'whole']]);
    expect(contexts('*.example.com')).toEqual([['example.com', 'whole']]);
    expect(scan('*.example.com')[0].wildcard).toBe(true);
  });
});

describe('edits', () => {
  it('keeps the spelling of the text around the host', () => {
    expect(rewriteAll('https:\\/\\/App.Example.COM\\/x')).toBe('https:\\/\\/App.Example.COM.proxy.test\\/x');
    expect(rewriteAll('^https://example\\.com$')).toBe('^https://example\\.com\\.proxy\\.test$');
    expect(rewriteAll('"a\\\\.example\\\\.com"')).toBe('"a\\\\.example\\\\.com\\\\.proxy\\\\.test"');
  });

  it('applies the public scheme and port, in the encoding of the URL', () => {
    const pub = new HostRewriter({ suffix: 'proxy.test', domains: ['*.example.com'], publicScheme: 'http', publicPort: 8080 });
    expect(pub.url('https://a.example.com/x')).toBe('http://a.example.com.proxy.test:8080/x');
    expect(pub.url('wss://a.example.com/x')).toBe('ws://a.example.com.proxy.test:8080/x');
    expect(pub.url('https://a.example.com:8443/x')).toBe('http://a.example.com.proxy.test:8080/x');
    expect(pub.url('//a.example.com/x')).toBe('//a.example.com.proxy.test:8080/x');
    expect(pub.url('https://a.example.com./x')).toBe('http://a.example.com.proxy.test.:8080/x');
    expect(pub.url('https://a.example.com.:443/x')).toBe('http://a.example.com.proxy.test.:8080/x');
    expect(pub.url('/r?to=https%3A%2F%2Fa.example.com%2Fz')).toBe('/r?to=http%3A%2F%2Fa.example.com.proxy.test%3A8080%2Fz');
    expect(pub.url('/r?to=https%3a%2f%2fa.example.com')).toBe('/r?to=http%3a%2f%2fa.example.com.proxy.test%3a8080');
    const tls = new HostRewriter({ suffix: 'proxy.test', domains: ['*.example.com'], publicScheme: 'https', publicPort: 443 });
    expect(tls.url('http://a.example.com:80/x')).toBe('https://a.example.com.proxy.test/x');
  });

  it('leaves what is not a URL position alone in url()', () => {
    for (const u of ['mailto:me@example.com', 'data:text/html,<a href="https://example.com">', 'javascript:go("https://example.com")', '/relative/example.com', 'tel:+1', 'blob:https://example.com/uuid']) {
      expect(hosts.url(u)).toBe(u);
    }
  });

  it('rewrites nested, percent-encoded URLs (the SSO escape route)', () => {
    expect(hosts.url('https://login.example.com/sso?return=https%3A%2F%2Fapp.example.com%2Fhome')).toBe(
      'https://login.example.com.proxy.test/sso?return=https%3A%2F%2Fapp.example.com.proxy.test%2Fhome',
    );
  });

  it('maps proxied URLs back, nested ones included', () => {
    const pub = new HostRewriter({ suffix: 'proxy.test', domains: ['*.example.com'], publicScheme: 'http', publicPort: 8080 });
    expect(pub.upstreamUrl('http://a.example.com.proxy.test:8080/x?r=http%3A%2F%2Fb.example.com.proxy.test%3A8080%2F')).toBe(
      'https://a.example.com/x?r=https%3A%2F%2Fb.example.com%2F',
    );
    expect(pub.upstreamUrl('http://evil.org.proxy.test:8080/')).toBe('http://evil.org.proxy.test:8080/');
  });
});

describe('properties', () => {
  const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,6}[a-z0-9])?$/);
  const protectedHost = fc.array(label, { maxLength: 3 }).map((ls) => [...ls, 'example', 'com'].join('.'));
  const filler = fc.string({ unit: fc.constantFrom(' ', '"', "'", '/', ':', '@', '\\', '%', '=', '?', '<', '>', 'a', '.', '-', '2', 'F') });
  const prefix = fc.constantFrom('https://', '//', 'https:\\/\\/', '%2F%2F', ' ', '"', 'user@', '.', '*.', '');
  const text = fc.array(fc.tuple(filler, prefix, protectedHost), { maxLength: 6 }).map((parts) => parts.map(([f, p, h]) => f + p + h).join(' '));

  it('is idempotent: rewriting its own output changes nothing', () => {
    fc.assert(
      fc.property(text, (t) => {
        const once = rewriteAll(t);
        expect(rewriteAll(once)).toBe(once);
      }),
    );
  });

  it('never finds a lookalike: a label glued before or after, .evil.org appended, or already proxied', () => {
    const exact = new HostRewriter({ suffix: 'proxy.test', domains: ['example.com'] });
    const glueBefore = fc.stringMatching(/^[a-z0-9-]{1,5}$/);
    const glueAfter = fc.oneof(fc.stringMatching(/^[a-z0-9_-]{1,5}$/), fc.constantFrom('.evil.org', '.proxy.test', '.a'));
    const lookalike = fc.oneof(
      glueBefore.map((b) => b + 'example.com'),
      glueAfter.map((a) => 'example.com' + a),
      fc.tuple(glueBefore, glueAfter).map(([b, a]) => b + 'example.com' + a),
    );
    fc.assert(
      fc.property(filler, prefix, lookalike, filler, (f1, p, l, f2) => {
        // After an odd run of backslashes the glued character is an escape (`\0example.com`
        // is NUL then example.com), so the lookalike is no longer glued.
        fc.pre(!/(?:^|[^\\])(?:\\\\)*\\$/.test(f1 + p));
        // Likewise after `%`: `%00example.com` is a percent-escaped NUL, then example.com.
        fc.pre(!/%[0-9a-fA-F]?$/.test(f1 + p));
        const t = f1 + p + l + ' ' + f2;
        // The filler may itself spell example.com; only the lookalike's position matters.
        const at = f1.length + p.length;
        expect(exact.scanner.scan(t).filter((o) => o.start >= at && o.start < at + l.length)).toEqual([]);
      }),
    );
  });
});

describe('many patterns', () => {
  // Past one two-label tail the search anchors on last labels; results must not change.
  const many = new HostRewriter({
    suffix: 'proxy.test',
    domains: [...Array.from({ length: 40 }, (_, i) => `*.tenant${i}.example`), 'example.com', '*.example.com'],
  });
  it.each([
    ['https://a.tenant7.example/x', 'https://a.tenant7.example.proxy.test/x'],
    ['https://tenant7.example/x', 'https://tenant7.example/x'],
    ['https://a.tenant99.example/x', 'https://a.tenant99.example/x'],
    ['https://app.example.com/x', 'https://app.example.com.proxy.test/x'],
    ['https://app.example.community/', 'https://app.example.community/'],
  ])('%j → %j', (input, output) => {
    expect(many.url(input)).toBe(output);
  });
  it('keeps the dot spelling of regex-escaped hosts', () => {
    expect(many.codeString('^a\\.tenant3\\.example$')).toBe('^a\\.tenant3\\.example\\.proxy\\.test$');
  });
});

describe('backslash authorities (the URL parser reads `\\` as `/` in special URLs)', () => {
  const whole = (text: string) => scan(text).map((o) => o.context);
  it.each([
    // As values (a CSS string, a decoded JSON string) and as JS/JSON source, where `\\` is one backslash.
    'https:\\\\app.example.com/x',
    'HTTPS:\\\\app.example.com/x',
    'http:\\/app.example.com',
    'wss:/\\\\app.example.com',
    'https:\\\\\\\\app.example.com/x',
    'https:\\\\user@app.example.com/',
    '\\\\app.example.com/y',
    '\\\\\\\\app.example.com/y',
    '/\\\\app.example.com/y',
  ])('%j is a url occurrence', (text) => {
    expect(whole(text)).toEqual(['url']);
  });

  it.each([
    // Not special schemes, not at the string's start, or a single backslash: no authority.
    ['ftp:\\\\app.example.com', 'other'],
    ['C:\\\\app.example.com\\\\share', 'other'],
    ['see \\\\app.example.com', 'other'],
    ['https:\\app.example.com', 'other'],
  ])('%j stays %s', (text, context) => {
    expect(whole(text)).toEqual([context]);
  });

  it('proxies them in JS string literals, as the value the literal holds parses', () => {
    const rw = createRewriter({ suffix: 'proxy.test', domains: ['acme-docs.com'] });
    for (const [source, wanted] of [
      ["location = 'https:\\\\\\\\acme-docs.com/x';", 'acme-docs.com.proxy.test'],
      ["fetch('\\\\\\\\acme-docs.com/y');", 'acme-docs.com.proxy.test'],
      ["var u = \"http:\\\\\\\\acme-docs.com\";", 'acme-docs.com.proxy.test'],
    ] as const) {
      const out = rw.rewriteJs(source);
      const literal = /(['"])(.*)\1/.exec(out)?.[2] as string;
      // The literal's value (JS string semantics), resolved as a URL on an https page.
      const value = JSON.parse('"' + literal.replace(/"/g, '\\"') + '"') as string;
      expect(new URL(value, 'https://page.proxy.test/').hostname).toBe(wanted);
    }
    expect(rw.rewriteJson('{"u":"https:\\\\\\\\acme-docs.com/x"}')).toBe('{"u":"https:\\\\\\\\acme-docs.com.proxy.test/x"}');
  });
});

describe('flat scheme: a leading-dot suffix test', () => {
  const flat = new HostRewriter({ suffix: 'proxy.test', domains: ['acme-docs.com', '*.acme-docs.com'], scheme: 'flat' });
  it('maps `.acme-docs.com` to the suffix every flat twin of a subdomain ends with', () => {
    const suffix = flat.codeString('.acme-docs.com');
    expect(suffix).toBe('-acme--docs-com.proxy.test');
    for (const h of ['app.acme-docs.com', 'a.b.acme-docs.com', 'x-y.acme-docs.com']) expect(flat.map.proxyHost(h).endsWith(suffix)).toBe(true);
    // The apex is no subdomain, as `'acme-docs.com'.endsWith('.acme-docs.com')` is false.
    expect(flat.map.proxyHost('acme-docs.com').endsWith(suffix)).toBe(false);
  });
  it('does the same in a regular expression, in its escaped spelling', () => {
    const re = flat.codeString('\\.acme-docs\\.com$');
    expect(re).toBe('-acme--docs-com\\.proxy\\.test$');
    expect(new RegExp(re).test(flat.map.proxyHost('app.acme-docs.com'))).toBe(true);
  });
  it('keeps `*.acme-docs.com` as the wildcard of the proxy suffix', () => {
    expect(flat.codeString('*.acme-docs.com')).toBe('*.proxy.test');
  });
});

describe('ports in code strings, as the URL parser reads them', () => {
  const pub = new HostRewriter({ suffix: 'proxy.test', domains: ['*.example.com'], publicScheme: 'http', publicPort: 8080 });
  it.each([
    // An empty port is no port; the public one replaces it rather than following it.
    ['https://a.example.com:/x', 'http://a.example.com.proxy.test:8080/x'],
    ['https:\\/\\/a.example.com:\\/x', 'http:\\/\\/a.example.com.proxy.test:8080\\/x'],
    ['https%3A%2F%2Fa.example.com%3A%2Fx', 'http%3A%2F%2Fa.example.com.proxy.test%3A8080%2Fx'],
    // Leading zeros are one port.
    ['https://a.example.com:0000443/x', 'http://a.example.com.proxy.test:8080/x'],
  ])('%j → %j', (input, output) => {
    expect(pub.codeString(input)).toBe(output);
    const decoded = decodeURIComponent(output.replaceAll('\\/', '/'));
    expect(new URL(decoded).host).toBe('a.example.com.proxy.test:8080');
  });
  // A colon that ends the string starts a port the code writes after it (`'//h:' + port`,
  // `` `//h:${port}` ``): a public port put before it would make `:8080` + `9000`, so the
  // colon stays and the client runtime gives the built URL the public port.
  it.each([
    ['https://a.example.com:', 'http://a.example.com.proxy.test:'],
  ])('leaves an open port %j to the code: %j', (input, output) => {
    expect(pub.codeString(input)).toBe(output);
    expect(new URL(output.replaceAll('\\/', '/') + '9000').host).toBe('a.example.com.proxy.test:9000');
  });
  it('leaves a colon that starts no port alone', () => {
    expect(pub.codeString('see a.example.com: it is fine')).toBe('see a.example.com: it is fine');
  });
});
