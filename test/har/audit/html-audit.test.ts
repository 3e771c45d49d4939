import { describe, expect, it } from 'vitest';
import { brief, htmlEscapes } from './entries.js';

// URL positions of HTML, SVG and MathML as the HTML standard parses them (DESIGN.md
// "Where hosts are rewritten", rule 4): attribute values after character references are
// decoded; text, comments, <title> and <textarea> are no URL positions.
describe('HTML attributes', () => {
  it('finds a protected host in a[href], with line, column and snippet', () => {
    const html = '<!doctype html>\n<p>Go <a class="x" href="https://app.example.com/docs">docs</a></p>';
    const [e, ...rest] = htmlEscapes(html);
    expect(rest).toEqual([]);
    expect(e).toMatchObject({ kind: 'html-attr', where: 'a[href]', host: 'app.example.com', value: 'https://app.example.com/docs', line: 2 });
    expect(e.column).toBe(html.split('\n')[1].indexOf('app.example.com') + 1);
    expect(e.snippet).toContain('href="https://app.example.com/docs"');
    expect(e.snippet.length).toBeLessThanOrEqual(120);
    expect(e.entry).toBe(0);
    expect(e.url).toBe('https://app.example.com.proxy.test/page');
    expect(e.contentType).toBe('text/html; charset=utf-8');
  });

  it('does not count the proxied twin, relative URLs, text, comments, title or textarea', () => {
    expect(htmlEscapes(`<a href="https://app.example.com.proxy.test/">a</a><a href="/x">b</a><img src="i.png">
      <p>https://app.example.com/ is our site, app.example.com too</p><!-- <a href="https://app.example.com/"> -->
      <title>https://app.example.com/</title><textarea>https://app.example.com/</textarea>
      <div title="see https://app.example.com/ for more"></div>`)).toEqual([]);
  });

  it('decodes character references first', () => {
    expect(brief(htmlEscapes('<a href="https&#x3a;//app&#46;example.com/">x</a>'))).toEqual(['html-attr a[href] app.example.com']);
    expect(brief(htmlEscapes('<a href="https://app.example&period;com/">x</a>'))).toEqual(['html-attr a[href] app.example.com']);
  });

  it.each([
    ['<form action="//app.example.com/login"></form>', 'form[action]'],
    ['<button formaction="https://app.example.com/b">b</button>', 'button[formaction]'],
    ['<video poster="https://img.example.com/p.jpg"></video>', 'video[poster]'],
    ['<object data="https://app.example.com/o.swf"></object>', 'object[data]'],
    ['<blockquote cite="https://app.example.com/q"></blockquote>', 'blockquote[cite]'],
    ['<table background="https://img.example.com/bg.gif"></table>', 'table[background]'],
    ['<base href="https://app.example.com/">', 'base[href]'],
    ['<link rel="stylesheet" href="https://css.example.com/a.css">', 'link[href]'],
    ['<script src="https://js.example.com/a.js"></script>', 'script[src]'],
    ['<iframe src="https://app.example.com/frame"></iframe>', 'iframe[src]'],
    ['<img longdesc="https://app.example.com/d">', 'img[longdesc]'],
    ['<div itemscope itemtype="https://schema.org/Thing https://app.example.com/Type"></div>', 'div[itemtype]'],
    ['<a ping="/p https://t.example.com/ping" href="/">x</a>', 'a[ping]'],
    ['<img srcset="a.png 1x, https://cdn.example.com/b.png 2x">', 'img[srcset]'],
    ['<link rel="preload" as="image" imagesrcset="https://cdn.example.com/w.png 100w">', 'link[imagesrcset]'],
    ['<meta http-equiv="refresh" content="0; url=\'https://app.example.com/next\'">', 'meta[content]'],
    ['<meta http-equiv="Content-Security-Policy" content="script-src \'self\' https://cdn.example.com">', 'meta[content]'],
    ['<meta property="og:url" content="https://www.example.com/post">', 'meta[content]'],
    ['<img data-src="https://img.example.com/lazy.png">', 'img[data-src]'],
    ['<source data-srcset="https://img.example.com/a.jpg 1x, https://img.example.com/b.jpg 2x">', 'source[data-srcset]'], // lazy loaders copy it to srcset
    ['<a href="/login?next=https%3A%2F%2Fapp.example.com%2F">in</a>', 'a[href]'],
  ])('%s', (html, where) => {
    expect(htmlEscapes(html).map((e) => e.where)).toEqual([where]);
  });

  it('leaves mailto:, tel:, data: and path-nested URLs alone', () => {
    expect(htmlEscapes(`<a href="mailto:me@app.example.com">m</a><a href="tel:+1">t</a>
      <img src="data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg'><a href='https://app.example.com/'/></svg>">
      <a href="https://web.archive.org/web/2020/https://app.example.com/">archived</a>`)).toEqual([]);
  });

  it('reads style attributes and <style> as CSS', () => {
    expect(brief(htmlEscapes(`<div style="background: url('https://img.example.com/a.png')"></div>
      <style>@import "https://css.example.com/a.css"; .a { background: url(//img.example.com/b.png) }
      .b::before { content: "https://app.example.com/ is text" }</style>`))).toEqual([
      'css-url div[style] img.example.com', 'css-url style css.example.com', 'css-url style img.example.com',
    ]);
  });

  it('reads on* handlers and javascript: URLs as JavaScript', () => {
    expect(brief(htmlEscapes(`<button onclick="location = 'https://app.example.com/go'">go</button>
      <a href="javascript:location.href='https://app.example.com/x'">a</a>
      <a href="javascript:location.href=%22https://www.example.com/x%22">b</a>`))).toEqual([
      'js-string button[onclick] app.example.com', 'js-string a[href] app.example.com', 'js-string a[href] www.example.com',
    ]);
  });

  it('reads the code of framework attributes (Vue, Alpine, AngularJS, Knockout, htmx)', () => {
    expect(brief(htmlEscapes(`<a :href="'https://app.example.com/' + id">v</a><div x-data="{ api: 'https://api.example.com/v1' }"></div>
      <a ng-href="https://app.example.com/{{id}}">n</a><a data-bind="attr: { href: 'https://www.example.com/k' }">k</a>
      <button hx-get="https://api.example.com/h">h</button><a @click="go('https://app.example.com.proxy.test/')">twin</a>`))).toEqual([
      'js-string a[:href] app.example.com', 'js-string div[x-data] api.example.com', 'html-attr a[ng-href] app.example.com',
      'js-string a[data-bind] www.example.com', 'html-attr button[hx-get] api.example.com',
    ]);
  });

  it('reads attributes holding JSON as JSON', () => {
    expect(brief(htmlEscapes(`<div data-config='{"api":"https://api.example.com/v1","name":"example.com"}'></div>`))).toEqual([
      'json-string div[data-config] api.example.com',
    ]);
  });
});

