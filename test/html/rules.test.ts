import { describe, expect, it } from 'vitest';
import { rewriteHtml } from '../../src/html/index.js';
import { testContext } from './helpers.js';

const P = '.proxy.test';

function rw(html: string): string {
  return rewriteHtml(testContext(), html);
}

describe('URL attributes (HTML, SVG, MathML)', () => {
  it('rewrites every URL attribute of the table and keeps quoting, case and spacing', () => {
    expect(rw('<a href="https://app.example.com/x">')).toBe(`<a href="https://app.example.com${P}/x">`);
    expect(rw("<A HREF = 'https://app.example.com/x'  CLASS=k>")).toBe(`<A HREF = 'https://app.example.com${P}/x'  CLASS=k>`);
    expect(rw('<img src=//cdn.example.com/i.png alt=x>')).toBe(`<img src=//cdn.example.com${P}/i.png alt=x>`);
    expect(rw('<form action="https://example.com/post"><button formaction="https://example.com/b">'))
      .toBe(`<form action="https://example.com${P}/post"><button formaction="https://example.com${P}/b">`);
    expect(rw('<video poster="https://example.com/p.jpg"></video><object data="https://example.com/o"></object>'))
      .toBe(`<video poster="https://example.com${P}/p.jpg"></video><object data="https://example.com${P}/o"></object>`);
    expect(rw('<blockquote cite="https://example.com/q"></blockquote><body background="https://example.com/b.png">'))
      .toBe(`<blockquote cite="https://example.com${P}/q"></blockquote><body background="https://example.com${P}/b.png">`);
    expect(rw('<a ping="https://a.example.com/p https://other.org/p">'))
      .toBe(`<a ping="https://a.example.com${P}/p https://other.org/p">`);
    expect(rw('<div itemscope itemtype="https://example.com/Thing">')).toBe(`<div itemscope itemtype="https://example.com${P}/Thing">`);
    expect(rw('<html manifest="https://example.com/m.appcache">')).toBe(`<html manifest="https://example.com${P}/m.appcache">`);
  });

  it('rewrites SVG href / xlink:href and MathML href, and url() references in SVG paint', () => {
    expect(rw('<svg><image xlink:href="https://example.com/i.png"/><use href="https://example.com/s.svg#a"/></svg>'))
      .toBe(`<svg><image xlink:href="https://example.com${P}/i.png"/><use href="https://example.com${P}/s.svg#a"/></svg>`);
    expect(rw('<svg><rect fill="url(https://example.com/p.svg#g)"/></svg>')).toBe(`<svg><rect fill="url(https://example.com${P}/p.svg#g)"/></svg>`);
    expect(rw('<math><mi href="https://example.com/m">x</mi></math>')).toBe(`<math><mi href="https://example.com${P}/m">x</mi></math>`);
  });

  it('leaves relative, other-host, mailto, data and look-alike hosts alone', () => {
    const same = [
      '<a href="/relative">', '<a href="https://other.org/x">', '<a href="mailto:me@example.com">',
      '<img src="data:image/png;base64,ZXhhbXBsZS5jb20=">', '<a href="https://example.com.evil.org/">',
      '<a href="https://notexample.com/">', '<a href="https://example.community/">', '<a href="tel:+1">',
    ];
    for (const s of same) expect(rw(s)).toBe(s);
  });

  it('finds entity-encoded URLs and keeps the references as written', () => {
    expect(rw('<a href="https&#x3a;&#x2f;&#x2f;app.example.com/x?a=1&amp;b=2">'))
      .toBe(`<a href="https&#x3a;&#x2f;&#x2f;app.example.com${P}/x?a=1&amp;b=2">`);
    expect(rw('<a href="https&colon;//app&period;example&period;com/">')).toBe(`<a href="https&colon;//app&period;example&period;com${P}/">`);
  });

  it('rewrites URLs nested in query strings (rule 2)', () => {
    expect(rw('<a href="https://login.example.com/?return=https%3A%2F%2Fapp.example.com%2F">'))
      .toBe(`<a href="https://login.example.com${P}/?return=https%3A%2F%2Fapp.example.com${P}%2F">`);
  });

  it('applies the public scheme and port to absolute URLs', () => {
    const ctx = testContext({ publicScheme: 'http', publicPort: 8080 });
    expect(rewriteHtml(ctx, '<a href="https://app.example.com/x">')).toBe(`<a href="http://app.example.com${P}:8080/x">`);
  });
});

