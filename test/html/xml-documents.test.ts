import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRewriter } from '../../src/index.js';
import { runChunks, splitAt } from '../helpers/streams.js';
import { runChunked, testContext } from './helpers.js';

const P = '.proxy.test';

function load(name: string): Buffer {
  return readFileSync(new URL(`./xml-documents/${name}`, import.meta.url));
}

function rewrite(input: Buffer): string {
  const ctx = testContext();
  const out = runChunked(ctx, input, [input.length], { document: 'xml' }).toString('utf8');
  expect(ctx.events.filter((e) => e.type === 'html-error')).toEqual([]);
  return out;
}

function count(s: string, part: string): number {
  return s.split(part).length - 1;
}

/**
 * Each document's expectations are read off the document by hand: which of its URLs
 * are in URL positions or code (rewritten), which are prose, comments, namespace names
 * or other hosts (kept). Rewriting only inserts the suffix, so removing it gives back
 * the input byte for byte.
 */
describe('real-world shaped XML documents', () => {
  it('XHTML page: URL attributes, CDATA and escaped scripts, styles, the stylesheet PI; prose, comments and doctype kept', () => {
    const input = load('page.xhtml');
    const out = rewrite(input);
    const text = input.toString('utf8');
    expect(out.replaceAll(P, '')).toBe(text.replace(' integrity="sha384-abc"', ''));
    expect(count(out, P)).toBe(23);
    for (const s of [
      `<?xml-stylesheet href="https://static.example.com${P}/css/print.css"`,
      `href="https://static.example.com${P}/css/site.css?v=3&amp;m=screen"`,
      `href="//static.example.com${P}/favicon.ico"`,
      `src="https://cdn.example.com${P}/js/app.js" crossorigin="anonymous" />`,
      `api: "https://api.example.com${P}/v2/"`,
      `'https://login.example.com${P}/?return=https%3A%2F%2Fwww.example.com${P}%2F'`,
      `cdn: "//cdn.example.com${P}"`,
      `var escaped = &quot;https://api.example.com${P}/escaped?a=1&amp;b=2&quot;;`,
      `track(&apos;https://stats.example.com${P}/t.gif&apos;)`,
      `url("https://static.example.com${P}/img/header.jpg")`,
      `@import url(https://fonts.example.com${P}/css?family=Open+Sans);`,
      `onclick="return go('https://www.example.com${P}/search');"`,
      `<use xlink:href="https://static.example.com${P}/icons.svg#star" />`,
    ]) expect(out).toContain(s);
    for (const kept of [
      '<?xml version="1.0" encoding="UTF-8"?>\n',
      '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN"\n  "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">',
      '<title>Café &amp; Co — https://www.example.com</title>',
      '<!-- navigation: https://www.example.com/nav -->',
      '<p>Notre site : https://www.example.com/ — prose',
      'other: "https://www.w3.org/TR/xhtml1/"',
      'href="mailto:contact@example.com"',
    ]) expect(out).toContain(kept);
    expect(out.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
  });

  it('SVG drawing: xlink:href, href, url() in paint and CSS, the CDATA script, XHTML in foreignObject, RDF data', () => {
    const input = load('drawing.svg');
    const out = rewrite(input);
    expect(out.replaceAll(P, '')).toBe(input.toString('utf8'));
    expect(count(out, P)).toBe(12);
    for (const s of [
      `<linearGradient id="grad" xlink:href="https://assets.example.com${P}/grads.svg#base" />`,
      `<image href="https://tiles.example.com${P}/0/0/0.png"`,
      `src: url("https://fonts.example.com${P}/opensans.woff2")`,
      `cursor: url(https://static.example.com${P}/cursor.cur)`,
      `<dc:source>https://maps.example.com${P}/source/42</dc:source>`,
      `<a xlink:href="https://maps.example.com${P}/place/1"`,
      `fill="url(https://assets.example.com${P}/grads.svg#hot)"`,
      `<a href="https://maps.example.com${P}/help">`,
      `var tiles = "https://tiles.example.com${P}/{z}/{x}/{y}.png";`,
      `fetch('https://api.example.com${P}/places/' + p)`,
    ]) expect(out).toContain(s);
    expect(out).toContain('<text class="label" x="20" y="40">Visit https://maps.example.com</text>');
    expect(out).toContain('<dc:title>Map of https://maps.example.com</dc:title>');
  });

  it('Atom feed: link href, xml:base, id/uri/icon text, HTML content in CDATA and escaped, XHTML content', () => {
    const input = load('feed.atom');
    const out = rewrite(input);
    expect(out.replaceAll(P, '')).toBe(input.toString('utf8'));
    expect(count(out, P)).toBe(15);
    for (const s of [
      `xml:base="https://blog.example.com${P}/wp-atom.php"`,
      `<link rel="alternate" type="text/html" href="https://blog.example.com${P}" />`,
      `<id>https://blog.example.com${P}/feed/atom/</id>`,
      `<icon>https://static.example.com${P}/icon-32.png</icon>`,
      `<uri>https://blog.example.com${P}/author/ann/</uri>`,
      `<id>https://blog.example.com${P}/?p=42</id>`,
      `<a href="https://blog.example.com${P}/about/">about us</a>`,
      `<img src="https://static.example.com${P}/uploads/a.jpg" alt="" />`,
      `href="https://media.example.com${P}/ep1.mp3"`,
      `An <a href="https://blog.example.com${P}/x">XHTML</a> title`,
      `&lt;a href=&quot;https://blog.example.com${P}/2024/05/second/&quot;&gt;`,
    ]) expect(out).toContain(s);
    for (const kept of [
      '<subtitle type="text">Notes from https://blog.example.com</subtitle>',
      '<summary type="html"><![CDATA[A first post at https://blog.example.com.]]></summary>',
      '<id>tag:blog.example.com,2024:post-43</id>',
      '<generator uri="https://wordpress.org/" version="6.5">',
      '<a href="https://www.other.org/">other.org</a>',
    ]) expect(out).toContain(kept);
  });

  it('RSS feed: the XSL stylesheet PI, atom:link, link/guid/comments text, enclosure and media url, HTML in CDATA', () => {
    const input = load('feed.rss');
    const out = rewrite(input);
    expect(out.replaceAll(P, '')).toBe(input.toString('utf8'));
    expect(count(out, P)).toBe(14);
    for (const s of [
      `<?xml-stylesheet type="text/xsl" href="https://blog.example.com${P}/feed.xsl"?>`,
      `<atom:link href="https://blog.example.com${P}/feed/"`,
      `<link>https://blog.example.com${P}</link>`,
      `<url>https://static.example.com${P}/icon-32.png</url>`,
      `<link>https://blog.example.com${P}/2024/05/hello/?utm_source=rss&amp;utm_medium=rss</link>`,
      `<guid isPermaLink="false">https://blog.example.com${P}/?p=42</guid>`,
      `<a href="https://blog.example.com${P}/2024/05/hello/">Read more</a>`,
      `<script>var x = "https://api.example.com${P}/";</script>`,
      `<enclosure url="https://media.example.com${P}/ep1.mp3"`,
      `<media:content url="https://media.example.com${P}/ep1.jpg"`,
    ]) expect(out).toContain(s);
    expect(out).toContain('<description>Notes from https://blog.example.com</description>');
  });

  it('gives the same bytes for any chunking of each document, through every entry point', async () => {
    const rw = createRewriter({ suffix: 'proxy.test', domains: ['example.com', '*.example.com'] });
    for (const name of ['page.xhtml', 'drawing.svg', 'feed.atom', 'feed.rss']) {
      const input = load(name);
      const whole = Buffer.from(rewrite(input), 'utf8');
      const ctx = testContext();
      fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 20 }), (sizes) => {
        expect(runChunked(ctx, input, sizes, { document: 'xml' }).equals(whole)).toBe(true);
      }), { numRuns: 150 });
      const cuts = [7, 100, 101, 640, 1500, 2200];
      expect((await runChunks(rw.html({ document: 'xml' }), splitAt(input, cuts))).equals(whole)).toBe(true);
      const web = new Response(new Blob([input]).stream().pipeThrough(rw.webStream('html', { document: 'xml' })));
      expect(Buffer.from(await web.arrayBuffer()).equals(whole)).toBe(true);
      expect(rw.rewriteHtml(input.toString('utf8'), { document: 'xml' })).toBe(whole.toString('utf8'));
    }
  });

  it('passes every document byte-identical when no host is protected', () => {
    const ctx = testContext({ domains: ['nothing-here.test'] });
    for (const name of ['page.xhtml', 'drawing.svg', 'feed.atom', 'feed.rss']) {
      const input = load(name);
      expect(runChunked(ctx, input, [5, 17], { document: 'xml' }).equals(input)).toBe(true);
    }
  });
});
