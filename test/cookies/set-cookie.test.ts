import { describe, expect, it } from 'vitest';
import { rewriteSetCookie } from '../../src/cookies/index.js';
import { recordingContext } from './contexts.js';

describe('rewriteSetCookie, suffix scheme', () => {
  const { ctx, events } = recordingContext();

  it('proxies a dotted protected Domain and keeps every other byte', () => {
    expect(rewriteSetCookie(ctx, 'sid=abc; Domain=.example.com; Path=/; Secure; HttpOnly; SameSite=Lax'))
      .toBe('sid=abc; Domain=.example.com.proxy.test; Path=/; Secure; HttpOnly; SameSite=Lax');
  });

  it('proxies an undotted Domain, any attribute-name case, odd spacing kept', () => {
    expect(rewriteSetCookie(ctx, 'a=1;domain = APP.Example.com ;path=/x'))
      .toBe('a=1;domain = app.example.com.proxy.test ;path=/x');
  });

  it('proxies a parent domain when only subdomains are protected', () => {
    const only = recordingContext({ domains: ['*.shop.test.org'] }).ctx;
    expect(rewriteSetCookie(only, 'a=1; Domain=shop.test.org')).toBe('a=1; Domain=shop.test.org.proxy.test');
    const exact = recordingContext({ domains: ['app.corp.org'] }).ctx;
    expect(rewriteSetCookie(exact, 'a=1; Domain=.corp.org')).toBe('a=1; Domain=.corp.org.proxy.test');
    // A grandparent of a wildcard's hosts: x.eu.shop.org (protected) may set Domain=shop.org,
    // which its twin can only keep as shop.org.proxy.test (RFC 6265bis domain-match).
    const deeper = recordingContext({ domains: ['*.eu.shop.org'] }).ctx;
    expect(rewriteSetCookie(deeper, 'a=1; Domain=shop.org')).toBe('a=1; Domain=shop.org.proxy.test');
  });

  it('keeps host-only cookies host-only and keeps prefixes', () => {
    expect(rewriteSetCookie(ctx, '__Host-id=1; Path=/; Secure')).toBe('__Host-id=1; Path=/; Secure');
    expect(rewriteSetCookie(ctx, '__Secure-id=1; Domain=example.com; Secure'))
      .toBe('__Secure-id=1; Domain=example.com.proxy.test; Secure');
  });

  it('passes a cookie of an unprotected domain unchanged', () => {
    expect(rewriteSetCookie(ctx, 'IDE=x; Domain=.doubleclick.net; Path=/')).toBe('IDE=x; Domain=.doubleclick.net; Path=/');
    expect(rewriteSetCookie(ctx, 'x=1; Domain=notexample.com')).toBe('x=1; Domain=notexample.com');
  });

  it('is idempotent: an already proxied Domain is not protected again', () => {
    expect(rewriteSetCookie(ctx, 'a=1; Domain=.example.com.proxy.test')).toBe('a=1; Domain=.example.com.proxy.test');
  });

  it('refuses public-suffix and proxy-suffix domains with an event', () => {
    events.length = 0;
    expect(rewriteSetCookie(ctx, 'a=1; Domain=com')).toBeNull();
    expect(rewriteSetCookie(ctx, 'a=1; Domain=.co.uk')).toBeNull();
    expect(rewriteSetCookie(ctx, 'a=1; Domain=github.io')).toBeNull();
    expect(rewriteSetCookie(ctx, 'a=1; Domain=proxy.test')).toBeNull();
    expect(rewriteSetCookie(ctx, 'a=1; Domain=.test')).toBeNull();
    expect(events.map((e) => [e.type, e.reason])).toEqual([
      ['cookie-refused', 'public-suffix'],
      ['cookie-refused', 'public-suffix'],
      ['cookie-refused', 'public-suffix'],
      ['cookie-refused', 'proxy-suffix'],
      // `test` is above the proxy suffix: that reason is checked first.
      ['cookie-refused', 'proxy-suffix'],
    ]);
    expect(events[0].cookie).toBe('a');
  });

  it('decides on the last Domain (the effective one) and proxies or removes the others', () => {
    expect(rewriteSetCookie(ctx, 'a=1; Domain=other.org; Domain=example.com'))
      .toBe('a=1; Domain=example.com.proxy.test');
    expect(rewriteSetCookie(ctx, 'a=1; Domain=a.example.com; Domain=b.example.com'))
      .toBe('a=1; Domain=a.example.com.proxy.test; Domain=b.example.com.proxy.test');
    // Effective domain unprotected: browsers use it and reject the cookie; nothing to fix.
    expect(rewriteSetCookie(ctx, 'a=1; Domain=example.com; Domain=other.org')).toBe('a=1; Domain=example.com; Domain=other.org');
    expect(rewriteSetCookie(ctx, 'a=1; Domain=example.com; Domain=com')).toBeNull();
  });

  it('ignores an empty Domain, as browsers do', () => {
    expect(rewriteSetCookie(ctx, 'a=1; Domain=; Path=/')).toBe('a=1; Domain=; Path=/');
    expect(rewriteSetCookie(ctx, 'a=1; Domain=.')).toBe('a=1; Domain=.');
  });

  it('maps IDN domains in punycode', () => {
    const idn = recordingContext({ domains: ['bücher.example'] }).ctx;
    expect(rewriteSetCookie(idn, 'a=1; Domain=BÜCHER.example')).toBe('a=1; Domain=xn--bcher-kva.example.proxy.test');
  });

  it('never throws on malformed cookies; without a Domain they come back unchanged', () => {
    for (const bad of ['', ';', '=', '==;;', 'no-equals-sign', '; Domain', ';;;Domain=;;', 'a=1; Expires=garbage', '\u00ff\u0100=\ud800']) {
      expect(rewriteSetCookie(ctx, bad)).toBe(bad);
    }
    // tough-cookie rejects a pair with a control character; the Domain is still fixed.
    expect(rewriteSetCookie(ctx, 'a=\u0001; Domain=example.com')).toBe('a=\u0001; Domain=example.com.proxy.test');
    expect(rewriteSetCookie(ctx, '=; Domain=example.com')).toBe('=; Domain=example.com.proxy.test');
    // Not a valid host: the browser rejects it, we leave it.
    expect(rewriteSetCookie(ctx, 'a=1; Domain=exa mple.com')).toBe('a=1; Domain=exa mple.com');
    expect(rewriteSetCookie(ctx, 'a=1; Domain=..example.com')).toBe('a=1; Domain=..example.com');
  });

  it('refuses values holding CR, LF or NUL', () => {
    events.length = 0;
    expect(rewriteSetCookie(ctx, 'a=1\r\nSet-Cookie: b=2')).toBeNull();
    expect(rewriteSetCookie(ctx, 'a=1; Domain=example.com\0')).toBeNull();
    expect(events.map((e) => e.reason)).toEqual(['control-character', 'control-character']);
  });
});

describe('rewriteSetCookie, flat scheme', () => {
  const { ctx, events } = recordingContext({ scheme: 'flat' });

  it('removes a protected Domain: host-only on the proxied host that set it', () => {
    events.length = 0;
    expect(rewriteSetCookie(ctx, 'sid=abc; Domain=.example.com; Path=/; Secure')).toBe('sid=abc; Path=/; Secure');
    expect(rewriteSetCookie(ctx, 'sid=abc; Path=/; domain=app.example.com')).toBe('sid=abc; Path=/');
    expect(events.map((e) => e.type)).toEqual(['cookie-host-only', 'cookie-host-only']);
  });

  it('removes every Domain attribute, so no earlier one becomes effective', () => {
    expect(rewriteSetCookie(ctx, 'a=1; Domain=other.org; Secure; Domain=example.com')).toBe('a=1; Secure');
  });

  it('still refuses public suffixes and passes unprotected domains', () => {
    expect(rewriteSetCookie(ctx, 'a=1; Domain=com')).toBeNull();
    expect(rewriteSetCookie(ctx, 'a=1; Domain=other.org')).toBe('a=1; Domain=other.org');
  });
});
