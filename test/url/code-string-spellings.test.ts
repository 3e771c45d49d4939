import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cssString, evalJs, readCssString } from './code-string-values.js';
import { flatTwin, pageBase, parse, parse as parseOn, proxiedHref, reachesProtectedHost, rewriter, suffixTwin } from './helpers.js';

// Rule 3 for what a code or data string spells only through its language's escapes or
// the URL parser's own reading: slashes written only as escapes (or as backslashes) in
// prose, special schemes without slashes, a whole-string host with no label written
// out, and a URL percent-encoded inside another URL's query. The oracle is Node's URL
// on the value the code holds (JavaScript by evaluating it, JSON by JSON.parse, CSS by
// CSS Syntax §4.3.5), never the rewriter.

const rw = rewriter();
const flat = rewriter({ scheme: 'flat' });
const base = pageBase();
const proxied = (value: string) => proxiedHref(value, base, suffixTwin);

/** The host a URL setter (`location.hostname = s`, `url.host = s`) makes of `s`: the URL Standard's host parsing. */
function hostnameSetter(value: string): string {
  const u = new URL('https://page.invalid/');
  u.hostname = value;
  return u.hostname;
}

/** What the browser fetches for a prose string `see TOKEN now`: the token the rewritten string holds. */
function tokenOf(prose: string): string {
  const parts = prose.split(' ');
  expect(parts.length, prose).toBe(3);
  expect([parts[0], parts[2]]).toEqual(['see', 'now']);
  return parts[1] as string;
}

/** A JavaScript string literal whose body is `body` as written (escapes kept), in double quotes. */
const js = (body: string) => `x = "${body}";`;
const jsValue = (source: string) => String(evalJs(source));

describe('a URL in prose whose slashes are written only as escapes or backslashes', () => {
  // The slash spellings of a JavaScript string (sloppy mode: legacy octal too), the value
  // each stands for, and the hosts after them (written out, or only for the parser).
  const SLASHES = ['\\u{2f}', '\\u{002F}', '\\u002F', '\\x2f', '\\57', '\\057', '\\u005c', '\\x5C', '\\u{5c}', '\\134', '\\\\'];
  const HOSTS = ['acme-docs.com', 'app.acme-docs.com', '%61cme-docs.com', 'ａｃｍｅ-docs.com', '\\u0061cme-docs.com', 'acme-docs\\u{2e}com'];
  const SCHEMES = ['https:', 'wss:', 'HTTP:', ''];

  it('JavaScript: the token the string holds parses to the proxied URL, the prose around it kept', () => {
    for (const slash of SLASHES) {
      for (const host of HOSTS) {
        for (const scheme of SCHEMES) {
          const source = js(`see ${scheme}${slash}${slash}${host}/x?q=1 now`);
          const before = tokenOf(jsValue(source));
          expect(reachesProtectedHost(before), before).toBe(true);
          const out = rw.rewriteJs(source);
          expect(parse(tokenOf(jsValue(out)))?.href, `${source} → ${out}`).toBe(proxied(before));
          expect(rw.rewriteJs(out), 'idempotent').toBe(out);
        }
      }
    }
  });

  it('JSON: \\u002F and \\u005C slashes, hosts written out or percent-encoded', () => {
    for (const slash of ['\\u002F', '\\u002f', '\\u005C', '\\\\']) {
      for (const host of ['acme-docs.com', '%61cme-docs.com', '\\uff41cme-docs.com']) {
        const json = `{"t":"see https:${slash}${slash}${host}/x now"}`;
        const before = tokenOf(JSON.parse(json).t);
        expect(reachesProtectedHost(before), before).toBe(true);
        const out = rw.rewriteJson(json);
        expect(parse(tokenOf(JSON.parse(out).t))?.href, `${json} → ${out}`).toBe(proxied(before));
      }
    }
  });

  it('CSS: \\2f and \\5c escapes, hosts written out or percent-encoded', () => {
    // A hex escape takes up to six hex digits: a space ends a shorter one (CSS Syntax §4.3.7).
    for (const slash of ['\\2f ', '\\2F ', '\\00002f', '\\5c ', '\\\\']) {
      for (const host of ['acme-docs.com', '%61cme-docs.com', 'ａｃｍｅ-docs.com']) {
        const css = `a{--t:"see https:${slash}${slash}${host}/x now"}`;
        const before = tokenOf(readCssString(css));
        expect(reachesProtectedHost(before), `${css}: ${before}`).toBe(true);
        const out = rw.rewriteCss(css);
        expect(parse(tokenOf(readCssString(out)))?.href, `${css} → ${out}`).toBe(proxied(before));
      }
    }
  });

  it('what the parser reads as another host, or no URL, stays', () => {
    const kept = [
      js('see https:\\u{2f}\\u{2f}acme-docs.com.evil.org/x now'),
      js('see https:\\u{2f}\\u{2f}%61cme-docs.org/ now'),
      js('see ftp:\\u{2f}\\u{2f}%61cme-docs.com/ now'),
      js('see git+https:\\u{2f}\\u{2f}%61cme-docs.com/ now'),
      js('see https:\\u{2f}\\u{2f}evil.org@%61cme-docs.com.evil.org/ now'),
      js('C:\\\\Users\\\\acme-docs.com\\\\file'),
    ];
    for (const source of kept) expect(rw.rewriteJs(source), source).toBe(source);
  });
});

