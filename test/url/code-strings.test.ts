import { domainToASCII } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cssString, evalJs, jsLiteral, jsonEscapedSlashes, readCssString, type JsStyle } from './code-string-values.js';
import { ESCAPE_CLASSES } from './escape-classes.js';
import { flatTwin, pageBase, parse, proxiedHref, reachesProtectedHost, rewriter, suffixTwin } from './helpers.js';

// Issue 8 for code and data strings (DESIGN rule 3): a string a script, a JSON document
// or a stylesheet holds, which the browser would fetch, must come out proxied whenever
// the WHATWG URL parser reads a protected host in it, however the host is spelled for the
// parser (percent-encoding, full-width letters, Unicode labels, ignored characters, tabs,
// JavaScript escapes). Expectations come from Node's URL on the value the code holds
// (after the language's own unescaping), never from the rewriter.

const rw = rewriter();
const flat = rewriter({ scheme: 'flat' });
const base = pageBase();

/** Spellings that only code strings have, or that stand in them most often. */
const CODE_CLASSES: Record<string, string[]> = {
  'Unicode labels before a protected tail': [
    'https://bücher.acme-docs.com/',
    'https://BÜCHER.acme-docs.com/x?y#z',
    'wss://straße.acme-docs.com/socket',
    'https://b%C3%BCcher.acme-docs.com/',
    '//日本.acme-docs.com/a',
    'https://ｂücher.acme-docs.com/',
  ],
  'hosts a parser makes whole': [
    'https://%61cme-docs.com/x',
    'https://ａｃｍｅ-docs.com/',
    'https://acme-docs。com/',
    'https://acme-docs%2Ecom/a?b#c',
    'https://app.acme-docs.com\u00AD/',
    'HTTPS://%41CME-DOCS.COM/',
  ],
};

const ALL: Array<[string, string]> = Object.entries({ ...ESCAPE_CLASSES, ...CODE_CLASSES }).flatMap(([name, values]) => values.map((v): [string, string] => [name, v]));

/** The URL the output value must parse to, proxied in the suffix scheme. */
const proxied = (value: string) => proxiedHref(value, base, suffixTwin);

