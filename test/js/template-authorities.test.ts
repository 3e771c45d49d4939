import { describe, expect, test } from 'vitest';
import { rewriteJs } from '../../src/js/index.js';
import type { RewriteEvent } from '../../src/domain/index.js';
import { exampleContext } from './helpers.js';
import {
  asConcatenation, asTemplate, code, evaluate, isProtectedUrl, isRefusedByProxy, isTwinUrl, lit, parseUrl, type Part,
} from './template-authorities.helpers.js';

// Every case is a URL that code completes; the expectation comes from what the browser
// fetches once the code's values are in (WHATWG URL parser) and DESIGN's host rules.

const SUFFIX = 'proxy.test';
const WILD_AND_APEX = ['acme-docs.com', '*.acme-docs.com'];

interface Outcome { out: string; events: RewriteEvent[] }

function rewrite(source: string, domains: readonly string[], scheme: 'suffix' | 'flat' = 'suffix'): Outcome {
  const { ctx, events } = exampleContext({ domains: [...domains], scheme });
  return { out: rewriteJs(ctx, source, { sourceType: 'script' }), events };
}

/** Both spellings of a URL that code builds. */
const spellings = (parts: Part[]) => [asTemplate(parts), asConcatenation(parts)];

/**
 * For each values row: the rewritten source evaluates to the twin of the original URL when
 * the original's host is protected; otherwise to the same URL, or (a value that makes no
 * host name, such as an empty label) to one the proxy refuses.
 */
function expectProxiedExactlyWhenProtected(parts: Part[], rows: Array<Record<string, string>>, domains = WILD_AND_APEX): void {
  for (const source of spellings(parts)) {
    const { out, events } = rewrite(source, domains);
    expect(events.filter((e) => e.type === 'js-unmappable'), source).toEqual([]);
    for (const values of rows) {
      const original = parseUrl(evaluate(source, values));
      const rewritten = parseUrl(evaluate(out, values));
      expect(original, `${source} with ${JSON.stringify(values)}`).not.toBeNull();
      const why = `${source} → ${out} with ${JSON.stringify(values)}: ${original!.href} → ${rewritten!.href}`;
      if (isProtectedUrl(original!, domains)) expect(isTwinUrl(rewritten!, original!, SUFFIX, 'suffix'), why).toBe(true);
      else if (rewritten!.href !== original!.href) expect(isRefusedByProxy(rewritten!, SUFFIX, domains), why).toBe(true);
    }
  }
}

/** The source comes back unchanged and unreported, in both schemes. */
function expectUntouched(parts: Part[], domains = WILD_AND_APEX): void {
  for (const source of spellings(parts)) {
    for (const scheme of ['suffix', 'flat'] as const) {
      const { out, events } = rewrite(source, domains, scheme);
      expect(out, `${scheme}: ${source}`).toBe(source);
      expect(events, `${scheme}: ${source}`).toEqual([]);
    }
  }
}