describe('special schemes without slashes (the parser reads `https:host` as `https://host/`)', () => {
  // On a page of the same scheme `https:host` is a relative path; on a page of any other
  // scheme (and `wss:host` on every page) it is a URL whose host is `host`. The page's
  // scheme is unknown to the rewriter: the test reads each token on a page of another scheme.
  const otherBase = (token: string) => pageBase(/^https:/i.test(token) ? 'http' : 'https');
  const reaches = (token: string) => reachesProtectedHost(token, otherBase(token));
  const proxied = (token: string) => proxiedHref(token, otherBase(token), suffixTwin);
  const parse = (value: string, token: string) => parseOn(value, otherBase(token));
  const TOKENS = [
    'wss:acme-docs.com/x',
    'https:acme-docs.com',
    'wss:%61cme-docs.com',
    'https:ａｃｍｅ-docs.com/p?q',
    'http:/%61cme-docs.com/',
    'HTTPS:app.%61cme-docs.com:8443/x',
    'https:u@%61cme-docs.com/',
  ];

  it('each token reaches a protected host (the premise)', () => {
    for (const t of TOKENS) expect(reaches(t), t).toBe(true);
  });

  it.each(TOKENS)('%j as a whole string: JavaScript, JSON and CSS values parse to the proxied URL', (token) => {
    const source = `x = ${JSON.stringify(token)};`;
    expect(parse(jsValue(rw.rewriteJs(source)), token)?.href, source).toBe(proxied(token));
    const json = JSON.stringify({ u: token });
    expect(parse(JSON.parse(rw.rewriteJson(json)).u, token)?.href, json).toBe(proxied(token));
    const css = `a{--u:${cssString(token)}}`;
    expect(parse(readCssString(rw.rewriteCss(css)), token)?.href, css).toBe(proxied(token));
    expect(parse(jsValue(flat.rewriteJs(source)), token)?.href, `flat: ${source}`).toBe(proxiedHref(token, otherBase(token), flatTwin));
  });

  it.each(TOKENS)('%j in prose: the token is proxied, the prose kept', (token) => {
    const prose = `see ${token} now`;
    const out = jsValue(rw.rewriteJs(`x = ${JSON.stringify(prose)};`));
    expect(parse(tokenOf(out), token)?.href, out).toBe(proxied(token));
    const jsonOut = JSON.parse(rw.rewriteJson(JSON.stringify([prose])))[0];
    expect(parse(tokenOf(jsonOut), token)?.href, jsonOut).toBe(proxied(token));
  });

  it('JavaScript escapes in the scheme, the colon or the host', () => {
    for (const body of ['\\u0068ttps:%61cme-docs.com/x', 'https\\x3a%61cme-docs.com/x', 'see wss\\u{3a}\\u0061cme-docs.com/x now', 'see https:\\uff41cme-docs.com now']) {
      const source = js(body);
      const before = jsValue(source);
      const token = before.startsWith('see ') ? tokenOf(before) : before;
      expect(reaches(token), token).toBe(true);
      const after = jsValue(rw.rewriteJs(source));
      expect(parse(before.startsWith('see ') ? tokenOf(after) : after, token)?.href, source).toBe(proxied(token));
    }
  });

  it('other schemes, glued schemes and what is no host stay', () => {
    for (const v of ['ftp:%61cme-docs.com', 'git+https:%61cme-docs.com/', 'xhttps:%61cme-docs.com', 'mailto:%61cme-docs.com', 'https:%61cme-docs.org', 'see ws:ａｃｍｅ-docs.com.evil.org now', 'a ? b : %61cme']) {
      expect(reaches(v.replace(/^see | now$/g, '')), v).toBe(false);
      const source = `x = ${JSON.stringify(v)};`;
      expect(rw.rewriteJs(source), v).toBe(source);
      const json = JSON.stringify([v]);
      expect(rw.rewriteJson(json), v).toBe(json);
    }
  });
});

