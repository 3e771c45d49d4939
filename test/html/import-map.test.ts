import { describe, expect, it } from 'vitest';
import { rewriteHtml } from '../../src/html/index.js';
import { runChunked, testContext } from './helpers.js';

const P = '.proxy.test';

function rw(html: string): string {
  return rewriteHtml(testContext(), html);
}

/** The JSON of the first `<script>` body of a page. */
function mapOf(html: string): { imports?: Record<string, string>; integrity?: Record<string, string> } {
  const body = html.slice(html.indexOf('>', html.indexOf('<script')) + 1, html.indexOf('</script>'));
  return JSON.parse(body);
}

const MAP = {
  imports: { app: 'https://app.example.com/app.js', lib: 'https://cdn.other.org/lib.js' },
  integrity: {
    'https://app.example.com/app.js': 'sha384-A',
    'https://cdn.other.org/lib.js': 'sha384-B',
    '/local.js': 'sha384-C',
    './rel.js': 'sha384-D',
    '../up.js': 'sha384-E',
    'lodash': 'sha384-F',
    '//cdn.example.com/c.js': 'sha384-G',
    'https://app%2Eexample.com/pct.js': 'sha384-H',
    'https://ａｐｐ.example.com/wide.js': 'sha384-I',
  },
};

describe('import maps: integrity entries of modules served through the proxy are removed', () => {
  it('removes relative (/, ./, ../) and protected-host keys as the URL parser reads them; keeps other hosts and bare names', () => {
    const out = rw(`<script type="importmap">${JSON.stringify(MAP, null, 2)}</script>`);
    const map = mapOf(out);
    // Bare names are no URL-like specifiers: the browser ignores them whatever they say.
    expect(Object.keys(map.integrity ?? {})).toEqual(['https://cdn.other.org/lib.js', 'lodash']);
    expect(map.imports).toEqual({ app: `https://app.example.com${P}/app.js`, lib: 'https://cdn.other.org/lib.js' });
  });

  it('keeps every other byte: removing the first, middle, last or every entry leaves valid JSON, formatting intact', () => {
    const cases: [string, string][] = [
      ['{"integrity":{"/a.js":"x","https://o.org/b.js":"y"}}', '{"integrity":{"https://o.org/b.js":"y"}}'],
      ['{"integrity":{"https://o.org/b.js":"y", "/a.js":"x"}}', '{"integrity":{"https://o.org/b.js":"y"}}'],
      ['{ "integrity" : { "https://o.org/b.js" : "y" ,\n  "./a.js" : "x" ,\n  "https://o.org/c.js" : "z" } }', '{ "integrity" : { "https://o.org/b.js" : "y" ,\n  "https://o.org/c.js" : "z" } }'],
      ['{"integrity": {"/a.js": "x", "./b.js": "y"}, "imports": {}}', '{"integrity": {}, "imports": {}}'],
      ['{"imports":{"x":"/x.js"},"integrity":{}}', '{"imports":{"x":"/x.js"},"integrity":{}}'],
    ];
    for (const [json, want] of cases) {
      expect(rw(`<script type=importmap>${json}</script>`)).toBe(`<script type=importmap>${want}</script>`);
      JSON.parse(want);
    }
  });

  it('applies to type=importmap only (ASCII case-insensitive, spaces stripped), and never to malformed JSON', () => {
    const body = '{"integrity":{"/a.js":"x"}}';
    expect(rw(`<script type=" ImportMap ">${body}</script>`)).toBe('<script type=" ImportMap ">{"integrity":{}}</script>');
    expect(rw(`<script type="module">${body}</script>`)).toBe(`<script type="module">${body}</script>`);
    expect(rw(`<script type="application/json">${body}</script>`)).toBe(`<script type="application/json">${body}</script>`);
    for (const bad of ['{"integrity":{"/a.js":"x",}}', '{"integrity":{"/a.js" "x"}}', '{"integrity":{"/a.js":"x"', '["integrity"]']) {
      expect(rw(`<script type=importmap>${bad}</script>`)).toBe(`<script type=importmap>${bad}</script>`);
    }
  });

  it('works on the byte stream in any chunking, escaped keys included', () => {
    const html = '<meta charset=utf-8><script type="importmap">{"integrity": {"https:\\/\\/app.example.com\\/\u00e9.js": "sha384-A", "https://o.org/\u00e9.js": "sha384-B"}}</script>';
    const want = Buffer.from(rw(html));
    expect(mapOf(want.toString('utf8')).integrity).toEqual({ 'https://o.org/\u00e9.js': 'sha384-B' });
    for (const size of [1, 3, 7, 1000]) expect(runChunked(testContext(), Buffer.from(html), [size]).equals(want)).toBe(true);
  });
});

describe('the integrity attribute: own resources are decided by the URL parser', () => {
  it('removes it for hosts only a parser resolves, keeps it for other hosts and schemes', () => {
    expect(rw('<script src="https://app%2Eexample.com/a.js" integrity="sha384-x"></script>'))
      .not.toContain('integrity');
    expect(rw('<link rel=stylesheet href="//CDN.EXAMPLE.COM./s.css" integrity="sha384-x">')).not.toContain('integrity');
    expect(rw('<script src="/same-origin.js" integrity="sha384-x"></script>')).toBe('<script src="/same-origin.js"></script>');
    expect(rw('<script src="https://cdn.other.org/a.js" integrity="sha384-x"></script>')).toContain('integrity="sha384-x"');
    expect(rw('<script src="https://example.com@cdn.other.org/a.js" integrity="sha384-x"></script>')).toContain('integrity="sha384-x"');
    expect(rw('<script src="data:text/javascript,1" integrity="sha384-x"></script>')).toContain('integrity="sha384-x"');
  });
});
