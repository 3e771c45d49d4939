import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cssString, evalJs, jsLiteral, jsonEscapedSlashes, readCssString, type JsStyle } from './code-string-values.js';
import { flatTwin, pageBase, parse, proxiedHref, reachesProtectedHost, rewriter, suffixTwin } from './helpers.js';

// Random URL values, their hosts spelled the ways the URL parser reads (percent-encoded
// characters, full-width letters, ideographic dots, ignored characters, tabs and
// newlines, Unicode labels, case), written into JavaScript, JSON and CSS strings. The
// oracle is Node's URL on the value the code holds before and after: a value that parses
// to a protected host with an http(s)/ws(s) scheme comes out parsing to the proxied URL;
// any other keeps the host it parses to.

const rw = rewriter();
const flat = rewriter({ scheme: 'flat' });
const base = pageBase();

const HOSTS = ['acme-docs.com', 'app.acme-docs.com', 'a.b.acme-docs.com', 'acme-docs.org', 'evil.org', 'acme-docs.com.evil.org', 'xacme-docs.com'];
const SCHEMES = ['https://', 'http://', 'wss://', 'ws://', '//', 'HTTPS://', 'ftp://', 'git+https://', 'https:', 'wss:'];
const TAILS = ['', '/', '/a/b?c=d#e', '/p?next=https://%61cme-docs.com/x', '/a//ａcme-docs.com/b'];

const FULL_WIDTH_OFFSET = 0xff41 - 0x61;
const utf8Percent = (ch: string) => [...Buffer.from(ch, 'utf8')].map((b) => '%' + b.toString(16).toUpperCase().padStart(2, '0')).join('');

/** One way the parser still reads the same host: applied at `at` (a position in the host). */
type Spelling = (host: string, at: number) => string;
const SPELLINGS: Spelling[] = [
  (h, i) => h.slice(0, i) + utf8Percent(h[i] as string) + h.slice(i + 1),
  (h, i) => h.slice(0, i) + (/[a-z]/.test(h[i] as string) ? String.fromCharCode((h[i] as string).charCodeAt(0) + FULL_WIDTH_OFFSET) : h[i]) + h.slice(i + 1),
  (h, i) => h.slice(0, i) + (h[i] === '.' ? '。' : h[i]) + h.slice(i + 1),
  (h, i) => h.slice(0, i) + '\u00AD' + h.slice(i),
  (h, i) => h.slice(0, i) + '\u200B' + h.slice(i),
  (h, i) => h.slice(0, i) + '\t' + h.slice(i),
  (h, i) => h.slice(0, i) + '\n' + h.slice(i),
  (h) => h.toUpperCase(),
  (h) => 'bücher.' + h,
  (h) => 'ａｐｐ.' + h,
];

const spelledHost = fc
  .tuple(fc.constantFrom(...HOSTS), fc.array(fc.tuple(fc.nat(SPELLINGS.length - 1), fc.nat()), { maxLength: 3 }))
  .map(([host, steps]) => steps.reduce((h, [k, at]) => (SPELLINGS[k] as Spelling)(h, at % h.length), host));

const urlValue = fc.tuple(fc.constantFrom(...SCHEMES), spelledHost, fc.constantFrom(...TAILS)).map(([s, h, t]) => s + h + t);

/** Whether the text scan alone could find a protected host in the value (rule 3 proxies it after `//` whatever the scheme). */
const holdsTailAsText = (v: string) => /acme-docs\.com/i.test(v);

/** The `next` parameter of a URL, which rule 2 proxies when it reaches a protected host. */
const nextOf = (u: URL | null) => u?.searchParams.get('next') ?? null;

