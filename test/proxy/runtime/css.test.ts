import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cssString, mapCss } from '../../../src/proxy/runtime/client/css.js';

// URLs as CSS Syntax 3 tokenizes them: `url(` then an unquoted URL is a url token (escapes
// decoded, whitespace allowed only before `)`, a quote or `(` inside makes it a bad url);
// `url(` then a quote is a function holding a string. `image-set()` takes strings as URLs;
// `@import` takes a string. Function names are ASCII case-insensitive, after escapes.
// The map marks what it is given, so each case shows exactly which URLs were found.
const mark = (url: string): string => `[${url}]`;
const found = (css: string): string[] => {
  const seen: string[] = [];
  mapCss(css, (u) => (seen.push(u), u));
  return seen;
};

describe('mapCss: the URLs a CSS text names', () => {
  it.each([
    ['background:url(a.png)', ['a.png']],
    ['background: url( https://x.test/a.png )', ['https://x.test/a.png']],
    ['background:url("a.png") url(\'b.png\')', ['a.png', 'b.png']],
    ['background:URL(a.png) Url("b")', ['a.png', 'b']],
    // Escapes: hex with one optional whitespace after, any other character as itself.
    ['background:url(https://x\\2e test/a\\)b.png)', ['https://x.test/a)b.png']],
    ['background:url("https://x\\\n.test/\\"q\\"")', ['https://x.test/"q"']],
    ['background:u\\72 l(a.png)', ['a.png']],
    ['background:\\75\\72\\6c("a.png")', ['a.png']],
    // Not url(): part of a longer name, a dimension, a comment, a string.
    ['background:myurl(a.png) 10url(b.png)', []],
    ['/* url(a.png) */ content:"url(b.png)"', []],
    // Bad urls: nothing found, and scanning goes on after the `)`.
    ['background:url(a b.png) url(c.png)', ['c.png']],
    ['background:url(a"b.png) url(d.png)', ['d.png']],
    ['background:url(a(b.png) url(e.png)', ['e.png']],
    // image-set strings (not those of type()), both spellings; @import strings.
    ['background:image-set("a.png" 1x, url(b.png) 2x, "c.avif" type("image/avif"))', ['a.png', 'b.png', 'c.avif']],
    ['background:-webkit-image-set("a.png" 1x)', ['a.png']],
    ['@import "a.css" screen; @import url(b.css); @IMPORT /* c */ \'c.css\';', ['a.css', 'b.css', 'c.css']],
    ['@import-not "a.css"; @font-face{src:url(f.woff2) format("woff2")}', ['f.woff2']],
    // A string with a raw newline is a bad string; EOF ends a string or a url.
    ['@import "a\nb.css"', []],
    ['background:url("a.png', ['a.png']],
    ['background:url(a.png', ['a.png']],
  ])('%j', (css, urls) => {
    expect(found(css)).toEqual(urls);
  });

  it('writes a changed URL back as a quoted string and keeps every other character', () => {
    expect(mapCss('a{background:url( x.png ) no-repeat}', mark)).toBe('a{background:url( "[x.png]" ) no-repeat}');
    expect(mapCss("@import 'a.css' print;", mark)).toBe('@import "[a.css]" print;');
    expect(mapCss('b{background:image-set("a.png" 1x)}', mark)).toBe('b{background:image-set("[a.png]" 1x)}');
    expect(mapCss('url(a\\"b)', () => 'x"y\\z\nw')).toBe('url("x\\22 y\\5c z\\a w")');
    expect(mapCss('url(a.png) "a.png"', (u) => u)).toBe('url(a.png) "a.png"');
  });

  it('cssString: the browser reads back the text it holds', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(found('url(' + cssString(text) + ')')).toEqual([text]);
      }),
    );
  });

  it('any text: an identity map changes nothing; URLs written back are found again, and only they changed', () => {
    const pieces = fc.constantFrom('url(', 'URL(', '"', "'", '\\', '\\22 ', ')', '(', ' ', '\n', '/*', '*/', '@import', 'image-set(', ';', '{', '}', 'a.png', 'https://x.test/', ',');
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string({ maxLength: 3 })), { maxLength: 30 }), (parts) => {
        const css = parts.join('');
        expect(mapCss(css, (u) => u)).toBe(css);
        expect(found(mapCss(css, mark))).toEqual(found(css).map(mark));
      }),
      { numRuns: 2000 },
    );
  });
});
