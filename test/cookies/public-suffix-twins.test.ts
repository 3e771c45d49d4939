import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { getPublicSuffix } from 'tldts';
import { rewriteSetCookie } from '../../src/cookies/index.js';
import { recordingContext } from './contexts.js';

// The browser's side, written from RFC 6265bis: the Domain steps of the storage model
// (section 5.7) and domain-match (section 5.1.3), with the Public Suffix List (private
// section included, as browsers ship it) for "is a public suffix". The PSL does not list
// the proxy suffix, so to a browser `com.proxy.test` is an ordinary domain.
const isPublicSuffix = (d: string) => getPublicSuffix(d, { allowPrivateDomains: true }) === d;
const domainMatch = (host: string, domain: string) => host === domain || host.endsWith('.' + domain);

interface Stored {
  readonly domain: string;
  readonly hostOnly: boolean;
}

/** What a browser stores for `Set-Cookie: …; Domain=<attr>` received from `host` (null: ignored). */
function storedBy(host: string, attr: string | null): Stored | null {
  const domain = attr === null ? '' : (attr.startsWith('.') ? attr.slice(1) : attr).toLowerCase();
  if (domain === '') return { domain: host, hostOnly: true };
  if (isPublicSuffix(domain)) return domain === host ? { domain: host, hostOnly: true } : null;
  if (!domainMatch(host, domain)) return null;
  return { domain, hostOnly: false };
}

function reaches(stored: Stored | null, host: string): boolean {
  if (stored === null) return false;
  return stored.hostOnly ? host === stored.domain : domainMatch(host, stored.domain);
}

/** The effective (last non-empty) Domain attribute of a Set-Cookie value, as section 5.6 reads it. */
function domainAttribute(setCookie: string): string | null {
  let found: string | null = null;
  for (const attr of setCookie.split(';').slice(1)) {
    const eq = attr.indexOf('=');
    if (eq !== -1 && attr.slice(0, eq).trim().toLowerCase() === 'domain' && attr.slice(eq + 1).trim() !== '') found = attr.slice(eq + 1).trim();
  }
  return found;
}

const SUFFIX = 'proxy.test';
// DESIGN "Host mapping", by hand.
const suffixTwin = (h: string) => `${h}.${SUFFIX}`;
const flatTwin = (h: string) => `${h.replaceAll('-', '--').replaceAll('.', '-')}.${SUFFIX}`;

const DOMAINS = ['example.com', '*.example.com', 'www.ck', 'shop.example.co.uk'];
const PROTECTED_HOSTS = ['example.com', 'app.example.com', 'a.b.example.com', 'www.ck', 'shop.example.co.uk'];
const OTHER_HOSTS = ['other.com', 'evil.org', 'foo.ck', 'github.io', 'me.github.io'];

/** Every host and every parent of it: `a.b.example.com`, `b.example.com`, `example.com`, `com`. */
function withParents(hosts: readonly string[]): string[] {
  const out = new Set<string>();
  for (const h of hosts) {
    const labels = h.split('.');
    for (let i = 0; i < labels.length; i++) out.add(labels.slice(i).join('.'));
  }
  return [...out];
}

describe('Set-Cookie Domain: the twin of a public suffix is refused like a public suffix', () => {
  const { ctx, events } = recordingContext({ domains: DOMAINS });

  it('refuses Domain=com.<suffix> and every other twin of a PSL entry, in any spelling', () => {
    events.length = 0;
    const twins = [
      'com.proxy.test', '.com.proxy.test', 'COM.Proxy.Test', // the ICANN section
      'co.uk.proxy.test', // a second-level registry
      'github.io.proxy.test', // the private section
      'foo.ck.proxy.test', // under the wildcard rule *.ck
      'x.kawasaki.jp.proxy.test', // under the wildcard rule *.kawasaki.jp
    ];
    for (const d of twins) expect(rewriteSetCookie(ctx, `sid=1; Domain=${d}; Path=/`), d).toBeNull();
    expect(events.map((e) => [e.type, e.reason])).toEqual(twins.map(() => ['cookie-refused', 'public-suffix']));
    expect(events[0].domain).toBe('com.proxy.test');
    expect(events[0].message).toContain('public suffix com');
  });

  it('accepts the twin of a PSL exception, which is a registrable domain', () => {
    // `!www.ck` and `!city.kawasaki.jp` are exceptions to their wildcard rules.
    expect(rewriteSetCookie(ctx, 'a=1; Domain=www.ck')).toBe('a=1; Domain=www.ck.proxy.test');
    expect(rewriteSetCookie(ctx, 'a=1; Domain=www.ck.proxy.test')).toBe('a=1; Domain=www.ck.proxy.test');
    const city = recordingContext({ domains: ['city.kawasaki.jp'] }).ctx;
    expect(rewriteSetCookie(city, 'a=1; Domain=city.kawasaki.jp')).toBe('a=1; Domain=city.kawasaki.jp.proxy.test');
  });

  it('keeps an upstream Domain that is already the twin of a protected domain, bytes and all', () => {
    for (const v of ['a=1; Domain=example.com.proxy.test', 'a=1; domain=.APP.Example.com.proxy.test; Secure', 'a=1; Domain=shop.example.co.uk.proxy.test']) {
      expect(rewriteSetCookie(ctx, v)).toBe(v);
    }
    // Its parent: example.co.uk holds the protected shop.example.co.uk.
    expect(rewriteSetCookie(ctx, 'a=1; Domain=example.co.uk.proxy.test')).toBe('a=1; Domain=example.co.uk.proxy.test');
  });

  it('refuses a Domain under the suffix that is no twin of a domain holding protected hosts', () => {
    events.length = 0;
    for (const d of ['evil.org.proxy.test', 'other.com.proxy.test', 'x.proxy.test.proxy.test', 'foo.www.ck.example.org.proxy.test']) {
      expect(rewriteSetCookie(ctx, `a=1; Domain=${d}`), d).toBeNull();
    }
    expect(events.every((e) => e.type === 'cookie-refused' && e.reason === 'proxy-suffix')).toBe(true);
    expect(events).toHaveLength(4);
  });

  it('decides on the effective Domain and removes an earlier twin of a public suffix', () => {
    expect(rewriteSetCookie(ctx, 'a=1; Domain=com.proxy.test; Domain=example.com')).toBe('a=1; Domain=example.com.proxy.test');
    expect(rewriteSetCookie(ctx, 'a=1; Domain=example.com; Domain=com.proxy.test')).toBeNull();
  });

  it('refuses a Domain whose twin would itself be on the PSL', () => {
    // amazonaws.com is not a public suffix, but s3.us-east-1.amazonaws.com is (private section).
    const { ctx: aws, events: awsEvents } = recordingContext({ suffix: 'amazonaws.com', domains: ['s3.us-east-1'] });
    expect(rewriteSetCookie(aws, 'a=1; Domain=s3.us-east-1')).toBeNull();
    expect(awsEvents.map((e) => e.reason)).toEqual(['public-suffix']);
  });
});