/** The check of one value against what came out. */
function check(value: string, out: string, twin: (h: string) => string): void {
  const why = `${JSON.stringify(value)} → ${JSON.stringify(out)}`;
  const before = parse(value);
  const after = parse(out);
  if (reachesProtectedHost(value)) {
    const expected = new URL(proxiedHref(value, base, twin));
    expect([after?.protocol, after?.host, after?.pathname, after?.hash], why).toEqual([expected.protocol, expected.host, expected.pathname, expected.hash]);
  } else if (!holdsTailAsText(value)) {
    expect(after?.host, why).toBe(before?.host);
  } else {
    return;
  }
  // Rule 2: a URL nested in the query is proxied when it reaches a protected host, else kept.
  const nested = nextOf(before);
  if (nested === null) return;
  const nestedOut = nextOf(after) as string;
  if (reachesProtectedHost(nested)) expect(parse(nestedOut)?.href, why).toBe(proxiedHref(nested, base, twin));
  else expect(nestedOut, why).toBe(nested);
}

const runs = { numRuns: 400 };

describe('random URL values in code and data strings, decided as the URL parser reads them', () => {
  it('JavaScript literals of every quoting', () => {
    fc.assert(fc.property(urlValue, fc.constantFrom<JsStyle>('double', 'single', 'template', 'continued'), (v, style) => {
      // A template literal holds tabs and newlines as they are: inside a host with no `//`
      // before it (`wss:a<TAB>cme.com`) the search of whole scripts does not read them
      // (README, known limits: code holds too many tabs and newlines to look at each).
      if (style === 'template' && /[\t\n]/.test(v) && !/\/[\t\n\r]*\//.test(v) && !holdsTailAsText(v)) return;
      check(v, String(evalJs(rw.rewriteJs(`x = ${jsLiteral(v, style)};`))), suffixTwin);
    }), runs);
  });

  it('JSON strings, slashes escaped or not', () => {
    fc.assert(fc.property(urlValue, fc.boolean(), (v, escaped) => {
      const json = `[${escaped ? jsonEscapedSlashes(v) : JSON.stringify(v)}]`;
      check(v, JSON.parse(rw.rewriteJson(json))[0], suffixTwin);
    }), runs);
  });

  it('CSS strings', () => {
    fc.assert(fc.property(urlValue, (v) => {
      check(v, readCssString(rw.rewriteCss(`a{--u:${cssString(v)}}`)), suffixTwin);
    }), runs);
  });

  it('the flat scheme, in JavaScript', () => {
    // A flat label over 63 characters has no twin: left as it is and reported (DESIGN, host mapping).
    const mappable = urlValue.filter((v) => !reachesProtectedHost(v) || (flatTwin(parse(v)?.hostname as string).split('.')[0] as string).length <= 63);
    fc.assert(fc.property(mappable, (v) => {
      check(v, String(evalJs(flat.rewriteJs(`x = ${JSON.stringify(v)};`))), flatTwin);
    }), runs);
  });

  it('inside prose: the URL up to the next space is read and proxied, the prose kept', () => {
    // Whitespace would end the URL in prose; a URL in prose starts at its scheme (with or
    // without slashes), or at its `//`.
    const embedded = urlValue.filter((v) => !/[\s]/.test(v) && /^(?:[a-z+]+:|\/\/)/i.test(v));
    fc.assert(fc.property(embedded, (v) => {
      const out = String(evalJs(rw.rewriteJs(`x = ${JSON.stringify(`see ${v} now`)};`)));
      const parts = out.split(' ');
      expect(parts[0]).toBe('see');
      expect(parts[2]).toBe('now');
      check(v, parts[1] as string, suffixTwin);
    }), runs);
  });

  it('rewriting is idempotent', () => {
    fc.assert(fc.property(urlValue, (v) => {
      const once = rw.rewriteJs(`x = ${JSON.stringify(v)};`);
      expect(rw.rewriteJs(once)).toBe(once);
      const json = JSON.stringify([v]);
      const jsonOnce = rw.rewriteJson(json);
      expect(rw.rewriteJson(jsonOnce)).toBe(jsonOnce);
    }), runs);
  });
});
