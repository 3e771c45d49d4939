import { describe, expect, it } from 'vitest';
import { rewriteCss } from '../../src/css/index.js';
import { exampleContext } from './helpers.js';

const { ctx } = exampleContext();
const css = (s: string) => rewriteCss(ctx, s);

describe('@import', () => {
  it('rewrites a string or url() with layer, supports() and media lists', () => {
    expect(css('@import "https://example.com/a.css";')).toBe('@import "https://example.com.proxy.test/a.css";');
    expect(css("@import '//example.com/a.css' screen and (min-width: 40em);")).toBe("@import '//example.com.proxy.test/a.css' screen and (min-width: 40em);");
    expect(css('@import url(https://example.com/a.css) layer(base) supports(display: grid) print, screen;'))
      .toBe('@import url(https://example.com.proxy.test/a.css) layer(base) supports(display: grid) print, screen;');
    expect(css('@IMPORT url("//example.com/a.css") layer;')).toBe('@IMPORT url("//example.com.proxy.test/a.css") layer;');
  });

  it('treats the @import string as a URL position: a bare host is a relative URL', () => {
    expect(css('@import "example.com";')).toBe('@import "example.com";');
  });

  it('ends the prelude at ";" so later strings follow the string rule again', () => {
    expect(css('@import "a.css";a{content:"example.com"}')).toBe('@import "a.css";a{content:"example.com.proxy.test"}');
  });

  it('does not treat strings inside supports() as the imported URL', () => {
    expect(css('@import "a.css" supports(content: "example.com");')).toBe('@import "a.css" supports(content: "example.com.proxy.test");');
  });
});

describe('@font-face', () => {
  it('rewrites every src: url() and leaves format(), tech() and local() names alone', () => {
    const input = '@font-face{font-family:X;src:local("example.com"),url(https://example.com/f.woff2) format("woff2") tech("variations"),url("//fonts.example.com/f.woff") format("woff")}';
    expect(css(input)).toBe('@font-face{font-family:X;src:local("example.com"),url(https://example.com.proxy.test/f.woff2) format("woff2") tech("variations"),url("//fonts.example.com.proxy.test/f.woff") format("woff")}');
  });
});

describe('image-set() and src()', () => {
  it('rewrites strings and url()s inside image-set() and -webkit-image-set()', () => {
    expect(css('a{b:image-set("https://example.com/1.png" 1x, url(//example.com/2.png) 2x)}'))
      .toBe('a{b:image-set("https://example.com.proxy.test/1.png" 1x, url(//example.com.proxy.test/2.png) 2x)}');
    expect(css("a{b:-webkit-image-set('//example.com/1.png' 1x)}")).toBe("a{b:-webkit-image-set('//example.com.proxy.test/1.png' 1x)}");
  });

  it('keeps image-set strings in URL rules: a bare host is relative', () => {
    expect(css('a{b:image-set("example.com" 1x)}')).toBe('a{b:image-set("example.com" 1x)}');
  });

  it('gives a type() string inside image-set the string rule, not the URL rule', () => {
    expect(css('a{b:image-set("a.avif" type("image/avif"))}')).toBe('a{b:image-set("a.avif" type("image/avif"))}');
  });

  it('rewrites src("…")', () => {
    expect(css('a{b:src("https://example.com/a.png")}')).toBe('a{b:src("https://example.com.proxy.test/a.png")}');
  });
});

describe('@namespace', () => {
  it('leaves namespace names alone: they are compared, never fetched', () => {
    for (const s of ['@namespace svg url(http://example.com/ns);', '@namespace "http://example.com/ns";']) expect(css(s)).toBe(s);
  });

  it('ends at ";"', () => {
    expect(css('@namespace url(http://example.com/ns);a{b:url(http://example.com/x)}'))
      .toBe('@namespace url(http://example.com/ns);a{b:url(http://example.com.proxy.test/x)}');
  });
});

describe('other at-rules', () => {
  it('rewrites url() inside @media, @supports and @layer blocks', () => {
    expect(css('@media (min-width:1px){@supports (display:grid){@layer x{a{b:url(//example.com/a)}}}}'))
      .toBe('@media (min-width:1px){@supports (display:grid){@layer x{a{b:url(//example.com.proxy.test/a)}}}}');
  });
});
