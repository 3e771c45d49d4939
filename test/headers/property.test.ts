import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { rewriteRequestHeaders, rewriteRequestTarget, rewriteResponseHeaders } from '../../src/headers/index.js';
import { recordingContext } from '../cookies/contexts.js';

// Header names the rewriters treat specially, plus arbitrary ones.
const NAMES = ['location', 'content-location', 'refresh', 'link', 'content-security-policy', 'content-security-policy-report-only',
  'access-control-allow-origin', 'timing-allow-origin', 'report-to', 'reporting-endpoints', 'set-cookie', 'alt-svc',
  'content-length', 'host', 'origin', 'referer', 'cookie', 'Location', 'SET-COOKIE',
  'speculation-rules', 'permissions-policy', 'permissions-policy-report-only', 'feature-policy', 'service-worker-allowed'];

// Fragments that hit the parsers' special characters and the protected hosts.
const FRAGMENTS = ['https://', '//', 'app.example.com', '.example.com', '*.example.com', 'example.com.proxy.test', 'app-example-com.proxy.test',
  '%3A%2F%2F', ':8080', '<', '>', '"', "'", '\\', ';', ',', '=', ' ', '\t', '\r', '\n', '\0', '\u0007', 'url=', 'Domain=', 'com', '5',
  'report-uri ', 'default-src ', "'self'", '{"url":"', '"}', 'é', '\ud800', '__proto__',
  // UTF-8 bytes as Node hands them over (`ü`, a soft hyphen), lone Latin-1 bytes, structured-field syntax.
  '\u00c3\u00bc', '\u00c2\u00ad', '\u00fc', '\u00ad', '\u00ff', '(', ')', 'self ', '*', 'camera=', 'https://*.example.com', '%2E'];

const text = fc.oneof(
  fc.string(),
  fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 20 }).map((parts) => parts.join('')),
);
const value = fc.oneof(text, fc.array(text, { maxLength: 4 }), fc.constant(undefined));
const headers = fc.dictionary(fc.oneof(fc.constantFrom(...NAMES), fc.string()), value, { maxKeys: 8 });

const UNSAFE = /[\r\n\0]/;

function assertSafe(out: Record<string, string | string[]>): void {
  for (const [name, v] of Object.entries(out)) {
    expect(UNSAFE.test(name)).toBe(false);
    for (const s of Array.isArray(v) ? v : [v]) {
      expect(typeof s).toBe('string');
      expect(UNSAFE.test(s)).toBe(false);
    }
  }
}

const CONFIGS = [
  {},
  { scheme: 'flat' as const },
  { publicScheme: 'http' as const, publicPort: 8080 },
  { scheme: 'flat' as const, publicScheme: 'https' as const, publicPort: 8443, domains: ['example.com', '*.example.com', 'x.org'] },
];

describe('random headers never throw and never emit CR, LF or NUL', () => {
  for (const config of CONFIGS) {
    it(JSON.stringify(config), () => {
      const { ctx } = recordingContext(config);
      fc.assert(
        fc.property(headers, fc.boolean(), (h, bodyChanged) => {
          const before = JSON.stringify(h);
          assertSafe(rewriteResponseHeaders(ctx, h, { bodyChanged }));
          assertSafe(rewriteRequestHeaders(ctx, h));
          expect(JSON.stringify(h)).toBe(before); // input untouched
        }),
        { numRuns: 1500 },
      );
    });
  }

  it('request targets never throw and never keep controls', () => {
    const { ctx } = recordingContext({ publicScheme: 'http', publicPort: 8080 });
    fc.assert(
      fc.property(text, (t) => {
        expect(UNSAFE.test(rewriteRequestTarget(ctx, t))).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('response header rewriting is idempotent on random values', () => {
    const { ctx } = recordingContext();
    fc.assert(
      fc.property(headers, (h) => {
        const once = rewriteResponseHeaders(ctx, h);
        expect(rewriteResponseHeaders(ctx, once)).toEqual(once);
      }),
      { numRuns: 1500 },
    );
  });
});