describe('srcset and imagesrcset', () => {
  it('rewrites each candidate, URLs with commas and candidates without descriptors included', () => {
    expect(rw('<img srcset="https://a.example.com/a,b.jpg 1x, https://b.example.com/c.jpg 2x">'))
      .toBe(`<img srcset="https://a.example.com${P}/a,b.jpg 1x, https://b.example.com${P}/c.jpg 2x">`);
    // No whitespace before the comma: one candidate (WHATWG "parse a srcset attribute": a URL
    // is a run of non-whitespace), whose path holds the second URL as text, not as a URL.
    expect(rw('<img srcset="https://example.com/a.jpg,https://example.com/b.jpg 2x">'))
      .toBe(`<img srcset="https://example.com${P}/a.jpg,https://example.com/b.jpg 2x">`);
    expect(rw('<link rel=preload as=image imagesrcset="https://example.com/w.jpg 100w, /r.jpg 200w">'))
      .toBe(`<link rel=preload as=image imagesrcset="https://example.com${P}/w.jpg 100w, /r.jpg 200w">`);
  });

  it('reads the srcset a lazy loader keeps for later (data-srcset, data-lazy-srcset) as a srcset', () => {
    // The loader copies the value into srcset as it is: every candidate is a URL the image will load.
    expect(rw('<img data-srcset="https://a.example.com/1.jpg 1x, https://a.example.com/2.jpg 2x" data-lazy-srcset="https://b.example.com/3.jpg 300w">'))
      .toBe(`<img data-srcset="https://a.example.com${P}/1.jpg 1x, https://a.example.com${P}/2.jpg 2x" data-lazy-srcset="https://b.example.com${P}/3.jpg 300w">`);
  });
});

describe('whole-value attributes', () => {
  it('rewrites attributes whose whole value is an absolute URL, or JSON', () => {
    expect(rw('<img data-src="https://example.com/lazy.jpg">')).toBe(`<img data-src="https://example.com${P}/lazy.jpg">`);
    expect(rw('<meta property="og:url" content="https://www.example.com/page">')).toBe(`<meta property="og:url" content="https://www.example.com${P}/page">`);
    expect(rw(`<div data-config='{"api":"https://api.example.com/v1","host":"example.com"}'>`))
      .toBe(`<div data-config='{"api":"https://api.example.com${P}/v1","host":"example.com${P}"}'>`);
    expect(rw('<div data-config="{&quot;api&quot;:&quot;https://api.example.com&quot;}">'))
      .toBe(`<div data-config="{&quot;api&quot;:&quot;https://api.example.com${P}&quot;}">`);
  });

  it('leaves prose attributes alone', () => {
    const s = '<img alt="Visit example.com or https://example.com today" title="mail me@example.com">';
    expect(rw(s)).toBe(s);
  });
});

describe('base, meta refresh, meta CSP', () => {
  it('rewrites <base href>', () => {
    expect(rw('<base href="https://app.example.com/">')).toBe(`<base href="https://app.example.com${P}/">`);
  });

  it('rewrites the URL of meta refresh in all its spellings', () => {
    expect(rw('<meta http-equiv="refresh" content="0;url=https://app.example.com/">')).toBe(`<meta http-equiv="refresh" content="0;url=https://app.example.com${P}/">`);
    expect(rw(`<meta http-equiv=Refresh content="5; URL='https://app.example.com/a'">`)).toBe(`<meta http-equiv=Refresh content="5; URL='https://app.example.com${P}/a'">`);
    expect(rw('<meta http-equiv="REFRESH" content="3, https://app.example.com/b">')).toBe(`<meta http-equiv="REFRESH" content="3, https://app.example.com${P}/b">`);
    expect(rw('<meta http-equiv="refresh" content="1.5 ; Url = https://app.example.com/c">')).toBe(`<meta http-equiv="refresh" content="1.5 ; Url = https://app.example.com${P}/c">`);
  });

  it('rewrites host sources of a meta CSP and keeps keywords', () => {
    expect(rw(`<meta http-equiv="Content-Security-Policy" content="default-src 'self' https://api.example.com *.example.com; img-src example.com data:">`))
      .toBe(`<meta http-equiv="Content-Security-Policy" content="default-src 'self' https://api.example.com${P} *.example.com${P}; img-src example.com${P} data:">`);
  });
});

