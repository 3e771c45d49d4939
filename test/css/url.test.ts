import { describe, expect, it } from 'vitest';
import { rewriteCss } from '../../src/css/index.js';
import { exampleContext } from './helpers.js';

const { ctx } = exampleContext();
const css = (s: string) => rewriteCss(ctx, s);

describe('url() in every form', () => {
  it('rewrites unquoted, single- and double-quoted absolute URLs', () => {
    expect(css('a{background:url(https://example.com/a.png)}')).toBe('a{background:url(https://example.com.proxy.test/a.png)}');
    expect(css("a{background:url('https://example.com/a.png')}")).toBe("a{background:url('https://example.com.proxy.test/a.png')}");
    expect(css('a{background:url("http://cdn.example.com/a.png")}')).toBe('a{background:url("http://cdn.example.com.proxy.test/a.png")}');
  });

  it('rewrites protocol-relative URLs and keeps whitespace and case as written', () => {
    expect(css('a{b:URL(  //Example.COM/x  )}')).toBe('a{b:URL(  //Example.COM.proxy.test/x  )}');
    expect(css('a{b:Url(\n  "//a.b.example.com/x"\n)}')).toBe('a{b:Url(\n  "//a.b.example.com.proxy.test/x"\n)}');
  });

  it('leaves relative URLs, unprotected hosts and lookalikes alone', () => {
    const untouched = [
      'a{b:url(/img/example.com.png)}',
      'a{b:url(example.com/x.png)}',
      'a{b:url("example.com")}',
      'a{b:url(https://example.com.evil.org/x)}',
      'a{b:url(https://notexample.com/x)}',
      'a{b:url(https://example.community/x)}',
      'a{b:url(https://example.com.proxy.test/x)}',
      'a{b:url(https://other.org/x)}',
    ];
    for (const s of untouched) expect(css(s)).toBe(s);
  });

  it('rewrites a percent-encoded URL nested in the query, in the same encoding', () => {
    expect(css('a{b:url(https://sso.other.org/login?return=https%3A%2F%2Fexample.com%2Fhome)}'))
      .toBe('a{b:url(https://sso.other.org/login?return=https%3A%2F%2Fexample.com.proxy.test%2Fhome)}');
    expect(css('a{b:url("https://other.org/?r=https%253A%252F%252Fexample.com%252F")}'))
      .toBe('a{b:url("https://other.org/?r=https%253A%252F%252Fexample.com.proxy.test%252F")}');
  });

  it('decodes CSS escapes before deciding, and edits only the host', () => {
    // `\:` and `\/` are escaped ':' and '/': the browser sees https://example.com/a
    expect(css('a{b:url(https\\:\\/\\/example.com/a)}')).toBe('a{b:url(https\\:\\/\\/example.com.proxy.test/a)}');
    // `\2F ` is a hex escape of '/', closed by the space
    expect(css('a{b:url("https:\\2F\\2F example.com/a")}')).toBe('a{b:url("https:\\2F\\2F example.com.proxy.test/a")}');
    // a host spelled with a hex escape is still the host
    expect(css('a{b:url("//ex\\61mple.com/a")}')).toBe('a{b:url("//ex\\61mple.com.proxy.test/a")}');
    // an escaped ')' is part of an unquoted URL
    expect(css('a{b:url(https://example.com/a\\)b)}')).toBe('a{b:url(https://example.com.proxy.test/a\\)b)}');
  });

  it('keeps a replaced host from being swallowed by a preceding open hex escape', () => {
    const flat = exampleContext({ scheme: 'flat' }).ctx;
    // In a string (the code rule) the flat scheme replaces the whole host, which starts with
    // the hex digit `e` right after `\2F` (a `/` closed by no space): a space must come first.
    expect(rewriteCss(flat, 'a{content:"https:\\2F\\2F\\65xample.com/a"}')).toBe('a{content:"https:\\2F\\2F example-com.proxy.test/a"}');
    // In a URL position only what changed is written: `\65` (`e`) stays, the rest of the host follows.
    expect(rewriteCss(flat, 'a{b:url("https:\\2F\\2F\\65xample.com/a")}')).toBe('a{b:url("https:\\2F\\2F\\65xample-com.proxy.test/a")}');
    expect(rewriteCss(flat, 'a{b:url(https://example.com/a)}')).toBe('a{b:url(https://example-com.proxy.test/a)}');
  });

  it('uses the public scheme and port of the proxy', () => {
    const local = exampleContext({ publicScheme: 'http', publicPort: 8080 }).ctx;
    expect(rewriteCss(local, 'a{b:url(https://example.com/a)}')).toBe('a{b:url(http://example.com.proxy.test:8080/a)}');
    expect(rewriteCss(local, "a{b:url('//example.com/a')}")).toBe("a{b:url('//example.com.proxy.test:8080/a')}");
  });

  it('never touches data:, including ones holding quotes, parentheses and commas', () => {
    const untouched = [
      `a{b:url("data:image/svg+xml,<svg xmlns='http://example.com/'>)\\",</svg>")}`,
      `a{b:url('data:image/svg+xml,<svg xmlns="http://example.com/"><text>(a, b)</text></svg>')}`,
      'a{b:url(data:image/svg+xml;utf8,%3Csvg%20xmlns=%27http://example.com/%27%3E\\)%3C/svg%3E)}',
      'a{b:url(DATA:text/plain,https://example.com/)}',
      'a{b:url(blob:https://example.com/1234)}',
    ];
    for (const s of untouched) expect(css(s)).toBe(s);
  });

  it('rewrites several URLs in one declaration and nothing in between', () => {
    expect(css('a{background:url(//example.com/1.png),url(https://other.org/2.png),url("//x.example.com/3.png")}'))
      .toBe('a{background:url(//example.com.proxy.test/1.png),url(https://other.org/2.png),url("//x.example.com.proxy.test/3.png")}');
  });

  it('recognises escaped function names and rejects lookalike tokens', () => {
    expect(css('a{b:u\\72l(https://example.com/a)}')).toBe('a{b:u\\72l(https://example.com.proxy.test/a)}');
    expect(css('a{b:u\\72 l(https://example.com/a)}')).toBe('a{b:u\\72 l(https://example.com.proxy.test/a)}');
    // a hash token, a dimension and a longer ident are not url(
    for (const s of ['a{b:#url(https://example.com/a)}', 'a{b:1url(https://example.com/a)}', 'a{b:myurl(https://example.com/a)}', 'a{b:--url(https://example.com/a)}']) {
      expect(css(s)).toBe(s);
    }
  });

  it('leaves a bad url token as written', () => {
    for (const s of ['a{b:url(https://example.com/a b)}', 'a{b:url(https://example.com/a"b)}', 'a{b:url(https://example.com/a(b)}']) {
      expect(css(s)).toBe(s);
    }
  });

  it('is idempotent', () => {
    const once = css('a{b:url(//example.com/1.png);c:url("https://x.example.com/?r=https%3A%2F%2Fexample.com%2F")}');
    expect(css(once)).toBe(once);
  });
});
