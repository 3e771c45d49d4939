import { describe, expect, it } from 'vitest';
import { rewriteFeaturePolicy, rewriteResponseHeaders } from '../../src/headers/index.js';
import { recordingContext } from '../cookies/contexts.js';

// Expectations follow RFC 8941 (structured fields: strings are `"…"` with `\"` and `\\`
// escapes; parameters follow `;`), the Permissions Policy spec (allowlists of `*`,
// `self`, `src` and origin strings; Chromium also takes `scheme://*.host` wildcards),
// the legacy Feature Policy syntax shared with `<iframe allow>`, and the Speculation
// Rules header (a list of strings, the URLs of rule sets).

/** The values of every RFC 8941 string in a field, unescaped: what a structured-field parser reads. */
function sfStrings(field: string): string[] {
  return [...field.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1].replace(/\\(.)/g, '$1'));
}

/** The host the URL parser reads, or null. */
const hostOf = (url: string) => {
  try {
    return new URL(url).hostname;
  } catch {
    return null;
  }
};

const { ctx } = recordingContext();
const rw = (name: string, value: string) => rewriteResponseHeaders(ctx, { [name]: value })[name] as string;

describe('Permissions-Policy', () => {
  it('proxies origin strings in inner lists and as single items, keeping tokens and every other byte', () => {
    expect(rw('permissions-policy', 'camera=(self "https://app.example.com"), fullscreen=*, geolocation=(), payment="https://pay.example.com"'))
      .toBe('camera=(self "https://app.example.com.proxy.test"), fullscreen=*, geolocation=(), payment="https://pay.example.com.proxy.test"');
    expect(rw('permissions-policy-report-only', 'usb=("https://example.com" src)')).toBe('usb=("https://example.com.proxy.test" src)');
  });

  it('leaves unprotected origins, lookalikes, keywords and parameter values alone', () => {
    const v = 'camera=("https://other.org" "https://example.com.evil.org" "https://notexample.com" self), mic=("https://app.example.com");report-to="https://app.example.com/r"';
    expect(rw('permissions-policy', v))
      .toBe('camera=("https://other.org" "https://example.com.evil.org" "https://notexample.com" self), mic=("https://app.example.com.proxy.test");report-to="https://app.example.com/r"');
  });

  it('reads strings as the parser does: escapes undone before the URL parser, redone after', () => {
    // The field text `"https:\\\\app.example.com"` holds `https:\\app.example.com`: backslashes are slashes to the URL parser.
    for (const origin of ['https:\\\\app.example.com', 'https://app.example%2Ecom', 'https://APP.EXAMPLE.COM:443']) {
      const out = rw('permissions-policy', `camera=("${origin.replace(/\\/g, '\\\\')}")`);
      const [s] = sfStrings(out);
      expect(hostOf(s), out).toBe('app.example.com.proxy.test');
    }
  });

  it('proxies subdomain wildcards, adding beside the original one that also covers unprotected hosts', () => {
    expect(rw('permissions-policy', 'camera=("https://*.example.com")')).toBe('camera=("https://*.example.com.proxy.test")');
    const only = recordingContext({ domains: ['app.example.com'] }).ctx;
    const once = (v: string) => rewriteResponseHeaders(only, { 'permissions-policy': v })['permissions-policy'] as string;
    expect(once('camera=(self "https://*.example.com"), mic="https://*.example.com";report-to=x'))
      .toBe('camera=(self "https://*.example.com" "https://*.example.com.proxy.test"), mic=("https://*.example.com" "https://*.example.com.proxy.test");report-to=x');
    const twice = once(once('camera=("https://*.example.com"), mic="https://*.example.com"'));
    expect(twice).toBe('camera=("https://*.example.com" "https://*.example.com.proxy.test"), mic=("https://*.example.com" "https://*.example.com.proxy.test")');
  });

  it('follows the scheme, the public port and the flat mapping', () => {
    const http = recordingContext({ publicScheme: 'http', publicPort: 8080 }).ctx;
    expect(rewriteResponseHeaders(http, { 'permissions-policy': 'camera=("https://app.example.com")' })['permissions-policy'])
      .toBe('camera=("http://app.example.com.proxy.test:8080")');
    const flat = recordingContext({ scheme: 'flat' }).ctx;
    expect(rewriteResponseHeaders(flat, { 'permissions-policy': 'camera=("https://app.example.com" "https://*.example.com")' })['permissions-policy'])
      .toBe('camera=("https://app-example-com.proxy.test" "https://*.proxy.test")');
  });

  it('rewrites a string the value cuts off and leaves it open, as a broken header must not become an escape', () => {
    expect(rw('permissions-policy', 'camera=("https://app.example.com')).toBe('camera=("https://app.example.com.proxy.test');
  });

  it('survives garbage', () => {
    for (const v of ['', '"', '()', '=', ';="', 'a=(("")', '\\', '"\\', 'camera=(self', ',,,"x"']) expect(rw('permissions-policy', v)).toBe(v);
  });
});