describe('code writes labels before a protected tail: the host is a subdomain whatever the labels', () => {
  test('one or more substitutions, dot-separated or adjacent, before and after literal labels', () => {
    const rows = [{ a: 'tenant', b: 'x' }, { a: 'eu.west', b: 'b2' }, { a: 'A1', b: '' }];
    for (const parts of [
      [lit('https://'), code('a'), lit('.acme-docs.com/')],
      [lit('https://'), code('a'), code('b'), lit('.acme-docs.com/')],
      [lit('https://'), code('a'), lit('.'), code('b'), lit('.acme-docs.com/')],
      [lit('https://api.'), code('a'), lit('.acme-docs.com/v1?x=1')],
      [lit('https://'), code('a'), lit('.eu.acme-docs.com')],
      [lit('http://'), code('a'), lit('-'), code('b'), lit('.acme-docs.com/#f')],
    ]) expectProxiedExactlyWhenProtected(parts, rows);
  });

  test('a label glued to the code (`${tenant}-my.acme-docs.com`) is one label with it', () => {
    const rows = [{ t: 'contoso' }, { t: 'a.b' }, { t: 'x1' }];
    for (const tail of ['-my.acme-docs.com/', 'my.acme-docs.com', '-files.eu.acme-docs.com/x']) {
      expectProxiedExactlyWhenProtected([lit('https://'), code('t'), lit(tail)], rows);
    }
  });

  test('every scheme the browser fetches, any case, and scheme-relative', () => {
    const rows = [{ h: 'app' }, { h: 'a.b' }];
    // `https:\\\\` in the source, `https:\\` once cooked: the parser reads `\` as `/` in special URLs.
    for (const prefix of ['https://', 'http://', 'wss://', 'ws://', 'HTTPS://', '//', 'https:\\\\\\\\']) {
      expectProxiedExactlyWhenProtected([lit(prefix), code('h'), lit('.acme-docs.com/x')], rows);
    }
  });

  test('a port stays after the twin; code after the host (a path) stays after it', () => {
    expectProxiedExactlyWhenProtected([lit('wss://'), code('x'), lit('.acme-docs.com:8443/socket')], [{ x: 'rt' }]);
    expectProxiedExactlyWhenProtected([lit('https://'), code('x'), lit('.acme-docs.com'), code('path')],
      [{ x: 'a', path: '/p?q=1' }, { x: 'b', path: ':8443/' }, { x: 'c', path: '' }, { x: 'd', path: '#top' }]);
  });

  test('the scheme from code: `${location.protocol}//…` and `${proto}://…` (template only)', () => {
    for (const src of ['t = `${protocol}//${t}.acme-docs.com/`;', 't = `${proto}://${t}.acme-docs.com/`;']) {
      const { out } = rewrite(src, WILD_AND_APEX);
      for (const values of [{ protocol: 'https:', proto: 'https', t: 'a' }, { protocol: 'http:', proto: 'wss', t: 'b.c' }]) {
        const original = parseUrl(evaluate(src, values))!;
        expect(isTwinUrl(parseUrl(evaluate(out, values))!, original, SUFFIX, 'suffix'), out).toBe(true);
      }
    }
  });

  test('escaped slashes as a template writes them (`https:\\/\\/`)', () => {
    const src = 't = `https:\\/\\/${sub}.acme-docs.com\\/x`;';
    const { out } = rewrite(src, WILD_AND_APEX);
    const original = parseUrl(evaluate(src, { sub: 'app' }))!;
    expect(original.hostname).toBe('app.acme-docs.com');
    expect(isTwinUrl(parseUrl(evaluate(out, { sub: 'app' }))!, original, SUFFIX, 'suffix')).toBe(true);
  });

  test('a URL nested in the query of a URL that code begins is rewritten too (DESIGN rule 2)', () => {
    const src = 't = `https://${h}/login?next=https://${t}.acme-docs.com/home`;';
    const { out } = rewrite(src, WILD_AND_APEX);
    expect(out).toBe('t = `https://${h}/login?next=https://${t}.acme-docs.com.proxy.test/home`;');
  });
});

describe('userinfo: the host is what follows the last `@`', () => {
  test('code before `@`: the literal host after it is the URL host', () => {
    const rows = [{ u: 'user' }, { u: 'user:pw' }, { u: '' }];
    expectProxiedExactlyWhenProtected([lit('https://'), code('u'), lit('@acme-docs.com/')], rows);
    expectProxiedExactlyWhenProtected([lit('https://'), code('u'), lit(':secret@app.acme-docs.com')], rows);
    expectProxiedExactlyWhenProtected([lit('https://user@'), code('h'), lit('.acme-docs.com/')], [{ h: 'x' }, { h: 'a.b' }]);
  });

  test('a protected name before `@` is userinfo: the host is the code after it, left alone', () => {
    expectUntouched([lit('https://acme-docs.com@'), code('h')]);
    expectUntouched([lit('https://acme-docs.com@'), code('h'), lit('/x')]);
    expectUntouched([lit('https://'), code('a'), lit('.acme-docs.com@evil.org/')]);
    expectUntouched([lit('wss://app.acme-docs.com:pw@'), code('h'), lit(':443/')]);
  });

  test('code userinfo before a host that code writes: the host after `@` decides, as it does without userinfo', () => {
    const host = [code('v0'), lit('.'), code('v1'), lit('acme-docs.com/x?y=1#z')];
    const withUser = [lit('ws://'), code('u'), lit('@'), ...host];
    // The browser: userinfo ends at the last `@` of the authority; the host is what follows.
    const fetched = parseUrl(evaluate(asTemplate(withUser), { u: '0', v0: 'app', v1: '' }))!;
    expect([fetched.username, fetched.hostname, fetched.pathname]).toEqual(['0', 'app.acme-docs.com', '/x']);
    expect(isProtectedUrl(fetched, ['app.acme-docs.com'])).toBe(true);
    // Protected for some values only (v0 = 'app', v1 = ''; not v0 = 'www'): left and reported, in both schemes.
    for (const scheme of ['suffix', 'flat'] as const) {
      for (const parts of [withUser, [lit('ws://'), ...host]]) {
        for (const source of spellings(parts)) {
          const { out, events } = rewrite(source, ['app.acme-docs.com'], scheme);
          expect(out, `${scheme}: ${source}`).toBe(source);
          expect(events.map((e) => [e.type, e.host, e.reason]), `${scheme}: ${source}`).toEqual([['js-unmappable', '*.*acme-docs.com', 'value-dependent']]);
        }
      }
    }
    // Every subdomain protected: the suffix goes after the host, the userinfo stays.
    expectProxiedExactlyWhenProtected(withUser, [{ u: '0', v0: 'app', v1: '' }, { u: 'me:pw', v0: 'a', v1: 'b.' }, { u: '', v0: 'x', v1: 'y' }]);
    for (const source of spellings(withUser)) {
      const { out, events } = rewrite(source, WILD_AND_APEX, 'flat');
      expect(out, source).toBe(source);
      expect(events.map((e) => [e.type, e.host, e.reason]), source).toEqual([['js-unmappable', '*.*acme-docs.com', 'flat-scheme']]);
    }
  });

  test('the flat scheme maps a literal host after code userinfo', () => {
    const src = 't = `https://${u}@app.acme-docs.com/`;';
    const { out } = rewrite(src, WILD_AND_APEX, 'flat');
    const original = parseUrl(evaluate(src, { u: 'me' }))!;
    expect(isTwinUrl(parseUrl(evaluate(out, { u: 'me' }))!, original, SUFFIX, 'flat')).toBe(true);
  });
});

