import { describe, expect, it } from 'vitest';
import { rewriteRequestHeaders, rewriteRequestTarget } from '../../src/headers/index.js';
import { recordingContext } from '../cookies/contexts.js';

describe('request headers, suffix scheme, public http:8080', () => {
  const { ctx } = recordingContext({ publicScheme: 'http', publicPort: 8080 });

  it('Host maps back without the proxy port; Origin and Referer map back to upstream https', () => {
    expect(rewriteRequestHeaders(ctx, {
      host: 'app.example.com.proxy.test:8080',
      origin: 'http://app.example.com.proxy.test:8080',
      referer: 'http://app.example.com.proxy.test:8080/p?next=http%3A%2F%2Fapi.example.com.proxy.test%3A8080%2Fv1',
      cookie: 'sid=abc; Domain=example.com.proxy.test',
      accept: '*/*',
    })).toEqual({
      host: 'app.example.com',
      origin: 'https://app.example.com',
      referer: 'https://app.example.com/p?next=https%3A%2F%2Fapi.example.com%2Fv1',
      cookie: 'sid=abc; Domain=example.com.proxy.test',
      accept: '*/*',
    });
  });

  it('a Host that does not map back is left for the caller to refuse', () => {
    for (const host of ['evil.org.proxy.test', 'evil.org', 'proxy.test', '[::1]:8080', '127.0.0.1:8080', '', 'APP.EXAMPLE.COM.PROXY.TEST.evil.org', 'app.example.com.proxy.test:99999']) {
      expect(rewriteRequestHeaders(ctx, { host }).host).toBe(host);
    }
  });

  it('Host is matched case-insensitively and with a trailing dot', () => {
    expect(rewriteRequestHeaders(ctx, { host: 'App.Example.COM.proxy.test.:8080' }).host).toBe('app.example.com');
  });

  it('Origin null and third-party Referers pass unchanged', () => {
    expect(rewriteRequestHeaders(ctx, { origin: 'null', referer: 'https://search.example.org/?q=x' }))
      .toEqual({ origin: 'null', referer: 'https://search.example.org/?q=x' });
  });
});

describe('request headers, flat scheme, no public scheme or port', () => {
  const { ctx } = recordingContext({ scheme: 'flat' });
  it('maps flat names back, keeping scheme and (absent public port) port', () => {
    expect(rewriteRequestHeaders(ctx, {
      host: 'app-example-com.proxy.test',
      origin: 'https://app-example-com.proxy.test',
      referer: 'https://a--b-example-com.proxy.test/x',
    })).toEqual({ host: 'app.example.com', origin: 'https://app.example.com', referer: 'https://a-b.example.com/x' });
  });

  it('refuses non-canonical flat spellings (they are not proxied twins)', () => {
    expect(rewriteRequestHeaders(ctx, { host: 'app.example-com.proxy.test' }).host).toBe('app.example-com.proxy.test');
  });
});

describe('rewriteRequestTarget', () => {
  const { ctx } = recordingContext({ publicScheme: 'http', publicPort: 8080 });

  it('maps proxied URLs in the query back, in their encoding', () => {
    expect(rewriteRequestTarget(ctx, '/sso?return=http%3A%2F%2Fapp.example.com.proxy.test%3A8080%2Fhome&x=1'))
      .toBe('/sso?return=https%3A%2F%2Fapp.example.com%2Fhome&x=1');
    expect(rewriteRequestTarget(ctx, '/r?u=http://www.example.com.proxy.test:8080/a'))
      .toBe('/r?u=https://www.example.com/a');
  });

  it('leaves targets without proxied URLs, and unmappable proxied hosts, alone', () => {
    for (const t of ['/', '/a/b?c=d#e', '/r?u=https%3A%2F%2Fevil.org.proxy.test%2F', '*']) expect(rewriteRequestTarget(ctx, t)).toBe(t);
  });

  it('percent-encodes controls and spaces instead of passing them on', () => {
    expect(rewriteRequestTarget(ctx, '/a b\r\nHost: evil\0')).toBe('/a%20b%0D%0AHost:%20evil%00');
  });
});