describe('Feature-Policy and the iframe allow attribute', () => {
  it('proxies origins, never feature names or keywords', () => {
    expect(rw('feature-policy', "camera 'self' https://app.example.com; geolocation *; microphone 'none'; app.example.com https://other.org"))
      .toBe("camera 'self' https://app.example.com.proxy.test; geolocation *; microphone 'none'; app.example.com https://other.org");
    expect(rw('feature-policy', 'camera https://a.example.com, geolocation https://b.example.com\thttps://c.example.com'))
      .toBe('camera https://a.example.com.proxy.test, geolocation https://b.example.com.proxy.test\thttps://c.example.com.proxy.test');
  });

  it('is the function the HTML side calls for allow=', () => {
    expect(rewriteFeaturePolicy(ctx, "fullscreen; camera 'src' https://app.example.com")).toBe("fullscreen; camera 'src' https://app.example.com.proxy.test");
    expect(hostOf(rewriteFeaturePolicy(ctx, 'camera https://app.example%2Ecom').split(' ')[1])).toBe('app.example.com.proxy.test');
    expect(rewriteFeaturePolicy(ctx, 'camera; usb')).toBe('camera; usb');
  });

  it('adds the proxied wildcard once beside a wildcard that covers unprotected hosts', () => {
    const only = recordingContext({ domains: ['app.example.com'] }).ctx;
    const once = rewriteFeaturePolicy(only, 'camera https://*.example.com');
    expect(once).toBe('camera https://*.example.com https://*.example.com.proxy.test');
    expect(rewriteFeaturePolicy(only, once)).toBe(once);
  });
});

describe('Speculation-Rules', () => {
  it('proxies the URLs of rule sets, relative ones left to resolve against the proxied page', () => {
    expect(rw('speculation-rules', '"/rules/prefetch.json", "https://app.example.com/rules.json", "https://cdn.other.org/r.json"'))
      .toBe('"/rules/prefetch.json", "https://app.example.com.proxy.test/rules.json", "https://cdn.other.org/r.json"');
    expect(rw('speculation-rules', '"//static.example.com/r.json"')).toBe('"//static.example.com.proxy.test/r.json"');
  });

  it('reads escapes and encodings as the parsers do', () => {
    for (const url of ['https:\\\\app.example.com/r.json', 'https://app.example%2Ecom/r.json', 'https://app.example.com\\/r.json']) {
      const out = rw('speculation-rules', `"${url.replace(/\\/g, '\\\\')}"`);
      expect(hostOf(sfStrings(out)[0]), out).toBe('app.example.com.proxy.test');
    }
  });
});

describe('Reporting-Endpoints', () => {
  it('reads escaped strings as the parser does', () => {
    const out = rw('reporting-endpoints', 'default="https:\\\\\\\\app.example.com/r", csp="/csp"');
    const [first, second] = sfStrings(out);
    expect(hostOf(first)).toBe('app.example.com.proxy.test');
    expect(second).toBe('/csp');
  });
});

describe('Link imagesrcset and quoted parameters', () => {
  it('reads imagesrcset as a srcset: a URL holding a comma is one URL', () => {
    expect(rw('link', '</i.jpg>; rel=preload; as=image; imagesrcset="https://img.example.com/a.jpg,https://img.example.com/b.jpg 2x, https://img.example.com/c.jpg 3x"'))
      .toBe('</i.jpg>; rel=preload; as=image; imagesrcset="https://img.example.com.proxy.test/a.jpg,https://img.example.com/b.jpg 2x, https://img.example.com.proxy.test/c.jpg 3x"');
    expect(rw('link', '</i.jpg>; imagesrcset="https://img.example.com/a.jpg,, https://img.example.com/b.jpg (x, y) 2x,https://img.example.com/c.jpg"'))
      .toBe('</i.jpg>; imagesrcset="https://img.example.com.proxy.test/a.jpg,, https://img.example.com.proxy.test/b.jpg (x, y) 2x,https://img.example.com.proxy.test/c.jpg"');
  });

  it('unescapes a quoted anchor before deciding', () => {
    const out = rw('link', '</a>; rel=alternate; anchor="https:\\\\\\\\app.example.com/"');
    const anchor = out.slice(out.indexOf('"') + 1, out.lastIndexOf('"')).replace(/\\(.)/g, '$1');
    expect(hostOf(anchor)).toBe('app.example.com.proxy.test');
  });
});

describe('Access-Control-Allow-Origin and Timing-Allow-Origin read as lists', () => {
  it('rewrites each origin on its own', () => {
    expect(rw('timing-allow-origin', 'https://app.example%2Ecom,https://b.example.com , *'))
      .toMatch(/^https:\/\/app\.example(\.|%2E)com\.proxy\.test,https:\/\/b\.example\.com\.proxy\.test , \*$/);
    expect(rw('access-control-allow-origin', 'https://app.example.com')).toBe('https://app.example.com.proxy.test');
  });
});

describe('report URLs as the parsers read them', () => {
  it('Report-To: an endpoint url is JSON-decoded, then URL-parsed', () => {
    for (const raw of ['https://app.example%2Ecom/r', 'https:\\/\\/app.example\\u002ecom\\/r', 'https:\\\\\\\\app.example.com/r']) {
      const out = rw('report-to', `{"group":"default","max_age":1,"endpoints":[{"url":"${raw}"}]}`);
      const parsed = JSON.parse(out) as { group: string; endpoints: { url: string }[] };
      expect(hostOf(parsed.endpoints[0].url), out).toBe('app.example.com.proxy.test');
      expect(parsed.group).toBe('default');
    }
    const other = '{"url":"https://other.org/r"}, {"url":"https://example.com.evil.org/"}';
    expect(rw('report-to', other)).toBe(other);
  });

  it('CSP report-uri: a host only the URL parser reads is proxied', () => {
    const out = rw('content-security-policy', "default-src 'self'; report-uri https://app.example%2Ecom/csp");
    expect(hostOf(out.slice(out.indexOf('report-uri ') + 11))).toBe('app.example.com.proxy.test');
  });
});