describe('HTML scripts, documents in documents, SVG', () => {
  it('reads <script> by its type', () => {
    expect(brief(htmlEscapes(`<script>var api = "https://api.example.com/v1"; // https://app.example.com/ in a comment
      var host = a.example.com; var re = /https:\\/\\/app\\.example\\.com/; var mail = "me@example.com";</script>
      <script type="module">import x from "https://cdn.example.com/m.js";</script>
      <script type="text/template"><a href="https://app.example.com/"></a></script>
      <script type="application/ld+json">{"url": "https://www.example.com/"}</script>
      <script type="importmap">{"imports": {"lib": "https://cdn.example.com/lib.js"}}</script>`))).toEqual([
      'js-string script api.example.com', 'js-string script cdn.example.com', 'json-string script www.example.com', 'json-string script cdn.example.com',
    ]);
  });

  it('places a script string by the line and column of its host', () => {
    const [e] = htmlEscapes('<p>x</p>\n<script>\n  fetch("https://api.example.com/v1");\n</script>');
    expect(e).toMatchObject({ line: 3, column: '  fetch("https://'.length + 1, where: 'script' });
  });

  it('reads iframe srcdoc, <noscript> and <template> as HTML', () => {
    expect(brief(htmlEscapes(`<iframe srcdoc="&lt;a href=&quot;https://app.example.com/&quot;&gt;x&lt;/a&gt;"></iframe>
      <noscript><img src="https://t.example.com/p.gif"></noscript>
      <template><a href="https://app.example.com/t">t</a></template>`))).toEqual([
      'html-attr iframe[srcdoc] a[href] app.example.com', 'html-attr noscript img[src] t.example.com', 'html-attr a[href] app.example.com',
    ]);
  });

  it('reads SVG and MathML URL attributes and SVG url() references', () => {
    expect(brief(htmlEscapes(`<svg><a xlink:href="https://app.example.com/"><text>x</text></a>
      <image href="https://img.example.com/i.png"/><rect fill="url(https://app.example.com/s.svg#g)"/><rect fill="url(#local)"/></svg>
      <math><mi href="https://app.example.com/m">x</mi></math>`))).toEqual([
      'html-attr a[xlink:href] app.example.com', 'html-attr image[href] img.example.com', 'html-attr rect[fill] app.example.com', 'html-attr mi[href] app.example.com',
    ]);
  });

  it('keeps one escape per host and attribute, and snippets on one line', () => {
    const escapes = htmlEscapes(`<img srcset="https://cdn.example.com/a.png 1x,\n https://cdn.example.com/b.png 2x">`);
    expect(escapes).toHaveLength(1);
    expect(escapes[0].snippet).not.toMatch(/[\n\r\t]/);
  });
});