describe('the tail is not the end of the host: nothing changes', () => {
  test('in the path, query or fragment', () => {
    expectUntouched([lit('https://'), code('h'), lit('/x.acme-docs.com')]);
    expectUntouched([lit('https://'), code('h'), lit('?r='), code('a'), lit('.acme-docs.com')]);
    expectUntouched([lit('https://'), code('h'), lit('#'), code('a'), lit('.acme-docs.com')]);
    expectUntouched([lit('https://'), code('h'), lit('/'), code('a'), lit('.acme-docs.com/')]);
  });

  test('a longer host: more labels after the tail, or a longer last label', () => {
    expectUntouched([lit('https://'), code('a'), lit('.acme-docs.com.evil.org/')]);
    expectUntouched([lit('https://'), code('a'), lit('.acme-docs.community/')]);
    expectUntouched([lit('https://'), code('a'), lit('.acme-docs.com-cdn.net')]);
  });

  test('not a URL: prose, a query value, an e-mail address, other schemes', () => {
    expectUntouched([lit('see '), code('a'), lit('.acme-docs.com/ for more')]);
    expectUntouched([lit('q='), code('a'), lit('.acme-docs.com/')]);
    expectUntouched([lit('mailto:'), code('u'), lit('@acme-docs.com')]);
    expectUntouched([lit('Visit '), code('a'), lit('.acme-docs.com')]);
  });
});

describe('what is protected decides', () => {
  test('only the apex: `${x}.acme-docs.com` is never the apex (an empty x leaves an empty label)', () => {
    expect(parseUrl('https://.acme-docs.com/')!.hostname).toBe('.acme-docs.com');
    expectUntouched([lit('https://'), code('x'), lit('.acme-docs.com/')], ['acme-docs.com']);
  });

  test('code glued to the first label of a protected host reads as empty or a prefix ending in a dot', () => {
    // `${env}acme-docs.com`: the apex for '', a subdomain for 'staging.'.
    const parts = [lit('https://'), code('env'), lit('acme-docs.com/')];
    expectProxiedExactlyWhenProtected(parts, [{ env: '' }, { env: 'staging.' }, { env: 'a.b.' }]);
    expectProxiedExactlyWhenProtected(parts, [{ env: '' }], ['acme-docs.com']);
    expectProxiedExactlyWhenProtected(parts, [{ env: 'www.' }], ['*.acme-docs.com']);
  });

  test('a reading the code did not mean goes to the proxy, which refuses it: never another site', () => {
    const parts = [lit('https://'), code('env'), lit('acme-docs.com/')];
    for (const [domains, env] of [[WILD_AND_APEX, 'staging-'], [['acme-docs.com'], 'www.'], [['*.acme-docs.com'], '']] as const) {
      for (const source of spellings(parts)) {
        const { out } = rewrite(source, domains);
        const original = parseUrl(evaluate(source, { env }))!;
        const rewritten = parseUrl(evaluate(out, { env }))!;
        expect(isProtectedUrl(original, domains)).toBe(false);
        expect(isRefusedByProxy(rewritten, SUFFIX, domains), rewritten.href).toBe(true);
      }
    }
  });

  test('only some subdomains protected: protected for some values only, so left and reported', () => {
    for (const source of spellings([lit('https://'), code('svc'), lit('.acme-docs.com/api')])) {
      for (const scheme of ['suffix', 'flat'] as const) {
        const { out, events } = rewrite(source, ['app.acme-docs.com'], scheme);
        expect(out).toBe(source);
        expect(events.map((e) => [e.type, e.host, e.reason])).toEqual([['js-unmappable', '*.acme-docs.com', 'value-dependent']]);
      }
    }
  });

  test('a deeper wildcard makes the parent value-dependent too: left and reported', () => {
    // With *.eu.acme-docs.com protected, svc = 'x.eu' fetches a protected host, svc = 'www' does not.
    const parts = [lit('https://'), code('svc'), lit('.acme-docs.com/api')];
    expect(isProtectedUrl(parseUrl(evaluate(asTemplate(parts), { svc: 'x.eu' }))!, ['*.eu.acme-docs.com'])).toBe(true);
    expect(isProtectedUrl(parseUrl(evaluate(asTemplate(parts), { svc: 'www' }))!, ['*.eu.acme-docs.com'])).toBe(false);
    for (const source of spellings(parts)) {
      const { out, events } = rewrite(source, ['*.eu.acme-docs.com']);
      expect(out).toBe(source);
      expect(events.map((e) => [e.type, e.host, e.reason])).toEqual([['js-unmappable', '*.acme-docs.com', 'value-dependent']]);
    }
  });

  test('code glued to the first label may end in a dot: a subdomain, protected for some values only, so left and reported', () => {
    // `${env}acme-docs.com` with env = 'app.' is app.acme-docs.com; with env = 'www.' it is not protected.
    const parts = [lit('https://'), code('env'), lit('acme-docs.com/')];
    expect(parseUrl(evaluate(asTemplate(parts), { env: 'app.' }))!.hostname).toBe('app.acme-docs.com');
    for (const source of spellings(parts)) {
      for (const scheme of ['suffix', 'flat'] as const) {
        const { out, events } = rewrite(source, ['app.acme-docs.com'], scheme);
        expect(out).toBe(source);
        expect(events.map((e) => [e.type, e.host, e.reason])).toEqual([['js-unmappable', '*acme-docs.com', 'value-dependent']]);
      }
    }
  });

  test('nothing under the tail protected: left, not reported', () => {
    expectUntouched([lit('https://'), code('x'), lit('.app.acme-docs.com/')], ['app.acme-docs.com']);
  });
});

