import { describe, expect, it } from 'vitest';
import { rewriteCss, rewriteStyleAttribute } from '../../src/css/index.js';
import { exampleContext } from './helpers.js';

const { ctx } = exampleContext();
const css = (s: string) => rewriteCss(ctx, s);

describe('comments', () => {
  it('rewrites nothing inside comments', () => {
    for (const s of [
      '/* url(https://example.com/a) */a{}',
      '/* @import "https://example.com/a.css"; */',
      '/*! "https://example.com" */',
      'a{b:c/* url(//example.com/x) */}',
      '/* unterminated url(//example.com/x)',
    ]) expect(css(s)).toBe(s);
  });

  it('resumes after the comment', () => {
    expect(css('/* "//example.com" */a{b:url(//example.com/x)}/**/')).toBe('/* "//example.com" */a{b:url(//example.com.proxy.test/x)}/**/');
  });

  it('does not see comments inside strings or unquoted URLs', () => {
    expect(css('a{content:"/*";b:url(//example.com/x)}')).toBe('a{content:"/*";b:url(//example.com.proxy.test/x)}');
    expect(css('a{b:url(//example.com/*/x.png)}')).toBe('a{b:url(//example.com.proxy.test/*/x.png)}');
  });
});

describe('tokenizer edge cases', () => {
  it('does not start a string at an escaped quote in an ident', () => {
    expect(css('a\\"b{c:url(//example.com/x)}')).toBe('a\\"b{c:url(//example.com.proxy.test/x)}');
  });

  it('does not take url( inside a string for a url token', () => {
    expect(css('a{content:"url(//example.com/x)"}')).toBe('a{content:"url(//example.com.proxy.test/x)"}');
    expect(css('a{content:"text url(example.com) more"}')).toBe('a{content:"text url(example.com) more"}');
  });

  it('leaves a bad string (unescaped newline) as written and goes on', () => {
    expect(css('a{content:"//example.com/x\n;b:url(//example.com/y)}')).toBe('a{content:"//example.com/x\n;b:url(//example.com.proxy.test/y)}');
  });

  it('keeps a string with a line continuation or a hex escape before a newline whole', () => {
    expect(css('a{content:"//example.com/x\\\ny"}')).toBe('a{content:"//example.com.proxy.test/x\\\ny"}');
    expect(css('a{content:"\\41\n//example.com/x"}')).toBe('a{content:"\\41\n//example.com.proxy.test/x"}');
  });

  it('closes strings and url tokens at end of input', () => {
    expect(css('a{b:url("//example.com/x')).toBe('a{b:url("//example.com.proxy.test/x');
    expect(css('a{b:url(//example.com/x')).toBe('a{b:url(//example.com.proxy.test/x');
    expect(css('a{b:url(//example.com/x   ')).toBe('a{b:url(//example.com.proxy.test/x   ');
  });

  it('handles empty and whitespace-only url()', () => {
    for (const s of ['a{b:url()}', 'a{b:url(   )}', 'a{b:url("")}']) expect(css(s)).toBe(s);
  });

  it('handles CRLF line endings inside url() whitespace', () => {
    expect(css('a{b:url(\r\n//example.com/x\r\n)}')).toBe('a{b:url(\r\n//example.com.proxy.test/x\r\n)}');
  });

  it('counts parentheses so a string after image-set() is a string again', () => {
    expect(css('a{b:image-set("a.png" 1x);content:"example.com"}')).toBe('a{b:image-set("a.png" 1x);content:"example.com.proxy.test"}');
  });

  it('finds url() and image-set() nested in functions it does not track', () => {
    expect(css('a{b:var(--x, url(//example.com/x));c:rgba(0,0,0,.5) url("//example.com/y")}'))
      .toBe('a{b:var(--x, url(//example.com.proxy.test/x));c:rgba(0,0,0,.5) url("//example.com.proxy.test/y")}');
    expect(css('a{b:var(--y, image-set(var(--a) 1x, "//example.com/x" 2x));content:"example.com"}'))
      .toBe('a{b:var(--y, image-set(var(--a) 1x, "//example.com.proxy.test/x" 2x));content:"example.com.proxy.test"}');
    expect(css('a{transform:translate3d(0,0,0);b:calc(1px + 2px);c:url(//example.com/z)}'))
      .toBe('a{transform:translate3d(0,0,0);b:calc(1px + 2px);c:url(//example.com.proxy.test/z)}');
  });

  it('closes image-set() at its own parenthesis', () => {
    expect(css('a{b:image-set(url(x.png) 1x) "example.com"}')).toBe('a{b:image-set(url(x.png) 1x) "example.com.proxy.test"}');
    expect(css('a{b:image-set(calc(1) "example.com")}')).toBe('a{b:image-set(calc(1) "example.com")}');
  });

  it('keeps non-ASCII text byte-identical around edits', () => {
    expect(css('a::before{content:"→ ünïcødé 😀"}b{c:url(//example.com/é.png)}')).toBe('a::before{content:"→ ünïcødé 😀"}b{c:url(//example.com.proxy.test/é.png)}');
  });

  it('returns the input itself on the fast path', () => {
    const s = 'a{b:url(//other.org/x)}';
    expect(css(s)).toBe(s);
  });
});

describe('style attributes', () => {
  it('rewrites url() and strings in a declaration list', () => {
    expect(rewriteStyleAttribute(ctx, 'background-image: url(&quot;x&quot;); background: url(//example.com/bg.png) no-repeat'))
      .toBe('background-image: url(&quot;x&quot;); background: url(//example.com.proxy.test/bg.png) no-repeat');
    expect(rewriteStyleAttribute(ctx, "background:url('https://cdn.example.com/a.png');--d:'example.com'"))
      .toBe("background:url('https://cdn.example.com.proxy.test/a.png');--d:'example.com.proxy.test'");
  });

  it('leaves data: and relative URLs alone', () => {
    const s = "background:url(data:image/png;base64,iVBORw0KGgo=), url('/img/example.com.png')";
    expect(rewriteStyleAttribute(ctx, s)).toBe(s);
  });
});
