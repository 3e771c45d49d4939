import { describe, expect, it } from 'vitest';
import { rewriteSetCookie } from '../../src/cookies/index.js';
import { rewriteRequestHeaders, rewriteResponseHeaders } from '../../src/headers/index.js';
import { recordingContext } from '../cookies/contexts.js';

const MB = 1024 * 1024;

describe('header injection', () => {
  const { ctx, events } = recordingContext();

  it('drops values holding CR, LF, NUL or other controls, with a header-dropped event', () => {
    events.length = 0;
    const out = rewriteResponseHeaders(ctx, {
      location: 'https://app.example.com/\r\nSet-Cookie: x=1',
      'x-a': 'a\nb',
      'x-b': 'a\0b',
      'x-c': 'a\u0007b',
      'x-d': 'a\u007fb',
      'x-tab': 'a\tb',
      vary: ['Origin', 'Accept\r\nX: y'],
    });
    expect(out).toEqual({ 'x-tab': 'a\tb', vary: ['Origin'] });
    expect(events.filter((e) => e.type === 'header-dropped').map((e) => e.header)).toEqual(['location', 'x-a', 'x-b', 'x-c', 'x-d', 'vary']);
  });

  it('the same holds on the request side, Cookie included', () => {
    const out = rewriteRequestHeaders(ctx, { host: 'app.example.com.proxy.test\r\nX: y', cookie: 'a=1\nb=2', accept: 'text/html' });
    expect(out).toEqual({ accept: 'text/html' });
  });

  it('drops header names that are not tokens', () => {
    events.length = 0;
    const out = rewriteResponseHeaders(ctx, { 'x-ok': '1', 'bad name': '1', 'x\r\ny': '1', '': '1', 'é': '1' });
    expect(out).toEqual({ 'x-ok': '1' });
    expect(events.every((e) => e.type === 'header-dropped' && e.reason === 'invalid-name')).toBe(true);
    expect(events).toHaveLength(4);
  });

  it('a __proto__ header is an own property, not a prototype change', () => {
    const input = JSON.parse('{"__proto__": "x", "a": "1"}') as Record<string, string>;
    const out = rewriteResponseHeaders(ctx, input);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(['__proto__', 'a']);
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toBe('x');
  });

  it('values that are not strings are dropped, not thrown on', () => {
    const input = { a: 5, b: null, c: ['x', 7, { y: 1 }], d: {} } as unknown as Record<string, string>;
    expect(rewriteResponseHeaders(ctx, input)).toEqual({ c: ['x'] });
    expect(rewriteRequestHeaders(ctx, input)).toEqual({ c: ['x'] });
    // A wrong shape is a programming error, not a header value: it throws (test/headers/shapes.test.ts).
    expect(() => rewriteResponseHeaders(ctx, null as unknown as Record<string, string>)).toThrow(TypeError);
  });
});

describe('size', () => {
  const { ctx } = recordingContext();

  it('1 MB header values of every rewritten kind come back whole', () => {
    const pad = 'x'.repeat(MB);
    const host = 'https://app.example.com/';
    const proxied = 'https://app.example.com.proxy.test/';
    const out = rewriteResponseHeaders(ctx, {
      location: host + '?' + pad,
      refresh: '0; url=' + host + pad,
      link: `<${host}>; rel=preload, <` + pad,
      'content-security-policy': 'default-src ' + `${'app.example.com '.repeat(MB / 16)}` + '*.example.com',
      'report-to': '{"url":"' + host + '","x":"' + '\\"'.repeat(MB / 2) + '"}',
      'reporting-endpoints': 'a="' + host + pad + '"',
      'timing-allow-origin': (host + ', ').repeat(MB / 25),
      'x-other': pad,
    });
    expect(out.location).toBe(proxied + '?' + pad);
    expect(out.refresh).toBe('0; url=' + proxied + pad);
    expect(out.link).toBe(`<${proxied}>; rel=preload, <` + pad);
    expect(out['content-security-policy']).toBe('default-src ' + 'app.example.com.proxy.test '.repeat(MB / 16) + '*.example.com.proxy.test');
    expect(out['report-to']).toBe('{"url":"' + proxied + '","x":"' + '\\"'.repeat(MB / 2) + '"}');
    expect(out['reporting-endpoints']).toBe('a="' + proxied + pad + '"');
    expect(out['timing-allow-origin']).toBe((proxied + ', ').repeat(MB / 25));
    expect(out['x-other']).toBe(pad);
  });

  it('1 MB of separators, quotes and semicolons, the worst cases of each parser', () => {
    const semis = ';'.repeat(MB);
    expect(rewriteSetCookie(ctx, 'a=1' + semis + 'Domain=example.com')).toBe('a=1' + semis + 'Domain=example.com.proxy.test');
    const many = 'a=1' + '; Domain=a.org'.repeat(MB / 14);
    expect(rewriteSetCookie(ctx, many)).toBe(many);
    const quotes = '"'.repeat(MB);
    const out = rewriteResponseHeaders(ctx, {
      link: '<'.repeat(MB) + ' example.com',
      'report-to': quotes + 'example.com',
      'reporting-endpoints': quotes + 'https://example.com',
      'content-security-policy': '*.'.repeat(MB / 2),
      refresh: '1'.repeat(MB) + ' https://example.com',
    });
    expect(out.link).toBe('<'.repeat(MB) + ' example.com');
    expect(out['content-security-policy']).toBe('*.'.repeat(MB / 2));
    expect(out.refresh).toBe('1'.repeat(MB) + ' https://example.com.proxy.test');
    expect(out['report-to']).toBe(quotes + 'example.com');
  });

  it('10,000 Set-Cookie values stay 10,000 separate, rewritten values', () => {
    const cookies = Array.from({ length: 10_000 }, (_, i) => `c${i}=v${i}; Domain=.example.com; Path=/; Secure`);
    const out = rewriteResponseHeaders(ctx, { 'set-cookie': cookies })['set-cookie'] as string[];
    expect(out).toHaveLength(10_000);
    expect(out[0]).toBe('c0=v0; Domain=.example.com.proxy.test; Path=/; Secure');
    expect(out[9_999]).toBe('c9999=v9999; Domain=.example.com.proxy.test; Path=/; Secure');
  });
});