describe('a whole string that is a host with no label written out (host comparisons, location.hostname = s)', () => {
  // What a URL setter makes of the value is the URL Standard's host parsing: percent-decoding, then UTS #46.
  const HOSTS: Array<[written: string, value: string]> = [
    ['ａｃｍｅ-docs.com', 'ａｃｍｅ-docs.com'],
    ['ＡＣＭＥ-ＤＯＣＳ．ＣＯＭ', 'ＡＣＭＥ-ＤＯＣＳ．ＣＯＭ'],
    ['app.ａｃｍｅ-docs.ｃｏｍ', 'app.ａｃｍｅ-docs.ｃｏｍ'],
    ['acme-docs。com', 'acme-docs。com'],
    ['%61cme-docs.com', '%61cme-docs.com'],
    ['acme-docs%2Ecom', 'acme-docs%2Ecom'],
    ['ac\u00ADme-docs.com', 'ac\u00ADme-docs.com'],
    ['\\u0061cme-docs.com', 'acme-docs.com'],
    ['acme-docs\\x2ecom', 'acme-docs.com'],
    ['\\uFF41cme-docs.com', 'ａcme-docs.com'],
    ['acme-\\\ndocs.com', 'acme-docs.com'],
  ];

  it('each value parses, as a host, to a protected host (the premise)', () => {
    for (const [, value] of HOSTS) expect(hostnameSetter(value), value).toMatch(/(^|\.)acme-docs\.com$/);
  });

  it.each(HOSTS)('%j in JavaScript: the value parses to the twin', (written, value) => {
    const out = jsValue(rw.rewriteJs(js(written)));
    expect(hostnameSetter(out), out).toBe(suffixTwin(hostnameSetter(value)));
    expect(hostnameSetter(jsValue(flat.rewriteJs(js(written))))).toBe(flatTwin(hostnameSetter(value)));
  });

  it.each(HOSTS.filter(([w]) => !w.includes('\\')))('%j in JSON and CSS strings: the value parses to the twin', (written) => {
    const json = JSON.stringify({ h: written });
    expect(hostnameSetter(JSON.parse(rw.rewriteJson(json)).h)).toBe(suffixTwin(hostnameSetter(written)));
    const css = `a{--h:${cssString(written)}}`;
    expect(hostnameSetter(readCssString(rw.rewriteCss(css)))).toBe(suffixTwin(hostnameSetter(written)));
  });

  it('a leading dot or wildcard keeps its meaning', () => {
    expect(jsValue(rw.rewriteJs(js('.ａｃｍｅ-docs.com')))).toBe('.ａｃｍｅ-docs.com.proxy.test');
    expect(jsValue(rw.rewriteJs(js('*.%61cme-docs.com')))).toBe('*.%61cme-docs.com.proxy.test');
  });

  it('what is no protected host, or no host, stays', () => {
    for (const v of ['ａｃｍｅ-docs.org', 'ａｃｍｅ-docs.com.evil.org', 'see ａｃｍｅ-docs.com', '%61cme-docs.com/x', '%zz.acme-docs', 'ａｃｍｅ-docs.com.', 'ac\tme-docs.com', '100%', '\u3053\u3093\u306b\u3061\u306f\u3002']) {
      const source = `x = ${JSON.stringify(v)};`;
      expect(rw.rewriteJs(source), v).toBe(source);
      const json = JSON.stringify([v]);
      expect(rw.rewriteJson(json), v).toBe(json);
    }
  });
});

