import { describe, expect, it } from 'vitest';
import { rewriteResponseHeaders } from '../../src/headers/index.js';
import { recordingContext } from '../cookies/contexts.js';

// The four configurations every URL rule is checked in, with the proxied origin of
// `https://app.example.com` in each, worked out by hand from DESIGN "Host mapping".
const CONFIGS = [
  { name: 'suffix', options: {}, origin: 'https://app.example.com.proxy.test', host: (h: string) => `${h}.proxy.test` },
  { name: 'suffix http:8080', options: { publicScheme: 'http', publicPort: 8080 }, origin: 'http://app.example.com.proxy.test:8080', host: (h: string) => `${h}.proxy.test` },
  { name: 'flat', options: { scheme: 'flat' }, origin: 'https://app-example-com.proxy.test', host: (h: string) => `${h.replaceAll('.', '-')}.proxy.test` },
  { name: 'flat http:8080', options: { scheme: 'flat', publicScheme: 'http', publicPort: 8080 }, origin: 'http://app-example-com.proxy.test:8080', host: (h: string) => `${h.replaceAll('.', '-')}.proxy.test` },
] as const;

for (const config of CONFIGS) {
  describe(`response URL headers (${config.name})`, () => {
    const { ctx } = recordingContext(config.options as Parameters<typeof recordingContext>[0]);
    const o = config.origin;
    // The origin's scheme and port, for URLs of other hosts.
    const withHost = (h: string) => o.replace('app.example.com', h).replace('app-example-com', h.replaceAll('.', '-'));
    const rw = (headers: Record<string, string | string[]>, bodyChanged = false) => rewriteResponseHeaders(ctx, headers, { bodyChanged });

    it('Location and Content-Location, nested encoded return URLs included', () => {
      const enc = encodeURIComponent(o + '/home');
      expect(rw({ location: 'https://app.example.com/login?return=https%3A%2F%2Fapp.example.com%2Fhome' }).location)
        .toBe(`${o}/login?return=${enc}`);
      expect(rw({ 'content-location': 'https://app.example.com/doc.json' })['content-location']).toBe(`${o}/doc.json`);
    });

    it('Service-Worker-Allowed: a URL or //host on a protected host becomes its twin, a path stays', () => {
      // The browser resolves the value against the script's URL (Service Workers, Update
      // step "max scope"): a path then means the same path on the proxied script's host.
      const swa = (v: string) => rw({ 'service-worker-allowed': v })['service-worker-allowed'];
      expect(swa('https://app.example.com/')).toBe(`${o}/`);
      expect(swa('https://app.example.com/app/')).toBe(`${o}/app/`);
      expect(swa('//app.example.com/app/')).toBe(`${o.replace(/^https?:/, '')}/app/`);
      for (const v of ['/', '/app/', 'scope/', '../', 'https://example.org/', 'https://example.com.evil.org/']) expect(swa(v)).toBe(v);
      // Any spelling of the name (the browser's header lookup ignores case).
      expect(rewriteResponseHeaders(ctx, ['Service-Worker-Allowed', 'https://app.example.com/x/'])).toEqual({ 'service-worker-allowed': `${o}/x/` });
      expect(rw({ 'Service-Worker-Allowed': 'https://app.example.com/y/' })['Service-Worker-Allowed']).toBe(`${o}/y/`);
    });

    it('leaves relative, unprotected and lookalike locations alone', () => {
      for (const v of ['/relative?x=1', 'https://example.org/', 'https://example.com.evil.org/', 'https://notexample.com/', 'mailto:a@example.com']) {
        expect(rw({ location: v }).location).toBe(v);
      }
    });

    it('Refresh in all its spellings', () => {
      expect(rw({ refresh: '5; url=https://app.example.com/next' }).refresh).toBe(`5; url=${o}/next`);
      expect(rw({ refresh: '0;URL=https://app.example.com/' }).refresh).toBe(`0;URL=${o}/`);
      expect(rw({ refresh: '3, url = "https://app.example.com/q" trailing' }).refresh).toBe(`3, url = "${o}/q" trailing`);
      expect(rw({ refresh: "1 'https://app.example.com/'" }).refresh).toBe(`1 '${o}/'`);
      expect(rw({ refresh: '2; https://app.example.com/' }).refresh).toBe(`2; ${o}/`);
      expect(rw({ refresh: '10' }).refresh).toBe('10');
    });

    it('Access-Control-Allow-Origin and Timing-Allow-Origin', () => {
      expect(rw({ 'access-control-allow-origin': 'https://app.example.com' })['access-control-allow-origin']).toBe(o);
      expect(rw({ 'access-control-allow-origin': '*' })['access-control-allow-origin']).toBe('*');
      expect(rw({ 'access-control-allow-origin': 'null' })['access-control-allow-origin']).toBe('null');
      expect(rw({ 'timing-allow-origin': 'https://app.example.com, https://cdn.example.com,https://other.org' })['timing-allow-origin'])
        .toBe(`${o}, ${withHost('cdn.example.com')},https://other.org`);
    });

    it('Link: URIs, commas inside <> and quotes, anchor and imagesrcset', () => {
      const link = '<https://cdn.example.com/a,b.css>; rel=preload; as=style, <https://other.org/x>; rel="a,b", ' +
        '</img>; rel=preload; as=image; imagesrcset="https://img.example.com/1.jpg 1x, https://img.example.com/2.jpg 2x", ' +
        '<https://app.example.com/>; rel=alternate; anchor="https://app.example.com/#top"';
      expect(rw({ link }).link).toBe(
        `<${withHost('cdn.example.com')}/a,b.css>; rel=preload; as=style, <https://other.org/x>; rel="a,b", ` +
        `</img>; rel=preload; as=image; imagesrcset="${withHost('img.example.com')}/1.jpg 1x, ${withHost('img.example.com')}/2.jpg 2x", ` +
        `<${o}/>; rel=alternate; anchor="${o}/#top"`);
    });

    it('Link: a quoted title is prose, not a URL', () => {
      const link = '<https://app.example.com/>; rel=help; title="see <https://app.example.com/>"';
      expect(rw({ link }).link).toBe(`<${o}/>; rel=help; title="see <https://app.example.com/>"`);
    });

    it('Report-To: every URL in the JSON, list of objects included', () => {
      const v = '{"group":"csp","max_age":10886400,"endpoints":[{"url":"https://app.example.com/r"}]}, {"group":"nel","endpoints":[{"url":"https:\\/\\/r.example.com\\/nel"},{"url":"https://other.org/"}]}';
      const slashEsc = withHost('r.example.com').replaceAll('/', '\\/');
      expect(rw({ 'report-to': v })['report-to']).toBe(
        `{"group":"csp","max_age":10886400,"endpoints":[{"url":"${o}/r"}]}, {"group":"nel","endpoints":[{"url":"${slashEsc}\\/nel"},{"url":"https://other.org/"}]}`);
    });

    it('Reporting-Endpoints: each quoted URL', () => {
      expect(rw({ 'reporting-endpoints': 'default="https://app.example.com/r", csp="/csp", x="https://other.org/"' })['reporting-endpoints'])
        .toBe(`default="${o}/r", csp="/csp", x="https://other.org/"`);
    });

    it('drops Alt-Svc always and Content-Length only when the body changed', () => {
      const h = { 'alt-svc': 'h3=":443"; ma=86400', 'content-length': '42', 'content-type': 'text/html' };
      expect(rw(h, false)).toEqual({ 'content-length': '42', 'content-type': 'text/html' });
      expect(rw(h, true)).toEqual({ 'content-type': 'text/html' });
    });

    it('passes every other header unchanged, URLs in them included', () => {
      const h = { 'x-custom': 'https://app.example.com/', 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' };
      expect(rw(h)).toEqual(h);
    });

    it('is idempotent', () => {
      const h = {
        location: 'https://app.example.com/a?r=https%3A%2F%2Fx.example.com%2F',
        link: '<https://cdn.example.com/a.css>; rel=preload',
        'content-security-policy': "default-src 'self' *.example.com https://app.example.com; report-uri https://r.example.com/",
        'set-cookie': ['a=1; Domain=.example.com'],
      };
      const once = rw(h);
      expect(rw(once)).toEqual(once);
    });
  });
}

describe('response headers: shape and Set-Cookie', () => {
  const { ctx, events } = recordingContext();

  it('returns a new object and never mutates the input', () => {
    const input = Object.freeze({ location: 'https://app.example.com/', 'set-cookie': Object.freeze(['a=1; Domain=example.com']) });
    const out = rewriteResponseHeaders(ctx, input);
    expect(out).not.toBe(input);
    expect(input.location).toBe('https://app.example.com/');
    expect(input['set-cookie']).toEqual(['a=1; Domain=example.com']);
  });

  it('keeps Set-Cookie values separate, drops refused ones, an array stays an array', () => {
    events.length = 0;
    const out = rewriteResponseHeaders(ctx, {
      'set-cookie': ['a=1; Domain=.example.com; Path=/', 'b=2; Domain=com', 'c=3, d=4; Path=/'],
    });
    expect(out['set-cookie']).toEqual(['a=1; Domain=.example.com.proxy.test; Path=/', 'c=3, d=4; Path=/']);
    expect(events.map((e) => e.type)).toEqual(['cookie-refused']);
    expect(rewriteResponseHeaders(ctx, { 'set-cookie': ['a=1'] })['set-cookie']).toEqual(['a=1']);
    expect(rewriteResponseHeaders(ctx, { 'set-cookie': 'a=1; Domain=example.com' })['set-cookie']).toBe('a=1; Domain=example.com.proxy.test');
  });

  it('omits Set-Cookie entirely when every cookie is refused', () => {
    expect(rewriteResponseHeaders(ctx, { 'set-cookie': ['a=1; Domain=com'], vary: 'Origin' })).toEqual({ vary: 'Origin' });
  });

  it('splits Set-Cookie values joined by line breaks (HAR captures) into separate cookies', () => {
    const out = rewriteResponseHeaders(ctx, { 'set-cookie': 'a=1; Domain=example.com\nb=2\r\nc=3; Domain=com' });
    expect(out['set-cookie']).toEqual(['a=1; Domain=example.com.proxy.test', 'b=2']);
  });

  it('rewrites each element of other array-valued headers too', () => {
    expect(rewriteResponseHeaders(ctx, { link: ['<https://a.example.com/>; rel=preload', '</x>; rel=preload'] }).link)
      .toEqual(['<https://a.example.com.proxy.test/>; rel=preload', '</x>; rel=preload']);
  });

  it('skips undefined values and keeps keys as given', () => {
    expect(rewriteResponseHeaders(ctx, { location: undefined, Location: 'https://app.example.com/' }))
      .toEqual({ Location: 'https://app.example.com.proxy.test/' });
  });
});