describe('Set-Cookie Domain under the suffix, flat scheme', () => {
  const { ctx, events } = recordingContext({ scheme: 'flat', domains: DOMAINS });

  it('refuses the flat twins of public suffixes', () => {
    events.length = 0;
    for (const d of ['com.proxy.test', 'co-uk.proxy.test', 'github-io.proxy.test']) expect(rewriteSetCookie(ctx, `a=1; Domain=${d}`), d).toBeNull();
    expect(events.map((e) => e.reason)).toEqual(['public-suffix', 'public-suffix', 'public-suffix']);
  });

  it('makes the twin of a protected domain host-only, as the upstream Domain would be', () => {
    expect(rewriteSetCookie(ctx, 'a=1; Domain=app-example-com.proxy.test; Path=/')).toBe('a=1; Path=/');
    expect(rewriteSetCookie(ctx, 'a=1; Domain=example-com.proxy.test')).toBe('a=1');
  });

  it('refuses names under the suffix that no flat twin has', () => {
    events.length = 0;
    for (const d of ['a.b.proxy.test', 'evil-org.proxy.test', 'a---b.proxy.test']) expect(rewriteSetCookie(ctx, `a=1; Domain=${d}`), d).toBeNull();
    expect(events.map((e) => e.reason)).toEqual(['proxy-suffix', 'proxy-suffix', 'proxy-suffix']);
  });
});

// The property behind the rule: through the proxy a cookie reaches exactly the twins of
// the hosts it would reach without it (suffix scheme), or fewer (flat scheme, host-only),
// never the twin of another host it could not reach (the host that sets it may always
// keep a host-only cookie for itself). A Domain already under the suffix means the
// upstream domain it is the twin of.
for (const scheme of ['suffix', 'flat'] as const) {
  describe(`a rewritten cookie reaches no proxied host its upstream cookie could not (${scheme})`, () => {
    const { ctx } = recordingContext({ scheme, domains: DOMAINS });
    const twin = scheme === 'suffix' ? suffixTwin : flatTwin;
    const upstreamDomains = withParents([...PROTECTED_HOSTS, ...OTHER_HOSTS]);
    const meaning = new Map(upstreamDomains.map((d) => [twin(d), d]));
    const candidates = [...upstreamDomains, ...upstreamDomains.map(twin), SUFFIX, 'test', 'x.y.proxy.test', ''];
    const spelled = fc.tuple(fc.constantFrom(...candidates), fc.boolean(), fc.boolean()).map(([d, dot, upper]) => (dot ? '.' : '') + (upper ? d.toUpperCase() : d));

    it('holds for every protected setting host and Domain', () => {
      fc.assert(
        fc.property(fc.constantFrom(...PROTECTED_HOSTS), spelled, (host, attr) => {
          const sent = `sid=1; Domain=${attr}; Path=/`;
          const out = rewriteSetCookie(ctx, sent);
          const bare = (attr.startsWith('.') ? attr.slice(1) : attr).toLowerCase();
          const upstreamAttr = bare.endsWith('.' + SUFFIX) || bare === SUFFIX ? (meaning.get(bare) ?? null) : attr;
          const before = upstreamAttr === null ? null : storedBy(host, upstreamAttr);
          const after = out === null ? null : storedBy(twin(host), domainAttribute(out));
          for (const x of PROTECTED_HOSTS) {
            if (reaches(after, twin(x)) && x !== host) expect(reaches(before, x), `${sent} from ${host} reaches ${twin(x)}`).toBe(true);
            if (scheme === 'suffix') expect(reaches(after, twin(x)), `${sent} from ${host}, ${x}`).toBe(reaches(before, x));
          }
          if (before !== null) expect(reaches(after, twin(host)), `${sent} from ${host} is lost`).toBe(true);
        }),
        { numRuns: 2000 },
      );
    });
  });
}
