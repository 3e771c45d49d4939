import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Cookie } from 'tough-cookie';
import { getDomain, getPublicSuffix } from 'tldts';
import { rewriteSetCookie } from '../../src/cookies/index.js';
import { rewriteResponseHeaders } from '../../src/headers/index.js';
import { recordingContext } from '../cookies/contexts.js';

const HAR_DIR = fileURLToPath(new URL('../../../shared/corpus/har/', import.meta.url));
const exists = existsSync(HAR_DIR);
if (!exists) console.warn(`corpus HAR tests skipped: ${HAR_DIR} is absent`);

interface Har {
  log: { entries: Array<{ request: { url: string }; response: { headers?: Array<{ name: string; value: string }> } }> };
}

function loadHar(file: string): Har {
  const text = readFileSync(HAR_DIR + file, 'utf8');
  return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as Har;
}

/** The protected site of a capture: the registrable domain of its first request, plus the two the brief names. */
function protectedBase(har: Har): string {
  const first = har.log.entries[0]?.request.url;
  return (first && getDomain(first, { allowPrivateDomains: true })) || 'example.com';
}

const isPublicSuffix = (d: string) => getPublicSuffix(d, { allowPrivateDomains: true }) === d;

describe.skipIf(!exists)('corpus HARs: Set-Cookie and Location', () => {
  const files = exists ? readdirSync(HAR_DIR).filter((f) => f.endsWith('.har')) : [];

  for (const scheme of ['suffix', 'flat'] as const) {
    it(`every Set-Cookie with a protected Domain is proxied or refused (${scheme})`, () => {
      let proxied = 0;
      let refused = 0;
      for (const file of files) {
        const har = loadHar(file);
        const base = protectedBase(har);
        const { ctx } = recordingContext({ scheme, domains: [base, `*.${base}`, '*.walmart.com', '*.nytimes.com'] });
        const bases = [base, 'walmart.com', 'nytimes.com'];
        const ours = (d: string) => bases.some((b) => d === b || d.endsWith('.' + b));
        for (const entry of har.log.entries) {
          for (const h of entry.response.headers ?? []) {
            if (h.name.toLowerCase() !== 'set-cookie') continue;
            // Some captures join repeated Set-Cookie headers with line breaks.
            for (const value of h.value.split(/\r?\n/).filter((v) => v.trim() !== '')) {
              const out = rewriteSetCookie(ctx, value);
              const domain = Cookie.parse(value, { loose: true })?.domain ?? null;
              if (domain === null || (!ours(domain) && !isPublicSuffix(domain))) {
                expect(out, `${file}: ${value}`).toBe(value);
              } else if (isPublicSuffix(domain)) {
                expect(out, `${file}: ${value}`).toBeNull();
                refused++;
              } else {
                expect(out, `${file}: ${value}`).not.toBeNull();
                const after = Cookie.parse(out as string, { loose: true });
                const want = scheme === 'suffix' ? `${domain}.proxy.test` : undefined;
                expect(after?.domain ?? undefined, `${file}: ${value}`).toBe(want);
                expect(after?.key).toBe(Cookie.parse(value, { loose: true })?.key);
                proxied++;
              }
            }
          }
        }
      }
      // walmart, nytimes, ferguson and others set cookies on their own domain.
      console.info(`corpus Set-Cookie (${scheme}): ${proxied} proxied, ${refused} refused`);
      expect(proxied).toBeGreaterThan(100);
    });
  }

  it('every Location ends up on a proxied host or off the protected site, and whole headers never throw', () => {
    let rewritten = 0;
    for (const file of files) {
      const har = loadHar(file);
      const base = protectedBase(har);
      const { ctx } = recordingContext({ domains: [base, `*.${base}`, '*.walmart.com', '*.nytimes.com'], publicScheme: 'http', publicPort: 8080 });
      for (const entry of har.log.entries) {
        const headers: Record<string, string | string[]> = {};
        for (const h of entry.response.headers ?? []) {
          const name = h.name.toLowerCase();
          if (!/^[!#$%&'*+\-.^_`|~0-9a-z]+$/.test(name)) continue; // HTTP/2 pseudo-headers like `:status`
          const prev = headers[name];
          headers[name] = prev === undefined ? (name === 'set-cookie' ? [h.value] : h.value) : [...(Array.isArray(prev) ? prev : [prev]), h.value];
        }
        const out = rewriteResponseHeaders(ctx, headers, { bodyChanged: true });
        expect(out['content-length']).toBeUndefined();
        expect(out['alt-svc']).toBeUndefined();
        for (const loc of [out.location ?? []].flat()) {
          const resolved = new URL(loc, entry.request.url.replace(/^https?:\/\/[^/]+/, 'http://relative.invalid'));
          const host = resolved.hostname;
          const protectedHost = host === base || host.endsWith('.' + base) || host.endsWith('.walmart.com') || host.endsWith('.nytimes.com');
          expect(protectedHost, `${file}: ${loc}`).toBe(false);
          if (host.endsWith('.proxy.test')) {
            expect(resolved.protocol).toBe('http:');
            expect(resolved.port).toBe('8080');
            rewritten++;
          }
        }
      }
    }
    console.info(`corpus Location: ${rewritten} proxied`);
    expect(rewritten).toBeGreaterThan(20);
  });
});