describe('every class of host spelling, in every kind of code and data string', () => {
  it('each input reaches a protected host (the premise of the tests)', () => {
    for (const [, v] of ALL) expect(reachesProtectedHost(v), v).toBe(true);
  });

  // With every host character an escape, or a line continuation in the host, a string has
  // no protected host written out: it is found by its `//` (README, known limits: not by
  // backslashes or `https:` alone).
  const slashed = /\/[\t\n\r]*\//;
  const styles: JsStyle[] = ['double', 'single', 'template', 'escaped', 'continued'];
  for (const style of styles) {
    it(`JavaScript, ${style} literal: the value the script holds parses to the proxied URL`, () => {
      for (const [name, v] of ALL) {
        if ((style === 'escaped' || style === 'continued') && !slashed.test(v)) continue;
        const out = rw.rewriteJs(`x = ${jsLiteral(v, style)};`);
        expect(parse(String(evalJs(out)))?.href, `${name}: ${JSON.stringify(v)} → ${out}`).toBe(proxied(v));
      }
    });
  }

  it('where the parser and the text scan both read a URL, a second pass changes nothing', () => {
    // The parser keeps the own host (acme-docs.com.evil.org) and proxies the nested URL.
    const v = 'https://acme-docs.com.%65vil.org/p?next=https://%61cme-docs.com/x';
    const once = rw.rewriteJs(`x = ${JSON.stringify(v)};`);
    expect(rw.rewriteJs(once)).toBe(once);
    const out = parse(String(evalJs(once)));
    expect(parse(out?.searchParams.get('next') as string)?.hostname).toBe('acme-docs.com.proxy.test');
    expect(out?.hostname.endsWith('.evil.org')).toBe(true);
  });

  it('text added after a host goes before what spells nothing (a lone backslash at the end, a line continuation)', () => {
    expect(rw.rewriteJs('"//acme-docs.com\\')).toBe('"//acme-docs.com.proxy.test\\');
    expect(rw.rewriteJs('x = "https://%61cme-docs.com\\\n/p";')).toBe('x = "https://%61cme-docs.com.proxy.test\\\n/p";');
    expect(rw.rewriteJs('x = "bücher.acme-docs.com\\\n";')).toBe('x = "bücher.acme-docs.com.proxy.test\\\n";');
  });

  it('JavaScript: the same in a call, and idempotent', () => {
    for (const [, v] of ALL) {
      const once = rw.rewriteJs(`fetch(${JSON.stringify(v)}); x = ${JSON.stringify(v)};`);
      expect(rw.rewriteJs(once), v).toBe(once);
    }
  });

  it('JSON, as JSON.stringify writes it and with escaped slashes: the value parses to the proxied URL', () => {
    for (const [name, v] of ALL) {
      for (const json of [JSON.stringify({ u: v }), `{"u":${jsonEscapedSlashes(v)}}`]) {
        const out = rw.rewriteJson(json);
        expect(parse(JSON.parse(out).u)?.href, `${name}: ${json} → ${out}`).toBe(proxied(v));
      }
    }
  });

  it('CSS strings other than url(): the value a script reads parses to the proxied URL', () => {
    for (const [name, v] of ALL) {
      const css = `a{--u:${cssString(v)}}`;
      const out = rw.rewriteCss(css);
      expect(parse(readCssString(out))?.href, `${name}: ${css} → ${out}`).toBe(proxied(v));
    }
  });

  it('the flat scheme: the twin of the host the parser reads', () => {
    for (const [name, v] of ALL) {
      const out = flat.rewriteJs(`x = ${JSON.stringify(v)};`);
      expect(parse(String(evalJs(out)))?.href, `${name}: ${v} → ${out}`).toBe(proxiedHref(v, base, flatTwin));
    }
  });

  it('bytes are kept where the URL rule can: the suffix follows the host as written', () => {
    expect(rw.rewriteJs('x = "https://bücher.acme-docs.com/p";')).toBe('x = "https://bücher.acme-docs.com.proxy.test/p";');
    expect(rw.rewriteJs('x = "https://\\u0061cme-docs.com/p";')).toBe('x = "https://\\u0061cme-docs.com.proxy.test/p";');
    expect(rw.rewriteJson('{"u":"https:\\/\\/%61cme-docs.com\\/p"}')).toBe('{"u":"https:\\/\\/%61cme-docs.com.proxy.test\\/p"}');
  });
});

describe('a whole string whose slashes are escapes the text scan does not read', () => {
  it.each([
    'x = "https:\\u{2f}\\u{2f}acme-docs.com/p";',
    'x = "https:\\57\\57app.acme-docs.com/p";',
    "x = '\\u{2F}\\u{2F}acme-docs.com/p';",
  ])('%s: the value parses to the proxied URL', (source) => {
    const value = String(evalJs(source));
    expect(reachesProtectedHost(value)).toBe(true);
    expect(parse(String(evalJs(rw.rewriteJs(source))))?.href).toBe(proxied(value));
  });
});

describe('URLs inside prose, markup and queries in a string', () => {
  const cases: Array<[string, (value: string) => string]> = [
    ['see https://%61cme-docs.com/docs now', (s) => s.split(' ')[1] as string],
    ['<a href="https://ａｃｍｅ-docs.com/x">docs</a>', (s) => /href="([^"]*)"/.exec(s)?.[1] as string],
    ["<img src='//bücher.acme-docs.com/i.png'>", (s) => /src='([^']*)'/.exec(s)?.[1] as string],
    ['/login?next=https://%61cme-docs.com/home&x=1', (s) => /next=([^&]*)/.exec(s)?.[1] as string],
    ['{"u":"https://acme-docs%2Ecom/"}', (s) => JSON.parse(s).u],
  ];
  it.each(cases)('%j: the URL in it is proxied, the text around it kept', (text, urlOf) => {
    const out = String(evalJs(rw.rewriteJs(`x = ${JSON.stringify(text)};`)));
    expect(parse(urlOf(out))?.href).toBe(proxied(urlOf(text)));
    expect(out.replace(urlOf(out), '')).toBe(text.replace(urlOf(text), ''));
  });
});

