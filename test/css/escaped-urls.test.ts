import { parseFragment } from 'parse5';
import { describe, expect, it } from 'vitest';
import { rewriteCss } from '../../src/css/index.js';
import { rewriteHtml } from '../../src/html/index.js';
import { parsed, proxiedHref, reachesProtected, urlValues } from './browser-view.js';
import { exampleContext } from './helpers.js';

// In URL positions the browser decodes CSS escapes first (CSS Syntax 3) and hands the
// value to the URL parser: `\2e ` is a dot, `\65 ` an `e`, `\9 ` a tab the parser then
// drops, `\\` a backslash the parser reads as `/`. Each expectation below is what the
// browser sees (test/css/browser-view.ts, written from the specs): a value that reaches
// a protected host must reach its proxied twin, with every other part of the URL the
// same; any other value stays byte for byte.

const { ctx } = exampleContext();
const css = (s: string) => rewriteCss(ctx, s);

/** Checks every URL position of `input` against what the browser makes of it; returns the output. */
function asTheBrowserSees(input: string): string {
  const out = css(input);
  const before = urlValues(input);
  const after = urlValues(out);
  expect(after).toHaveLength(before.length);
  before.forEach((value, i) => {
    if (value !== null && reachesProtected(value)) expect(parsed(after[i] as string)?.href).toBe(proxiedHref(value));
    else expect(after[i]).toBe(value);
  });
  if (before.every((v) => v === null || !reachesProtected(v))) expect(out).toBe(input);
  return out;
}

describe('escapes decoded before deciding, only the changed part written back', () => {
  it.each([
    // a hex escape of the dot, closed by its space: the suffix goes after the host as written
    [String.raw`a{b:url(https://example\2e com/x)}`, String.raw`a{b:url(https://example\2e com.proxy.test/x)}`],
    [String.raw`a{b:url(https://\65 xample.com/)}`, String.raw`a{b:url(https://\65 xample.com.proxy.test/)}`],
    [String.raw`a{b:url("https://app.ex\61mple.com/")}`, String.raw`a{b:url("https://app.ex\61mple.com.proxy.test/")}`],
    // `\.` is an escaped dot
    [String.raw`@import "https://example\.com/x.css";`, String.raw`@import "https://example\.com.proxy.test/x.css";`],
    [String.raw`@import url(//example\2e com/a.css) screen;`, String.raw`@import url(//example\2e com.proxy.test/a.css) screen;`],
    // a tab inside the host is dropped by the URL parser: the host is example.com
    [String.raw`a{b:url("https://exa\9 mple.com/")}`, String.raw`a{b:url("https://exa\9 mple.com.proxy.test/")}`],
    // two escaped backslashes are `\\`, which the parser reads as `//`
    [String.raw`a{b:url(https:\\\\example.com/x)}`, String.raw`a{b:url(https:\\\\example.com.proxy.test/x)}`],
    [String.raw`a{b:url(\\\\example.com/x)}`, String.raw`a{b:url(\\\\example.com.proxy.test/x)}`],
    // image-set() and @font-face src(): URL positions; local() names a font
    [String.raw`a{b:image-set("https://\65 xample.com/1.png" 1x,url(https://example\2e com/2.png) 2x)}`,
      String.raw`a{b:image-set("https://\65 xample.com.proxy.test/1.png" 1x,url(https://example\2e com.proxy.test/2.png) 2x)}`],
    [String.raw`@font-face{src:url(https://fonts\2e example.com/f.woff2) format("woff2"),local("example\2e com")}`,
      String.raw`@font-face{src:url(https://fonts\2e example.com.proxy.test/f.woff2) format("woff2"),local("example\2e com")}`],
  ])('%s', (input, expected) => {
    expect(asTheBrowserSees(input)).toBe(expected);
  });

  it('decodes a URL nested in the query the same way', () => {
    const input = String.raw`a{b:url(https://sso.other.org/?return=https\3a //example\2e com/home)}`;
    const out = css(input);
    expect(out).toBe(String.raw`a{b:url(https://sso.other.org/?return=https\3a //example\2e com.proxy.test/home)}`);
    const nested = parsed(parsed(urlValues(out)[0] as string)?.searchParams.get('return') as string);
    expect(nested?.hostname).toBe('example.com.proxy.test');
  });

  it('decides spellings only the URL parser resolves: percent-encoded and full-width hosts, a trailing dot', () => {
    for (const input of [
      'a{b:url(https://example%2Ecom/x)}',
      'a{b:url(https://%65xample.com/x?q=1#f)}',
      String.raw`a{b:url(https://\FF45 xample.com/)}`,
      String.raw`a{b:url("https://example\3002 com/")}`,
      'a{b:url("https://ｅｘａｍｐｌｅ．ｃｏｍ/x")}',
      String.raw`a{b:url(https://EXAMPLE\2e COM./x)}`,
      String.raw`a{b:url(  "https://ex\\ample.com/"  )}`, // `\\` then `a`: a backslash in the host, which the parser refuses
    ]) {
      asTheBrowserSees(input);
    }
  });

  it('writes non-ASCII it introduces as escapes, so the byte stream can carry it', () => {
    // The stream reads CSS as Latin-1: a character past U+00FF must not appear raw.
    for (const input of [String.raw`a{b:url(https://\FF45 xample.com/)}`, String.raw`a{b:url('https://example\FF0E com/')}`]) {
      const out = asTheBrowserSees(input);
      expect(/[^\x00-\xff]/.test(out)).toBe(false);
    }
  });

  it('leaves what the parser does not send to a protected host byte for byte', () => {
    for (const input of [
      // the tab is dropped, so the host is example.com.evil.org
      String.raw`a{b:url("https://example.com\9 .evil.org/")}`,
      String.raw`a{b:url(https://example\2e com\2e evil.org/)}`,
      // userinfo and fragment are not the host
      String.raw`a{b:url(https://example\2e com@evil.org/)}`,
      String.raw`a{b:url("https://evil.org#@example\2e com")}`,
      // other schemes keep their hosts; a URL nested in the path belongs to the outer one
      String.raw`a{b:url(ftp://example\2e com/x)}`,
      String.raw`a{b:url(git+https://example\2e com/x)}`,
      String.raw`a{b:url(https://web.archive.org/web/2020/https\3a //example\2e com/)}`,
      // lookalikes, relative URLs, data:
      String.raw`a{b:url(https://notexample\2e com/)}`,
      String.raw`a{b:url(https://example\2e community/)}`,
      String.raw`a{b:url(example\2e com/x.png)}`,
      String.raw`a{b:url(data:text/plain,https://example\2e com/)}`,
    ]) {
      expect(asTheBrowserSees(input)).toBe(input);
    }
  });
});