describe('a URL percent-encoded inside another URL\'s query, in a string', () => {
  const URLS = [
    'https://other.org/?next=https%3A%2F%2F%61cme-docs.com%2Fx',
    'https://other.org/login?next=https%3A%2F%2F%EF%BD%81cme-docs.com%2F&x=1',
    'https://other.org/?r=https%253A%252F%252F%2561cme-docs.com%252F',
    '//other.org/#/cb?u=wss%3A%2F%2Fapp.%61cme-docs.com',
    'https://other.org/?next=wss%3Aacme-docs.com%2Fx',
  ];

  /** The nested URL of `url`: its first query or fragment parameter, decoded as often as it is encoded. */
  function nestedOf(url: string): string {
    const u = parse(url) as URL;
    let v = new URLSearchParams(u.search || u.hash.replace(/^#[^?]*\?/, '?')).values().next().value as string;
    while (/%[0-9a-f]{2}/i.test(v)) v = decodeURIComponent(v);
    return v;
  }

  it('each nested URL reaches a protected host, the outer one does not (the premise)', () => {
    for (const u of URLS) {
      expect(reachesProtectedHost(u), u).toBe(false);
      expect(reachesProtectedHost(nestedOf(u)), u).toBe(true);
    }
  });

  it.each(URLS)('%j: as a whole string and in prose, in JavaScript, JSON and CSS, the nested URL is proxied and the outer host kept', (url) => {
    const check = (out: string) => {
      expect(parse(out)?.host, out).toBe(parse(url)?.host);
      expect(parse(nestedOf(out))?.href, out).toBe(proxied(nestedOf(url)));
    };
    check(jsValue(rw.rewriteJs(`x = ${JSON.stringify(url)};`)));
    check(tokenOf(jsValue(rw.rewriteJs(`x = ${JSON.stringify(`see ${url} now`)};`))));
    check(JSON.parse(rw.rewriteJson(JSON.stringify([url])))[0]);
    check(tokenOf(JSON.parse(rw.rewriteJson(JSON.stringify([`see ${url} now`])))[0]));
    check(readCssString(rw.rewriteCss(`a{--u:${cssString(url)}}`)));
  });

  it('a nested value that reaches no protected host stays', () => {
    for (const v of ['https://other.org/?next=https%3A%2F%2F%61cme-docs.org%2Fx', 'see https://other.org/?q=100%25%20off now']) {
      const source = `x = ${JSON.stringify(v)};`;
      expect(rw.rewriteJs(source)).toBe(source);
    }
  });
});

describe('a special scheme without slashes whose host the parser refuses', () => {
  // On a page of the same scheme `https:%zz/p?next=…` is a relative path (the page's own
  // host), so its query reaches the browser; only on a page of another scheme is it refused.
  const value = 'https:%2561cme-docs.com/p?next=https://%61cme-docs.com/x';
  const next = (v: string) => (parse(v, pageBase('https')) as URL).searchParams.get('next') as string;

  it('the premise: relative on an https page, its nested URL reaching a protected host; refused on an http page', () => {
    expect(parse(value, pageBase('https'))?.host).toBe('page.invalid');
    expect(reachesProtectedHost(next(value))).toBe(true);
    expect(parse(value, pageBase('http'))).toBe(null);
  });

  it('the nested URL is proxied, in a URL position and in a string', () => {
    expect(parse(next(rw.url(value)))?.href).toBe(proxied(next(value)));
    expect(parse(next(jsValue(rw.rewriteJs(`x = ${JSON.stringify(value)};`))))?.href).toBe(proxied(next(value)));
  });
});

describe('random tokens in prose, every spelling mixed (the URL parser on the value the script holds)', () => {
  const SCHEMES = ['https:', 'wss:', 'HTTP:', 'ftp:', 'git+https:', ''];
  const SLASHES = ['', '/', '//', '\\u{2f}\\u{2f}', '\\57\\57', '\\\\\\\\', '\\/\\/', '/\\t/', '\\x5c/'];
  const HOSTS = ['acme-docs.com', '%61cme-docs.com', 'ａｃｍｅ-docs.com', '\\u0061cme-docs.com', 'bücher.acme-docs.com', 'acme-docs.com.evil.org', 'other.org', 'u@%61cme-docs.com', '%61cme-docs.com@evil.org'];
  const TAILS = ['', '/x', '/p?next=https%3A%2F%2F%61cme-docs.com%2Fy', '/p?next=wss:acme-docs.com', '#/r?u=%2F%2F%EF%BD%81cme-docs.com'];
  const token = fc.tuple(fc.constantFrom(...SCHEMES), fc.constantFrom(...SLASHES), fc.constantFrom(...HOSTS), fc.constantFrom(...TAILS)).map((p) => p.join(''));
  /** The page scheme on which the token reads as absolute when it can (`https:host` is relative on an https page). */
  const baseFor = (t: string) => pageBase(/^https:/i.test(t) ? 'http' : 'https');
  const nested = (u: URL | null) => {
    if (u === null) return null;
    const query = u.search || u.hash.replace(/^#[^?]*/, '');
    const v = new URLSearchParams(query).values().next().value;
    return v === undefined ? null : v;
  };

  it('the token is proxied exactly when the parser reads a protected host in it (and so are the URLs nested in its query)', () => {
    fc.assert(fc.property(token, (written) => {
      const source = js(`see ${written} now`);
      // Whitespace ends a URL in prose (a tab between the slashes too): such a value holds no one token.
      if (/[\t\n\r]/.test(jsValue(source))) return;
      const tokenBefore = tokenOf(jsValue(source));
      const out = rw.rewriteJs(source);
      const tokenAfter = tokenOf(jsValue(out));
      const b = baseFor(tokenBefore);
      const before = parse(tokenBefore, b);
      const after = parse(tokenAfter, b);
      const why = `${source} → ${out}`;
      if (reachesProtectedHost(tokenBefore, b)) {
        const expected = new URL(proxiedHref(tokenBefore, b, suffixTwin));
        expect([after?.protocol, after?.host, after?.pathname], why).toEqual([expected.protocol, expected.host, expected.pathname]);
      } else if (!/acme-docs\.com/i.test(tokenBefore)) {
        // No protected host written out: only what the parser reads may change.
        expect(after?.host, why).toBe(before?.host);
      }
      const n = nested(before);
      if (n !== null && reachesProtectedHost(n, b) && (reachesProtectedHost(tokenBefore, b) || before?.host === 'other.org')) {
        expect(parse(nested(after) ?? '', b)?.host, why).toBe(suffixTwin(parse(n, b)?.hostname as string));
      }
      expect(rw.rewriteJs(out), `idempotent: ${why}`).toBe(out);
    }), { numRuns: 3000 });
  });

  it('the same tokens as whole JSON and CSS strings', () => {
    fc.assert(fc.property(token, (written) => {
      const value = jsValue(js(written));
      const b = baseFor(value);
      const check = (out: string, why: string) => {
        if (reachesProtectedHost(value, b)) {
          const expected = new URL(proxiedHref(value, b, suffixTwin));
          const after = parse(out, b);
          expect([after?.protocol, after?.host, after?.pathname], why).toEqual([expected.protocol, expected.host, expected.pathname]);
        } else if (!/acme-docs\.com/i.test(value)) {
          expect(parse(out, b)?.host, why).toBe(parse(value, b)?.host);
        }
        const n = nested(parse(value, b));
        if (n !== null && reachesProtectedHost(n, b) && (reachesProtectedHost(value, b) || parse(value, b)?.host === 'other.org')) {
          expect(parse(nested(parse(out, b)) ?? '', b)?.host, why).toBe(suffixTwin(parse(n, b)?.hostname as string));
        }
      };
      const json = JSON.stringify([value]);
      const jsonOut = rw.rewriteJson(json);
      check(JSON.parse(jsonOut)[0], `${json} → ${jsonOut}`);
      const css = `a{--u:${cssString(value)}}`;
      const cssOut = rw.rewriteCss(css);
      check(readCssString(cssOut), `${css} → ${cssOut}`);
    }), { numRuns: 2000 });
  });
});