describe('style, on* handlers, javascript: URLs and scripts', () => {
  it('rewrites style attributes and <style> with the CSS rules', () => {
    expect(rw('<div style="background:url(https://example.com/a.png)">')).toBe(`<div style="background:url(https://example.com${P}/a.png)">`);
    expect(rw('<style>@import "https://example.com/s.css"; a{background:url(//example.com/b.png)}</style>'))
      .toBe(`<style>@import "https://example.com${P}/s.css"; a{background:url(//example.com${P}/b.png)}</style>`);
  });

  it('rewrites on* handlers and javascript: URLs with the JS rules', () => {
    expect(rw(`<button onclick="location.href='https://app.example.com/go'">`)).toBe(`<button onclick="location.href='https://app.example.com${P}/go'">`);
    expect(rw(`<a href="javascript:void(location='https://app.example.com/')">`)).toBe(`<a href="javascript:void(location='https://app.example.com${P}/')">`);
    expect(rw(`<a href="javascript:alert('write to user@example.com')">`)).toBe(`<a href="javascript:alert('write to user@example.com')">`);
  });

  it('rewrites scripts by type: classic, module, JSON types, importmap keys and values', () => {
    expect(rw('<script>fetch("https://api.example.com/x"); if (location.host == "example.com") {}</script>'))
      .toBe(`<script>fetch("https://api.example.com${P}/x"); if (location.host == "example.com${P}") {}</script>`);
    expect(rw('<script type="module">import x from "https://cdn.example.com/m.js";</script>'))
      .toBe(`<script type="module">import x from "https://cdn.example.com${P}/m.js";</script>`);
    expect(rw('<script type="application/ld+json">{"url":"https://www.example.com/"}</script>'))
      .toBe(`<script type="application/ld+json">{"url":"https://www.example.com${P}/"}</script>`);
    expect(rw('<script type="importmap">{"imports":{"https://app.example.com/lib/":"https://cdn.example.com/lib/"}}</script>'))
      .toBe(`<script type="importmap">{"imports":{"https://app.example.com${P}/lib/":"https://cdn.example.com${P}/lib/"}}</script>`);
    expect(rw('<script type="speculationrules">{"prefetch":[{"urls":["https://app.example.com/next"]}]}</script>'))
      .toBe(`<script type="speculationrules">{"prefetch":[{"urls":["https://app.example.com${P}/next"]}]}</script>`);
  });

  it('leaves unknown script types alone', () => {
    const s = '<script type="text/x-template"><a href="https://app.example.com/">x</a></script>';
    expect(rw(s)).toBe(s);
  });

  it('keeps a script that contains a string that looks like an end tag in pieces intact', () => {
    expect(rw('<script>var s = "<\\/script>" + "https://example.com/";</script><p>'))
      .toBe(`<script>var s = "<\\/script>" + "https://example.com${P}/";</script><p>`);
  });
});

describe('srcdoc, integrity, text', () => {
  it('rewrites srcdoc recursively and keeps its escaping', () => {
    expect(rw('<iframe srcdoc="<a href=&quot;https://app.example.com/&quot;>x</a><img src=https://example.com/i>"></iframe>'))
      .toBe(`<iframe srcdoc="<a href=&quot;https://app.example.com${P}/&quot;>x</a><img src=https://example.com${P}/i>"></iframe>`);
  });

  it('removes integrity from protected and relative resources only', () => {
    expect(rw('<script src="https://cdn.example.com/a.js" integrity="sha384-x" crossorigin></script>'))
      .toBe(`<script src="https://cdn.example.com${P}/a.js" crossorigin></script>`);
    expect(rw('<link rel=stylesheet href="/site.css" integrity="sha384-y">')).toBe('<link rel=stylesheet href="/site.css">');
    const kept = '<script src="https://cdn.other.org/a.js" integrity="sha384-z"></script>';
    expect(rw(kept)).toBe(kept);
  });

  it('never rewrites text, comments, <title> or <textarea>', () => {
    const s = '<title>https://app.example.com</title><p>see https://app.example.com</p><!-- <a href="https://app.example.com"> --><textarea>https://app.example.com</textarea>';
    expect(rw(s)).toBe(s);
  });

  it('rewrites what a browser without scripting would load from <noscript>', () => {
    expect(rw('<noscript><img src="https://px.example.com/p.gif"></noscript>')).toBe(`<noscript><img src="https://px.example.com${P}/p.gif"></noscript>`);
  });
});