/** The `style` attribute of the first element of an HTML fragment, as the HTML parser decodes it. */
function styleOf(fragment: string): string {
  const el = parseFragment(fragment).childNodes[0] as unknown as { attrs: { name: string; value: string }[] };
  return el.attrs.find((a) => a.name === 'style')?.value ?? '';
}

describe('in <style> and style="" as in stylesheets', () => {
  const html = (s: string) => rewriteHtml(ctx, s);

  it('rewrites an escaped host in a <style> element', () => {
    expect(html(String.raw`<style>a{b:url(https://example\2e com/x)}</style>`)).toBe(String.raw`<style>a{b:url(https://example\2e com.proxy.test/x)}</style>`);
    expect(html(String.raw`<style>@import "https://\65 xample.com/a.css";</style>`)).toBe(String.raw`<style>@import "https://\65 xample.com.proxy.test/a.css";</style>`);
    expect(html('<style>a{b:url(https://example%2Ecom/x)}</style>')).toBe('<style>a{b:url(https://example%2Ecom.proxy.test/x)}</style>');
  });

  // src/html's gate (attribute-rules.ts `mayNeedRules`) includes src/css's sound precheck,
  // so an escaped host in style="" reaches the CSS rules.
  it('rewrites an escaped host in a style attribute, after HTML has decoded its character references', () => {
    expect(html(String.raw`<div style="background:url(https://example\2e com/x)">`))
      .toBe(String.raw`<div style="background:url(https://example\2e com.proxy.test/x)">`);
    // `&#x5c;` is a backslash once HTML has decoded it: CSS then reads `\2e ` as a dot
    const out = html('<div style="background:url(https://example&#x5c;2e com/x)">');
    expect(parsed(urlValues(styleOf(out))[0] as string)?.href).toBe('https://example.com.proxy.test/x');
  });

  it('leaves an escaped lookalike in a <style> element and a style attribute alone', () => {
    for (const page of [
      String.raw`<style>a{b:url("https://example.com\9 .evil.org/")}</style>`,
      String.raw`<p style="background:url('https://example\2e com\2e evil.org/')">x</p>`,
    ]) {
      expect(html(page)).toBe(page);
    }
  });
});
