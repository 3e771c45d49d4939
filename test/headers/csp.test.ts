import { describe, expect, it } from 'vitest';
import { rewriteCsp } from '../../src/headers/index.js';
import { rewriteResponseHeaders } from '../../src/headers/index.js';
import { recordingContext } from '../cookies/contexts.js';

describe('Content-Security-Policy, suffix scheme, no public port', () => {
  const { ctx } = recordingContext({ domains: ['example.com', '*.example.com', 'app.corp.org'] });
  const csp = (v: string) => rewriteCsp(ctx, v);

  it('host sources in every form', () => {
    expect(csp('default-src example.com app.example.com https://app.example.com:443 wss://ws.example.com/feed/'))
      .toBe('default-src example.com.proxy.test app.example.com.proxy.test https://app.example.com.proxy.test:443 wss://ws.example.com.proxy.test/feed/');
  });

  it('a scheme-relative source (not valid CSP) is still proxied, keeping its form', () => {
    expect(csp('img-src //cdn.example.com/img/')).toBe('img-src //cdn.example.com.proxy.test/img/');
  });

  it('a wildcard every subdomain of which is protected is replaced', () => {
    expect(csp('img-src *.example.com https://*.example.com:*')).toBe('img-src *.example.com.proxy.test https://*.example.com.proxy.test:*');
  });

  it('a wildcard only partly protected keeps the original and gains the proxied one, once', () => {
    const once = csp("script-src 'self' *.corp.org");
    expect(once).toBe("script-src 'self' *.corp.org *.corp.org.proxy.test");
    expect(csp(once)).toBe(once);
  });

  it('keywords, nonces, hashes, scheme sources, * and unprotected hosts untouched', () => {
    const v = "script-src 'self' 'unsafe-inline' 'nonce-ZXhhbXBsZS5jb20=' 'sha256-abc' 'strict-dynamic' https: data: blob: * *.other.org other.org example.com.evil.org";
    expect(csp(v)).toBe(v);
  });

  it('report-uri URLs (absolute ones only), report-to names untouched', () => {
    expect(csp('default-src none; report-uri https://r.example.com/csp /local-report; report-to example.com'))
      .toBe('default-src none; report-uri https://r.example.com.proxy.test/csp /local-report; report-to example.com');
  });

  it('directives that take no sources are untouched, unknown ones are treated as source lists', () => {
    expect(csp('sandbox allow-scripts; trusted-types example.com; future-src app.example.com'))
      .toBe('sandbox allow-scripts; trusted-types example.com; future-src app.example.com.proxy.test');
  });

  it('several policies joined by commas, and odd whitespace kept', () => {
    expect(csp("default-src 'self'\tapp.example.com ;, frame-ancestors  app.example.com"))
      .toBe("default-src 'self'\tapp.example.com.proxy.test ;, frame-ancestors  app.example.com.proxy.test");
  });

  it('upper case and IDN-free hosts are compared case-insensitively', () => {
    expect(csp('connect-src HTTPS://APP.EXAMPLE.COM')).toBe('connect-src HTTPS://app.example.com.proxy.test');
  });

  it('applies to the Report-Only header too', () => {
    expect(rewriteResponseHeaders(ctx, { 'content-security-policy-report-only': 'default-src app.example.com' }))
      .toEqual({ 'content-security-policy-report-only': 'default-src app.example.com.proxy.test' });
  });
});

describe('Content-Security-Policy with a public scheme and port', () => {
  const { ctx } = recordingContext({ publicScheme: 'http', publicPort: 8080 });
  it('sources take the public scheme and port; a source without port gains it', () => {
    expect(rewriteCsp(ctx, 'default-src https://app.example.com:443 app.example.com *.example.com wss://ws.example.com https://*.example.com:*'))
      .toBe('default-src http://app.example.com.proxy.test:8080 app.example.com.proxy.test:8080 *.example.com.proxy.test:8080 ws://ws.example.com.proxy.test:8080 http://*.example.com.proxy.test:*');
  });

  it('the default port of the public scheme is not written', () => {
    const tls = recordingContext({ publicScheme: 'https', publicPort: 443 }).ctx;
    expect(rewriteCsp(tls, 'default-src http://app.example.com:80 app.example.com'))
      .toBe('default-src https://app.example.com.proxy.test app.example.com.proxy.test');
  });
});

describe('Content-Security-Policy, flat scheme', () => {
  const { ctx, events } = recordingContext({ scheme: 'flat', domains: ['example.com', '*.example.com', 'app.corp.org'] });
  it('hosts become one label, wildcards become *.S', () => {
    expect(rewriteCsp(ctx, 'default-src https://app.example.com *.example.com *.corp.org example.com'))
      .toBe('default-src https://app-example-com.proxy.test *.proxy.test *.corp.org *.proxy.test example-com.proxy.test');
  });

  it('a host too long for one label stays and is reported', () => {
    events.length = 0;
    const long = 'a'.repeat(60) + '.example.com'; // flat label: 60 + 12 = 72 > 63
    expect(rewriteCsp(ctx, `img-src ${long}`)).toBe(`img-src ${long}`);
    expect(events.map((e) => e.type)).toEqual(['mapping-error']);
  });
});