describe('escaping of changed values', () => {
  it('quotes an unquoted value when the new value needs it, and escapes quotes', () => {
    const ctx = testContext();
    // JSON in an unquoted attribute can only hold characters that need no quotes; the rewrite keeps it unquoted.
    expect(rewriteHtml(ctx, '<a href=https://example.com/a>')).toBe(`<a href=https://example.com${P}/a>`);
    expect(rewriteHtml(ctx, `<div onclick='go("https://example.com/")'>`)).toBe(`<div onclick='go("https://example.com${P}/")'>`);
  });
});

describe('malformed markup', () => {
  it('handles uppercase, unclosed tags, stray </script>, <!-->, and EOF inside a tag without losing bytes', () => {
    expect(rw('<DIV><A HREF=https://example.com/x>unclosed')).toBe(`<DIV><A HREF=https://example.com${P}/x>unclosed`);
    expect(rw('</script><a href="https://example.com/">')).toBe(`</script><a href="https://example.com${P}/">`);
    expect(rw('<!--><a href="https://example.com/">')).toBe(`<!--><a href="https://example.com${P}/">`);
    expect(rw('<p><a href="https://example.com/')).toBe('<p><a href="https://example.com/');
    expect(rw('<script>var a = "https://example.com/"')).toBe(`<script>var a = "https://example.com${P}/"`);
    expect(rw('<a href="https://example.com/" href="https://other.org/">')).toBe(`<a href="https://example.com${P}/" href="https://other.org/">`);
  });

  it('is idempotent on an already rewritten page', () => {
    const page = '<base href="https://app.example.com/"><a href="https://app.example.com/x" onclick="f(\'example.com\')"><script src="/a.js" integrity="x"></script><script>u="https://example.com"</script>';
    const once = rw(page);
    expect(rw(once)).toBe(once);
  });
});

describe('JS wiring: handlers, javascript: URLs and script source types', () => {
  // `<!--` starts a comment in a classic script (and in handler and javascript: code), but is
  // just `<`, `!`, `--` in a module: the string after it is rewritten only in a module.
  const body = 'x = y <!--z; f("https://example.com/")\n';

  it('reads on* handlers as classic function bodies (bare return, HTML-like comments)', () => {
    const ctx = testContext();
    expect(rewriteHtml(ctx, `<a onclick="if (a) return; return go('https://app.example.com/')">`))
      .toBe(`<a onclick="if (a) return; return go('https://app.example.com${P}/')">`);
    expect(rewriteHtml(ctx, `<a onclick='${body}'>`)).toBe(`<a onclick='${body}'>`);
    expect(ctx.events.filter((e) => e.type === 'js-fallback' || e.type === 'html-inline-fallback')).toEqual([]);
  });

  it('rewrites the code of javascript: URLs in any URL attribute, after any leading space or case', () => {
    const ctx = testContext();
    expect(rewriteHtml(ctx, `<a href=" JavaScript:location='https://app.example.com/'">`))
      .toBe(`<a href=" JavaScript:location='https://app.example.com${P}/'">`);
    expect(rewriteHtml(ctx, `<form action="javascript:fetch('https://api.example.com/x')"><iframe src="javascript:void 0"></iframe></form>`))
      .toBe(`<form action="javascript:fetch('https://api.example.com${P}/x')"><iframe src="javascript:void 0"></iframe></form>`);
    expect(rewriteHtml(ctx, `<a href='javascript:${body}'>`)).toBe(`<a href='javascript:${body}'>`);
  });

  it('reads <script type=module> as a module and every JavaScript type (or none) as a classic script', () => {
    const ctx = testContext();
    const moduleOut = body.replace('example.com/', `example.com${P}/`);
    expect(rewriteHtml(ctx, `<script type=module>${body}</script>`)).toBe(`<script type=module>${moduleOut}</script>`);
    expect(rewriteHtml(ctx, `<SCRIPT TYPE=" Module ">${body}</SCRIPT>`)).toBe(`<SCRIPT TYPE=" Module ">${moduleOut}</SCRIPT>`);
    for (const open of ['<script>', '<script type="text/javascript">', '<script type="application/javascript">', '<script language="JavaScript">']) {
      expect(rewriteHtml(ctx, `${open}${body}</script>`)).toBe(`${open}${body}</script>`);
    }
    expect(rewriteHtml(ctx, '<script type=module>export const u = "https://app.example.com/"; console.log(import.meta.url, await import(u));</script>'))
      .toBe(`<script type=module>export const u = "https://app.example.com${P}/"; console.log(import.meta.url, await import(u));</script>`);
    expect(ctx.events.filter((e) => e.type === 'js-fallback')).toEqual([]);
  });
});
