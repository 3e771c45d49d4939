import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flatTwin, pageBase, parse, proxiedHref, reachesProtectedHost, rewriter, suffixTwin } from './helpers.js';

// Issue 8, "Done means": for random values in a URL position, the rewritten value parses
// (WHATWG) to the proxied host exactly when the input parses to a protected host with an
// http(s)/ws(s) scheme, and to the same URL otherwise (here: the same bytes). Values are
// built from pieces, hosts spelled through the parser's own mappings.

const FULL_WIDTH_DOTS = ['．', '。', '｡'];

/** One character of a host, spelled one of the ways the host parser reads as that character. */
function spelling(c: string): fc.Arbitrary<string> {
  const code = c.charCodeAt(0);
  const options: fc.Arbitrary<string>[] = [fc.constant(c), fc.constant(c.toUpperCase())];
  options.push(fc.constantFrom('%' + code.toString(16).toUpperCase().padStart(2, '0'), '%' + code.toString(16).padStart(2, '0')));
  if (c === '.') options.push(fc.constantFrom(...FULL_WIDTH_DOTS));
  else if (/[a-z0-9-]/.test(c)) options.push(fc.constant(String.fromCharCode(code + 0xfee0)));
  // Characters the parser removes: tab and newlines anywhere, soft hyphen and zero-width space (UTS #46).
  options.push(fc.constantFrom('\t', '\n', '\u00AD', '\u200B').map((x) => x + c));
  return fc.oneof({ weight: 6, arbitrary: fc.constant(c) }, ...options.map((arbitrary) => ({ weight: 1, arbitrary })));
}

function spelled(host: string): fc.Arbitrary<string> {
  return fc.tuple(...[...host].map(spelling)).map((cs) => cs.join(''));
}

const hostName = fc.constantFrom(
  'acme-docs.com', 'app.acme-docs.com', 'a.b.acme-docs.com', 'acme-docs.com.',
  'evil.org', 'acme-docs.com.evil.org', 'notacme-docs.com', 'acme-docs.community', 'acme-docs.com.proxy.test', 'acme-docsxcom',
);
/** `usual` most of the time, one of `others` otherwise: most values are plain URLs, a few odd. */
function mostly(usual: string, ...others: string[]): fc.Arbitrary<string> {
  return fc.oneof({ weight: 3, arbitrary: fc.constant(usual) }, { weight: 2, arbitrary: fc.constantFrom(...others) });
}

const scheme = fc.oneof(
  fc.constantFrom('https:', 'http:', 'ws:', 'wss:', 'HTTPS:', 'ht\ttps:', ''),
  fc.constantFrom('ftp:', 'ssh:', 'git+https:', 'file:', 'web+x:'),
);
const slashes = mostly('//', '\\\\', '/\\', '///', '/', '');
const userinfo = mostly('', 'user@', 'u:p@', 'acme-docs.com@', 'a@evil.org@', 'acme-docs.com:x@');
const port = fc.constantFrom('', '', ':', ':8443', ':443', ':080');
const path = fc.constantFrom('', '/', '/a/b', '/x%20y', '/https://acme-docs.com/', '\\p', '/ü', '/a\tb');
const query = fc.constantFrom('', '?a=1', '?q=acme-docs.com', '?x=%2F', '?@acme-docs.com');
const fragment = fc.constantFrom('', '#f', '#@acme-docs.com', '#acme-docs.com');
const tail = mostly('', '\t.evil.org', '@evil.org', '.evil.org');

const urlValue = fc
  .tuple(scheme, slashes, userinfo, hostName.chain(spelled), tail, port, path, query, fragment)
  .map((parts) => parts.join(''));

const cases = [
  { name: 'public https', rw: rewriter({ publicScheme: 'https' }), bases: [pageBase('https')], twin: suffixTwin, scheme: 'https' as const, port: undefined },
  { name: 'public http:8080', rw: rewriter({ publicScheme: 'http', publicPort: 8080 }), bases: [pageBase('http')], twin: suffixTwin, scheme: 'http' as const, port: 8080 },
  { name: 'flat', rw: rewriter({ publicScheme: 'https', scheme: 'flat' }), bases: [pageBase('https')], twin: flatTwin, scheme: 'https' as const, port: undefined },
  // No public scheme: the page may be on either; a value reaching a protected host on either must be proxied there.
  { name: 'page scheme unknown', rw: rewriter(), bases: [pageBase('https'), pageBase('http')], twin: suffixTwin, scheme: undefined, port: undefined },
];

describe('random URL values: proxied exactly when the parser reaches a protected host', () => {
  for (const c of cases) {
    it(c.name, () => {
      fc.assert(
        fc.property(urlValue, (input) => {
          const out = c.rw.url(input);
          const reaching = c.bases.filter((b) => reachesProtectedHost(input, b));
          if (reaching.length === 0) {
            expect(out).toBe(input);
            return;
          }
          for (const base of reaching) expect(parse(out, base)?.href).toBe(proxiedHref(input, base, c.twin, c.scheme, c.port));
        }),
        { numRuns: 4000 },
      );
    });
  }

  it('generates both kinds often enough to mean something', () => {
    const sample = fc.sample(urlValue, { numRuns: 2000, seed: 8 });
    const protectedCount = sample.filter((v) => reachesProtectedHost(v)).length;
    expect(protectedCount).toBeGreaterThan(200);
    expect(sample.length - protectedCount).toBeGreaterThan(200);
  });
});

describe('random URL values nested in a query or fragment parameter', () => {
  const rw = rewriter({ publicScheme: 'https' });
  const base = pageBase('https');
  const nesting = fc.record({
    value: urlValue,
    encodings: fc.constantFrom(0, 1, 1, 2),
    inFragment: fc.boolean(),
    outer: fc.constantFrom('https://r.evil.org/go', '/redirect', 'https://web.archive.org/web/2020/x'),
  });

  /** The parameter as a server (query) or a hash router (fragment) reads it, decoded once more per extra encoding. */
  function readParam(url: string, inFragment: boolean, encodings: number): string | null {
    const u = parse(url, base);
    if (u === null) return null;
    let v = new URLSearchParams(inFragment ? u.hash.slice(1) : u.search).get('u');
    for (let i = 1; i < encodings && v !== null; i++) {
      try {
        v = decodeURIComponent(v);
      } catch {
        return null;
      }
    }
    return v;
  }

  it('proxies the nested URL exactly when the parser reaches a protected host with it', () => {
    fc.assert(
      fc.property(nesting, ({ value, encodings, inFragment, outer }) => {
        let nested = value;
        for (let i = 0; i < encodings; i++) nested = encodeURIComponent(nested);
        const input = `${outer}${inFragment ? '#' : '?'}u=${nested}&v=1`;
        const seen = readParam(input, inFragment, encodings);
        fc.pre(seen !== null);
        const out = rw.url(input);
        if (!reachesProtectedHost(seen as string, base)) {
          expect(out).toBe(input);
          return;
        }
        const seenOut = readParam(out, inFragment, encodings) as string;
        expect(parse(seenOut, base)?.href).toBe(proxiedHref(seen as string, base, suffixTwin, 'https'));
        // The outer URL is left as it was up to the parameter.
        expect(out.startsWith(`${outer}${inFragment ? '#' : '?'}u=`)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});
