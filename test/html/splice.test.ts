import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { spliceValue } from '../../src/html/attribute-splice.js';
import { decodeAttributeValue } from '../../src/html/char-refs.js';
import { rewriteHtml } from '../../src/html/index.js';
import { diffValues } from '../../src/html/value-diff.js';
import { runChunked, testContext } from './helpers.js';

const P = '.proxy.test';

function rw(html: string): string {
  return rewriteHtml(testContext(), html);
}

describe('value diff (Myers, capped)', () => {
  it('finds each inserted region, left-most, and gives up past the cap', () => {
    expect(diffValues('a.example.com/x', `a.example.com${P}/x`)).toEqual([{ aFrom: 13, aTo: 13, bFrom: 13, bTo: 24 }]);
    expect(diffValues('h/?u=h/', 'h.p/?u=h.p/')).toEqual([{ aFrom: 1, aTo: 1, bFrom: 1, bTo: 3 }, { aFrom: 6, aTo: 6, bFrom: 8, bTo: 10 }]);
    expect(diffValues('abab', 'ababab')).toEqual([{ aFrom: 0, aTo: 0, bFrom: 0, bTo: 2 }]);
    expect(diffValues('http://x', 'https://x')).toEqual([{ aFrom: 4, aTo: 4, bFrom: 4, bTo: 5 }]);
    expect(diffValues('same', 'same')).toEqual([]);
    expect(diffValues('abcdef', 'uvwxyz', 4)).toBe(null);
    // The cap is per cluster of changes: two far-apart insertions of 2 pass a cap of 4.
    const x = 'x'.repeat(30);
    const y = 'y'.repeat(30);
    expect(diffValues(`${x}A${y}B`, `${x}A..${y}B..`, 4)).toEqual([{ aFrom: 31, aTo: 31, bFrom: 31, bTo: 33 }, { aFrom: 62, aTo: 62, bFrom: 64, bTo: 66 }]);
  });
});