describe('whole strings that are hosts in Unicode (host comparisons, document.domain, cookie domains)', () => {
  const hosts = ['bücher.acme-docs.com', 'BÜCHER.acme-docs.com', 'straße.app.acme-docs.com', 'ａｐｐ.acme-docs.com'];
  it.each(hosts)('%j: mapped by domain-to-ASCII, the suffix after the text as written', (host) => {
    for (const source of [`x = ${JSON.stringify(host)};`, `x = '${host}';`]) {
      const out = String(evalJs(rw.rewriteJs(source)));
      expect(out).toBe(`${host}.proxy.test`);
      expect(domainToASCII(out)).toBe(suffixTwin(domainToASCII(host)));
    }
    expect(JSON.parse(rw.rewriteJson(JSON.stringify([host])))[0]).toBe(`${host}.proxy.test`);
    const flatOut = String(evalJs(flat.rewriteJs(`x = ${JSON.stringify(host)};`)));
    expect(flatOut).toBe(flatTwin(domainToASCII(host)));
  });

  it('a leading dot or wildcard keeps its meaning', () => {
    expect(evalJs(rw.rewriteJs('x = ".bücher.acme-docs.com";'))).toBe('.bücher.acme-docs.com.proxy.test');
    expect(evalJs(rw.rewriteJs('x = "*.bücher.acme-docs.com";'))).toBe('*.bücher.acme-docs.com.proxy.test');
  });

  it.each(['bücher.example.org', 'über acme-docs.com', 'bücher-acme-docs.com', 'büchér'])('%j stays', (s) => {
    const source = `x = ${JSON.stringify(s)};`;
    expect(rw.rewriteJs(source)).toBe(source);
  });
});

describe('what the parser does not read as a protected host stays', () => {
  const kept = [
    'ftp://%61cme-docs.com/f',
    'git+https://ａｃｍｅ-docs.com/repo',
    'ssh://bücher.acme-docs.com/',
    'https://%61cme-docs.org/',
    'https://ａｃｍｅ-docs.com.evil.org/',
    'https://acme-docs%2Ecom%2Eevil.org/',
    'https://%61cme-docs.com@evil.org/',
    'https://evil.org/a//%61cme-docs.com/b',
    'https://web.archive.org/web/2020/https://%61cme-docs.com/',
    'mailto:ｕ@ａｃｍｅ-docs.com',
    'see ａｃｍｅ-docs.com today',
  ];
  it.each(kept)('%j, in JavaScript, JSON and CSS strings', (v) => {
    expect(reachesProtectedHost(v)).toBe(false);
    const js = `x = ${JSON.stringify(v)};`;
    expect(rw.rewriteJs(js)).toBe(js);
    const json = JSON.stringify({ u: v });
    expect(rw.rewriteJson(json)).toBe(json);
    const css = `a{--u:${cssString(v)}}`;
    expect(rw.rewriteCss(css)).toBe(css);
  });

  it('a regular expression is matched, not fetched: left to the text scan', () => {
    const source = 'x = /https:\\/\\/%61cme-docs\\.com/;';
    expect(rw.rewriteJs(source)).toBe(source);
  });
});

describe('the byte streams give the bytes the string helpers give', () => {
  const values = ALL.map(([, v]) => v).filter((v) => /[^\x00-\x7f]/.test(v));

  async function run(stream: NodeJS.ReadWriteStream, bytes: Buffer, size: number): Promise<Buffer> {
    const out: Buffer[] = [];
    stream.on('data', (c: Buffer) => out.push(c));
    const done = new Promise((resolve, reject) => { stream.on('end', resolve); stream.on('error', reject); });
    for (let i = 0; i < bytes.length; i += size) stream.write(bytes.subarray(i, i + size));
    stream.end();
    await done;
    return Buffer.concat(out);
  }

  it('JSON (UTF-8, in 1-byte and 7-byte chunks)', async () => {
    const text = JSON.stringify({ urls: values, host: 'bücher.acme-docs.com' });
    const expected = rw.rewriteJson(text);
    for (const size of [1, 7]) expect((await run(rw.json(), Buffer.from(text), size)).toString('utf8')).toBe(expected);
    for (const [i, v] of values.entries()) expect(parse(JSON.parse(expected).urls[i])?.href).toBe(proxied(v));
  });

  it('CSS (UTF-8, in 1-byte and 7-byte chunks)', async () => {
    const text = values.map((v, i) => `.a${i}{--u:${cssString(v)}}`).join('\n');
    const expected = rw.rewriteCss(text);
    for (const size of [1, 7]) expect((await run(rw.css(), Buffer.from(text), size)).toString('utf8')).toBe(expected);
  });
});