describe('the flat scheme cannot map a host that code writes part of', () => {
  test('left as it is and reported, with the host as written (code as `*`)', () => {
    const cases: Array<[Part[], string]> = [
      [[lit('https://'), code('a'), lit('.acme-docs.com/')], '*.acme-docs.com'],
      [[lit('https://'), code('a'), code('b'), lit('.acme-docs.com/')], '*.acme-docs.com'],
      [[lit('https://'), code('r'), lit('.'), code('s'), lit('.acme-docs.com/')], '*.*.acme-docs.com'],
      [[lit('https://'), code('t'), lit('-my.acme-docs.com/')], '*-my.acme-docs.com'],
      [[lit('//'), code('h'), lit('.acme-docs.com')], '*.acme-docs.com'],
      [[lit('wss://'), code('x'), lit('.acme-docs.com:8443/')], '*.acme-docs.com'],
      [[lit('https://'), code('env'), lit('acme-docs.com/')], '*acme-docs.com'],
    ];
    for (const [parts, host] of cases) {
      for (const source of spellings(parts)) {
        const { out, events } = rewrite(source, WILD_AND_APEX, 'flat');
        expect(out).toBe(source);
        expect(events.map((e) => [e.type, e.host, e.reason]), source).toEqual([['js-unmappable', host, 'flat-scheme']]);
        expect(String(events[0].message)).toContain('acme-docs.com');
      }
    }
  });
});

describe('the same decisions whichever reading finds the literals', () => {
  test('the lexer and the parser (validate) give the same output', () => {
    const { ctx } = exampleContext({ domains: WILD_AND_APEX });
    for (const src of [
      't = `https://${a}${b}.acme-docs.com/`;',
      't = `https://${r}.${s}.acme-docs.com/`;',
      't = `${p}//${t}-my.acme-docs.com`;',
      't = `https://${u}@acme-docs.com/`;',
      't = `https://acme-docs.com@${h}`;',
      "u = 'https://' + a + '.' + b + '.acme-docs.com/';",
      "u = 'https://' + `${a}.${b}` + '.acme-docs.com/';",
    ]) {
      const lexed = rewriteJs(ctx, src, { sourceType: 'script' });
      expect(rewriteJs(ctx, src, { sourceType: 'script', validate: true }), src).toBe(lexed);
    }
  });

  test('a template and concatenation mixed are one URL', () => {
    const src = "u = 'https://' + `${a}.${b}` + '.acme-docs.com/';";
    const { out } = rewrite(src, WILD_AND_APEX);
    expect(out).toBe("u = 'https://' + `${a}.${b}` + '.acme-docs.com.proxy.test/';");
  });
});