describe('value diff: any two strings', () => {
  it('gives hunks that turn the first into the second, with equal text between them', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', '.', '/', 'x'), maxLength: 80 });
    fc.assert(
      fc.property(text, text, fc.integer({ min: 1, max: 40 }), (a, b, cap) => {
        const hunks = diffValues(a, b, cap);
        if (hunks === null) return;
        let out = '';
        let at = 0;
        let bAt = 0;
        for (const h of hunks) {
          expect(h.aFrom - at).toBe(h.bFrom - bAt);
          expect(a.slice(at, h.aFrom)).toBe(b.slice(bAt, h.bFrom));
          out += a.slice(at, h.aFrom) + b.slice(h.bFrom, h.bTo);
          at = h.aTo;
          bAt = h.bTo;
        }
        expect(out + a.slice(at)).toBe(b);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('attribute value splicing, region by region', () => {
  it('keeps every source character between changes', () => {
    expect(rw('<a href="https://a.example.com/?x=1&amp;y=https://b.example.com/">x</a>'))
      .toBe(`<a href="https://a.example.com${P}/?x=1&amp;y=https://b.example.com${P}/">x</a>`);
    expect(rw(`<a href='https://a.example.com/?t=&quot;"&#39;&amp;u=https://b.example.com/'>`))
      .toBe(`<a href='https://a.example.com${P}/?t=&quot;"&#39;&amp;u=https://b.example.com${P}/'>`);
  });

  it('keeps an unquoted value unquoted when the inserted text needs no quotes', () => {
    expect(rw('<a href=https://a.example.com/x?a=1&amp;b=https://b.example.com>x</a>'))
      .toBe(`<a href=https://a.example.com${P}/x?a=1&amp;b=https://b.example.com${P}>x</a>`);
    expect(spliceValue('a=1&amp;b', '', 'a=1&b', 'a=1&bX', 'unicode')).toBe('a=1&amp;bX');
    expect(spliceValue('a&amp;b', '', 'a&b', 'a&b c', 'unicode')).toBe('"a&amp;b c"');
    expect(spliceValue('a"b', '', 'a"b', 'a"b c', 'unicode')).toBe('"a&quot;b c"');
    expect(spliceValue('x', '', 'x', '', 'unicode')).toBe('""');
  });

  it('splices deletions and replacements too (public scheme and port)', () => {
    const ctx = testContext({ publicScheme: 'http', publicPort: 8080 });
    expect(rewriteHtml(ctx, '<a href="https://a.example.com/x?a=1&amp;u=https&#x3a;//b.example.com:443/">'))
      .toBe(`<a href="http://a.example.com${P}:8080/x?a=1&amp;u=http&#x3a;//b.example.com${P}:8080/">`);
    expect(rewriteHtml(ctx, '<a href=https://a.example.com:8443/x?a=1&amp;u=https://b.example.com>'))
      .toBe(`<a href=http://a.example.com${P}:8080/x?a=1&amp;u=http://b.example.com${P}:8080>`);
  });

  it('keeps entity-encoded URLs encoded', () => {
    expect(rw('<a href="https&#x3a;&#x2f;&#x2f;a.example.com/">x</a>')).toBe(`<a href="https&#x3a;&#x2f;&#x2f;a.example.com${P}/">x</a>`);
    expect(rw('<a href="https&#x3a;&#x2f;&#x2f;a.example.com&#x2f;?u=https&#x3a;&#x2f;&#x2f;b.example.com&#x2f;">'))
      .toBe(`<a href="https&#x3a;&#x2f;&#x2f;a.example.com${P}&#x2f;?u=https&#x3a;&#x2f;&#x2f;b.example.com${P}&#x2f;">`);
  });

  it('srcset with several candidates', () => {
    expect(rw('<img srcset="https://a.example.com/1x.png 1x, https://b.example.com/2x.png?a=1&amp;b=2 2x,https://c.example.com/3x.png 3x">'))
      .toBe(`<img srcset="https://a.example.com${P}/1x.png 1x, https://b.example.com${P}/2x.png?a=1&amp;b=2 2x,https://c.example.com${P}/3x.png 3x">`);
  });

  it('style attribute with several url()s', () => {
    expect(rw(`<div style="background:url(&quot;https://a.example.com/a.png&quot;);mask:url('https://b.example.com/m.svg#x')">`))
      .toBe(`<div style="background:url(&quot;https://a.example.com${P}/a.png&quot;);mask:url('https://b.example.com${P}/m.svg#x')">`);
  });

  it('on* handler with several literals', () => {
    expect(rw(`<button onclick="go(&quot;https://a.example.com/&quot;, 'https://b.example.com/x?a=1&amp;b=2')">`))
      .toBe(`<button onclick="go(&quot;https://a.example.com${P}/&quot;, 'https://b.example.com${P}/x?a=1&amp;b=2')">`);
  });

  it('JSON-valued data-* attributes with several URLs', () => {
    expect(rw(`<div data-config='{"a":"https://a.example.com/x","b":["https://b.example.com/?q=1&amp;r=2"],"c":"&lt;"}'>`))
      .toBe(`<div data-config='{"a":"https://a.example.com${P}/x","b":["https://b.example.com${P}/?q=1&amp;r=2"],"c":"&lt;"}'>`);
    expect(rw('<div data-x="{&quot;u&quot;:&quot;https://a.example.com/&quot;,&quot;v&quot;:&quot;https://b.example.com/&quot;}">'))
      .toBe(`<div data-x="{&quot;u&quot;:&quot;https://a.example.com${P}/&quot;,&quot;v&quot;:&quot;https://b.example.com${P}/&quot;}">`);
  });

  it('meta refresh', () => {
    expect(rw(`<meta http-equiv="refresh" content="5; URL=&#39;https://a.example.com/next?x=1&amp;y=2&#39;">`))
      .toBe(`<meta http-equiv="refresh" content="5; URL=&#39;https://a.example.com${P}/next?x=1&amp;y=2&#39;">`);
    expect(rw('<meta http-equiv=Refresh content="0;url=https://a.example.com/?r=https://b.example.com/&amp;z=1">'))
      .toBe(`<meta http-equiv=Refresh content="0;url=https://a.example.com${P}/?r=https://b.example.com${P}/&amp;z=1">`);
  });

  it('meta CSP goes through the header CSP rewriter', () => {
    expect(rw('<meta http-equiv=Content-Security-Policy content="default-src https://*.example.com">'))
      .toBe(`<meta http-equiv=Content-Security-Policy content="default-src https://*.example.com${P}">`);
  });

  it('keeps ambiguous references (&amp;copy;, &copy=) as written', () => {
    expect(rw('<a href="https://a.example.com/?x=1&amp;copy;y=https://b.example.com/&copy=2&amp;copy=3">'))
      .toBe(`<a href="https://a.example.com${P}/?x=1&amp;copy;y=https://b.example.com${P}/&copy=2&amp;copy=3">`);
  });

  it('escapes a new & by what really follows it in the output', () => {
    // `copy&#61;` reads as `copy=`, but `&copy&#61;` would read as `©=`: the new & must be escaped.
    expect(spliceValue('copy&#61;', '"', 'copy=', '&copy=', 'unicode')).toBe('"&amp;copy&#61;"');
    expect(spliceValue('xcopy;', '"', 'xcopy;', 'x&copy;', 'unicode')).toBe('"x&amp;copy;"');
    // `x&&#99;opy` reads as `x&copy`: no escape needed before another reference.
    expect(spliceValue('x&#99;opy', '"', 'xcopy', 'x&copy', 'unicode')).toBe('"x&&#99;opy"');
    // Kept `&am` followed by new `p` would read as `&`: the checked result falls back to the whole value.
    expect(spliceValue('a&am', '"', 'a&am', 'a&amp', 'unicode')).toBe('"a&amp;amp"');
  });

  it('widens a change inside a reference to the whole reference (byte view)', () => {
    const view = (s: string) => Buffer.from(s, 'utf8').toString('latin1');
    const map = decodeAttributeValue('caf&eacute;', view);
    expect(map.text).toBe('caf\u00c3\u00a9');
    expect(spliceValue('caf&eacute;', '"', 'caf\u00c3\u00a9', 'caf\u00c3\u00a8', 'bytes', map, view)).toBe('"caf\u00c3\u00a8"');
  });

  it('keeps every reference in values with hundreds of changes (clusters are diffed one by one)', () => {
    const cand = (h: number, p: string) => `https://h${h}.example.com${p}/i.png?a=1&amp;b=2 ${h}w`;
    const n = 50;
    const srcset = (p: string) => Array.from({ length: n }, (_, i) => cand(i, p)).join(', ');
    expect(rw(`<img srcset="${srcset('')}">`)).toBe(`<img srcset="${srcset(P)}">`);
    const entry = (h: number, p: string) => `{&quot;u&quot;:&quot;https://h${h}.example.com${p}/&quot;,&quot;t&quot;:&quot;a&#xA0;b&quot;}`;
    const json = (p: string) => `[${Array.from({ length: 300 }, (_, i) => entry(i, p)).join(',')}]`;
    expect(rw(`<div data-list="${json('')}">`)).toBe(`<div data-list="${json(P)}">`);
  });

  it('falls back to one re-escaped stretch when one cluster of changes passes the cap', () => {
    // 1 replaced character, then 600 replaced with only `&q` between: over the 512-edit cap.
    const raw = 'p&amp;q' + 'a'.repeat(600);
    expect(spliceValue(raw, '"', 'p&q' + 'a'.repeat(600), 'P&q' + 'b'.repeat(600), 'unicode')).toBe('"P&q' + 'b'.repeat(600) + '"');
  });
});

describe('property: only the suffix is inserted', () => {
  const pieces = [
    'https://a.example.com', 'http://b.example.com/', '//c.example.com/p', 'https://example.com:8080/', 'https://other.org/',
    'https&#x3a;&#x2f;&#x2f;d.example.com&#x2f;', 'https://e.example.com/?next=', '/x', '?a=1', '=', 'q', ' ', ',', ' 2x', ';',
    '&amp;', '&quot;', '&#39;', '&#x2f;', '&#47;', '&#38;', '&#x3a;', '&lt;', '&amp;copy;', '&copy', '&copy=', '&nbsp;', '&#8364;',
    '"', "'", 'url(', ')', '{"u":"', '"}',
  ];
  const names = ['href', 'ping', 'srcset', 'data-u', 'onclick', 'style', 'title'];
  const value = fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 14 }).map((a) => a.join(''));
  const quote = fc.constantFrom('"', "'", '');

  function attribute(name: string, q: string, v: string): string | null {
    if (q === '' && /[\s"'>`<]/.test(v)) return null;
    if (q !== '' && v.includes(q)) return null;
    return `<p><a ${name}=${q}${v}${q} id=k>x</a>`;
  }

  it('removing every .proxy.test from the output gives back the input (string and bytes, any chunking)', () => {
    const ctx = testContext();
    fc.assert(
      fc.property(fc.constantFrom(...names), quote, value, fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 5 }), (name, q, v, sizes) => {
        const html = attribute(name, q, v);
        if (html === null) return;
        expect(rewriteHtml(ctx, html).replaceAll(P, '')).toBe(html);
        expect(runChunked(ctx, Buffer.from(html), sizes).toString('utf8').replaceAll(P, '')).toBe(html);
      }),
      { numRuns: 1500 },
    );
  });
});
