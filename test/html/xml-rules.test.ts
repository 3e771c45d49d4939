import { describe, expect, it } from 'vitest';
import { rewriteHtml, rewriteXml } from '../../src/html/index.js';
import { testContext } from './helpers.js';

const P = '.proxy.test';
const XHTML = 'xmlns="http://www.w3.org/1999/xhtml"';
const SVG = 'xmlns="http://www.w3.org/2000/svg"';
const XLINK = 'xmlns:xlink="http://www.w3.org/1999/xlink"';

function rw(xml: string): string {
  return rewriteXml(testContext(), xml);
}

/** An XHTML document around `body`. */
function xhtml(body: string): string {
  return `<html ${XHTML}><body>${body}</body></html>`;
}

describe('XML mode: URL attributes', () => {
  it('rewrites the HTML URL attributes and keeps quoting and spacing as written', () => {
    expect(rw(xhtml(`<a href='https://app.example.com/x' >l</a><img src = "//cdn.example.com/i.png"/>`)))
      .toBe(xhtml(`<a href='https://app.example.com${P}/x' >l</a><img src = "//cdn.example.com${P}/i.png"/>`));
    expect(rw(xhtml('<form action="https://example.com/post"><button formaction="https://example.com/b"/></form>')))
      .toBe(xhtml(`<form action="https://example.com${P}/post"><button formaction="https://example.com${P}/b"/></form>`));
    expect(rw(xhtml('<img srcset="https://a.example.com/1.png 1x, /2.png 2x"/>')))
      .toBe(xhtml(`<img srcset="https://a.example.com${P}/1.png 1x, /2.png 2x"/>`));
  });

  it('rewrites xlink:href under any prefix bound to XLink, and SVG 2 href', () => {
    const doc = `<svg ${SVG} ${XLINK} xmlns:l="http://www.w3.org/1999/xlink"><a xlink:href="https://app.example.com/">` +
      '<image href="https://img.example.com/i.png"/><use l:href="https://example.com/s.svg#i"/></a></svg>';
    expect(rw(doc)).toBe(`<svg ${SVG} ${XLINK} xmlns:l="http://www.w3.org/1999/xlink"><a xlink:href="https://app.example.com${P}/">` +
      `<image href="https://img.example.com${P}/i.png"/><use l:href="https://example.com${P}/s.svg#i"/></a></svg>`);
  });

  it('never rewrites namespace declarations, which are names and not fetched', () => {
    const ctx = testContext({ domains: ['w3.org', '*.w3.org'] });
    const doc = `<svg ${SVG} ${XLINK}><a xlink:href="https://www.w3.org/x"/></svg>`;
    expect(rewriteXml(ctx, doc)).toBe(`<svg ${SVG} ${XLINK}><a xlink:href="https://www.w3.org${P}/x"/></svg>`);
  });

  it('decodes references (XML 4.6 predefined, numeric) to decide, keeps them as written', () => {
    expect(rw(xhtml('<a href="https&#x3A;&#47;/app.example.com/?a=1&amp;b=2">x</a>')))
      .toBe(xhtml(`<a href="https&#x3A;&#47;/app.example.com${P}/?a=1&amp;b=2">x</a>`));
    expect(rw(xhtml('<a href="https://app&#46;example&#x2e;com/">x</a>'))).toBe(xhtml(`<a href="https://app&#46;example&#x2e;com${P}/">x</a>`));
  });

  it('normalises attribute whitespace as XML does (3.3.3): a newline in a URL is a space', () => {
    // `https://app.example.com/a b` after normalisation: the URL rules still see the host.
    expect(rw(xhtml('<a href="https://app.example.com/a\nb">x</a>'))).toBe(xhtml(`<a href="https://app.example.com${P}/a\nb">x</a>`));
  });

  it('runs on* handlers, style attributes and javascript: URLs through the code rules', () => {
    expect(rw(xhtml(`<a onclick="go('https://app.example.com/')" style="background:url(https://img.example.com/b.png)">x</a>`)))
      .toBe(xhtml(`<a onclick="go('https://app.example.com${P}/')" style="background:url(https://img.example.com${P}/b.png)">x</a>`));
    expect(rw(`<svg ${SVG} ${XLINK}><a xlink:href="javascript:location='https://app.example.com/'"/></svg>`))
      .toBe(`<svg ${SVG} ${XLINK}><a xlink:href="javascript:location='https://app.example.com${P}/'"/></svg>`);
  });

  it('writes new text escaped for XML: & and < as references, the value quote as &quot; / &apos;', () => {
    // The flat scheme replaces the host; the JS literal holds a quote written as &quot;.
    const ctx = testContext({ scheme: 'flat' });
    expect(rewriteXml(ctx, xhtml('<a onclick="u=&quot;https://app.example.com/&quot;">x</a>')))
      .toBe(xhtml('<a onclick="u=&quot;https://app-example-com.proxy.test/&quot;">x</a>'));
  });

  it('removes integrity from an XHTML script or stylesheet whose bytes the proxy rewrites', () => {
    expect(rw(xhtml('<script src="https://cdn.example.com/a.js" integrity="sha384-x"/>')))
      .toBe(xhtml(`<script src="https://cdn.example.com${P}/a.js"/>`));
    const other = xhtml('<link rel="stylesheet" href="https://other.org/a.css" integrity="sha384-x"/>');
    expect(rw(other)).toBe(other);
  });

  it('rewrites meta refresh and srcdoc (an HTML document whatever the page is)', () => {
    expect(rw(xhtml('<meta http-equiv="refresh" content="0; url=https://app.example.com/"/>')))
      .toBe(xhtml(`<meta http-equiv="refresh" content="0; url=https://app.example.com${P}/"/>`));
    expect(rw(xhtml('<iframe srcdoc="&lt;a href=&quot;https://app.example.com/&quot;&gt;x&lt;/a&gt;"/>')))
      .toBe(xhtml(`<iframe srcdoc="&lt;a href=&quot;https://app.example.com${P}/&quot;&gt;x&lt;/a&gt;"/>`));
  });

  it('leaves relative URLs, other hosts and look-alikes alone, byte for byte', () => {
    const same = xhtml('<a href="/x">a</a><a href="https://example.com.evil.org/">b</a><a href="mailto:a@example.com">c</a>');
    expect(rw(same)).toBe(same);
  });
});

describe('XML mode: malformed attributes', () => {
  it('rewrites URLs in markup swallowed by a quote left open (a raw < is never in a well-formed value)', () => {
    expect(rw(xhtml('<a title="x><img src="https://img.example.com/i.png"/>')))
      .toBe(xhtml(`<a title="x><img src="https://img.example.com${P}/i.png"/>`));
    // Well-formed: &lt; in a title is prose, left alone.
    const prose = xhtml('<a title="a &lt; b https://app.example.com/">x</a>');
    expect(rw(prose)).toBe(prose);
  });

  it('quotes an unquoted value it changes', () => {
    expect(rw(xhtml('<a href=https://app.example.com/>x</a>'))).toBe(xhtml(`<a href="https://app.example.com${P}"/>x</a>`));
  });
});

describe('XML mode: every element is parsed the XML way', () => {
  it('closes a self-closing <script/>: what follows is markup, not script data', () => {
    // Read as script data (the HTML parser's view) the stylesheet would be JS, where `//img…` is a comment.
    const doc = xhtml('<script src="https://cdn.example.com/a.js"/><style>b{background:url(https://img.example.com/b.png)}</style><a href="https://app.example.com/">x</a>');
    expect(rw(doc)).toBe(xhtml(`<script src="https://cdn.example.com${P}/a.js"/><style>b{background:url(https://img.example.com${P}/b.png)}</style><a href="https://app.example.com${P}/">x</a>`));
  });

  it('reads the script as its decoded child text: references decoded, written back escaped', () => {
    // The XML parser decodes &quot; &#x2F; &amp;: the code the browser runs is fetch("https://api.example.com/q?a&b").
    const doc = xhtml('<script>fetch(&quot;https:&#x2F;&#x2F;api.example.com/q?a&amp;b&quot;)</script>');
    expect(rw(doc)).toBe(xhtml(`<script>fetch(&quot;https:&#x2F;&#x2F;api.example.com${P}/q?a&amp;b&quot;)</script>`));
  });

  it('rewrites inside CDATA sections raw, and across several sections and text', () => {
    const doc = xhtml('<script type="text/javascript">//<![CDATA[\nvar a = "https://a.example.com/", b = 1 < 2 && 3;\n//]]>\nvar c = "https://c.example.com/?x&amp;y";</script>');
    expect(rw(doc)).toBe(xhtml(`<script type="text/javascript">//<![CDATA[\nvar a = "https://a.example.com${P}/", b = 1 < 2 && 3;\n//]]>\nvar c = "https://c.example.com${P}/?x&amp;y";</script>`));
  });

  it('never writes ]]> inside a CDATA section', () => {
    // The port change crosses the section's end: the script is written anew as one section,
    // where the decoded `]]>` of the text part is split across two sections.
    const ctx = testContext({ publicScheme: 'https', publicPort: 443 });
    const doc = xhtml('<script><![CDATA[var a = "https://app.example.com:84]]>43/"; var b = "]]&gt;";</script>');
    expect(rewriteXml(ctx, doc)).toBe(xhtml(`<script><![CDATA[var a = "https://app.example.com${P}/"; var b = "]]]]><![CDATA[>";]]></script>`));
    const flat = testContext({ scheme: 'flat' });
    expect(rewriteXml(flat, xhtml('<script><![CDATA[var u = ["https://app.example.com/"]]]></script>')))
      .toBe(xhtml('<script><![CDATA[var u = ["https://app-example-com.proxy.test/"]]]></script>'));
  });

  it('finds a host the script text holds whole though a CDATA boundary or a comment splits its source', () => {
    expect(rw(xhtml('<script>var u = "https://app.exa<![CDATA[mple.com/"]]>;</script>')))
      .toBe(xhtml(`<script>var u = "https://app.exa<![CDATA[mple.com${P}/"]]>;</script>`));
    const flat = testContext({ scheme: 'flat' });
    expect(rewriteXml(flat, xhtml('<script>var u = "https://app.exa<!-- c -->mple.com/";</script>')))
      .toBe(xhtml('<script>var u = "https://app-exa<!-- c -->mple-com.proxy.test/";</script>'));
    expect(rw('<r><link>https://blog.exa<![CDATA[mple.com/]]></link></r>')).toBe(`<r><link>https://blog.exa<![CDATA[mple.com${P}/]]></link></r>`);
  });

  it('does not count a comment as script text (XHTML: <!-- --> hides a script)', () => {
    const doc = xhtml('<script><!-- var u = "https://app.example.com/"; --></script>');
    expect(rw(doc)).toBe(doc);
  });

  it('rewrites <style> of XHTML and SVG with the CSS rules on decoded text', () => {
    expect(rw(xhtml('<style>a &gt; b { background: url(&quot;https://img.example.com/b.png&quot;) }</style>')))
      .toBe(xhtml(`<style>a &gt; b { background: url(&quot;https://img.example.com${P}/b.png&quot;) }</style>`));
    expect(rw(`<svg ${SVG}><style><![CDATA[ .a { fill: url(https://img.example.com/p.svg#g) } ]]></style></svg>`))
      .toBe(`<svg ${SVG}><style><![CDATA[ .a { fill: url(https://img.example.com${P}/p.svg#g) } ]]></style></svg>`);
  });

  it('runs an SVG <script> (SVG namespace, by default or by prefix) with the JS rules', () => {
    expect(rw(`<svg ${SVG}><script type="application/ecmascript"><![CDATA[ fetch('https://api.example.com/'); ]]></script></svg>`))
      .toBe(`<svg ${SVG}><script type="application/ecmascript"><![CDATA[ fetch('https://api.example.com${P}/'); ]]></script></svg>`);
    expect(rw('<s:svg xmlns:s="http://www.w3.org/2000/svg"><s:script>fetch("https://api.example.com/")</s:script></s:svg>'))
      .toBe(`<s:svg xmlns:s="http://www.w3.org/2000/svg"><s:script>fetch("https://api.example.com${P}/")</s:script></s:svg>`);
  });

  it('leaves a <script> in no namespace or of an unknown type alone (not a script there)', () => {
    const none = '<doc><script>var u = "https://app.example.com/"; var s = "see https://app.example.com/ now";</script></doc>';
    expect(rw(none)).toBe(none);
    const template = xhtml('<script type="text/template">"https://app.example.com/"</script>');
    expect(rw(template)).toBe(template);
  });

  it('keeps child elements of a script in place, the text around them one script', () => {
    const doc = xhtml('<script>var a = "https://a.example.com/";<b xmlns="">x</b>var c = "https://c.example.com/";</script>');
    expect(rw(doc)).toBe(xhtml(`<script>var a = "https://a.example.com${P}/";<b xmlns="">x</b>var c = "https://c.example.com${P}/";</script>`));
  });

  it('treats a JSON script (import map) by the JSON rules on the decoded text', () => {
    expect(rw(xhtml('<script type="importmap">{"imports":{"a":"https://cdn.example.com/a.js"}}</script>')))
      .toBe(xhtml(`<script type="importmap">{"imports":{"a":"https://cdn.example.com${P}/a.js"}}</script>`));
  });

  it('leaves prose in XHTML and SVG text alone, as the HTML mode does', () => {
    const doc = xhtml('<p>See https://app.example.com/ for details.</p><textarea>https://app.example.com/</textarea>');
    expect(rw(doc)).toBe(doc);
  });
});

describe('XML mode: processing instructions, declaration, doctype', () => {
  it('rewrites the href of <?xml-stylesheet?> (a stylesheet load) and keeps the rest', () => {
    const doc = '<?xml version="1.0"?>\n<?xml-stylesheet type="text/xsl" href="https://static.example.com/f.xsl?a=1&amp;b=2"?>\n<r/>';
    expect(rw(doc)).toBe(`<?xml version="1.0"?>\n<?xml-stylesheet type="text/xsl" href="https://static.example.com${P}/f.xsl?a=1&amp;b=2"?>\n<r/>`);
  });

  it('leaves other processing instructions alone, whatever they hold', () => {
    const doc = '<?php echo "https://app.example.com/"; ?><?xml-stylesheetx href="https://app.example.com/"?><r/>';
    expect(rw(doc)).toBe(doc);
  });

  it('keeps the XML declaration first and a doctype byte-identical', () => {
    const doc = '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.1//EN" "http://www.w3.org/TR/xhtml11/DTD/xhtml11.dtd">\n' +
      xhtml('<a href="https://app.example.com/">x</a>');
    const out = rw(doc);
    expect(out.startsWith('<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.1//EN" "http://www.w3.org/TR/xhtml11/DTD/xhtml11.dtd">\n')).toBe(true);
    expect(out).toContain(`https://app.example.com${P}/`);
  });

  it('rewrites protected URLs and host strings in literals of the internal subset (entities, attribute defaults)', () => {
    const doc = '<!DOCTYPE r [\n<!ENTITY home "https://app.example.com/">\n<!ENTITY h "app.example.com">\n<!-- a ] and a " in a comment -->\n' +
      '<!ATTLIST a href CDATA "https://app.example.com/d">\n]>\n<r><a href="&home;"/></r>';
    expect(rw(doc)).toBe('<!DOCTYPE r [\n<!ENTITY home "https://app.example.com.proxy.test/">\n<!ENTITY h "app.example.com.proxy.test">\n<!-- a ] and a " in a comment -->\n' +
      '<!ATTLIST a href CDATA "https://app.example.com.proxy.test/d">\n]>\n<r><a href="&home;"/></r>');
  });

  it('passes comments and CDATA outside scripts as they are', () => {
    const doc = xhtml('<!-- https://app.example.com/ --><p><![CDATA[ <a href="https://app.example.com/"> ]]></p>');
    expect(rw(doc)).toBe(doc);
  });
});

describe('XML mode: feeds and other vocabularies', () => {
  it('rewrites Atom <link href>, xml:base, and text that is one absolute URL (<id>, <uri>)', () => {
    const feed = '<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://blog.example.com/"><id>https://blog.example.com/feed</id>' +
      '<link rel="self" href="https://blog.example.com/feed.atom"/><author><name>A</name><uri> https://blog.example.com/a </uri></author></feed>';
    expect(rw(feed)).toBe(`<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://blog.example.com${P}/"><id>https://blog.example.com${P}/feed</id>` +
      `<link rel="self" href="https://blog.example.com${P}/feed.atom"/><author><name>A</name><uri> https://blog.example.com${P}/a </uri></author></feed>`);
  });

  it('rewrites RSS <link>, <guid>, enclosure url, and escaped HTML in <description> by the HTML rules', () => {
    const rss = '<rss version="2.0"><channel><link>https://blog.example.com/</link><item><title>See https://blog.example.com/</title>' +
      '<guid>https://blog.example.com/?p=1&amp;a=2</guid><enclosure url="https://media.example.com/a.mp3" type="audio/mpeg"/>' +
      '<description>&lt;p&gt;Read &lt;a href="https://blog.example.com/p"&gt;this&lt;/a&gt; at https://blog.example.com/p&lt;/p&gt;</description></item></channel></rss>';
    expect(rw(rss)).toBe(`<rss version="2.0"><channel><link>https://blog.example.com${P}/</link><item><title>See https://blog.example.com/</title>` +
      `<guid>https://blog.example.com${P}/?p=1&amp;a=2</guid><enclosure url="https://media.example.com${P}/a.mp3" type="audio/mpeg"/>` +
      `<description>&lt;p&gt;Read &lt;a href="https://blog.example.com${P}/p"&gt;this&lt;/a&gt; at https://blog.example.com/p&lt;/p&gt;</description></item></channel></rss>`);
  });

  it('rewrites HTML in a CDATA section (content:encoded) raw', () => {
    const rss = '<item xmlns:content="http://purl.org/rss/1.0/modules/content/"><content:encoded><![CDATA[<img src="https://img.example.com/a.png">]]></content:encoded></item>';
    expect(rw(rss)).toBe(`<item xmlns:content="http://purl.org/rss/1.0/modules/content/"><content:encoded><![CDATA[<img src="https://img.example.com${P}/a.png">]]></content:encoded></item>`);
  });

  it('rewrites a sitemap <loc> and leaves prose with a URL inside alone', () => {
    const map = '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://www.example.com/a?x=1&amp;y=2</loc></url><note>go to https://www.example.com/</note></urlset>';
    expect(rw(map)).toBe(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://www.example.com${P}/a?x=1&amp;y=2</loc></url><note>go to https://www.example.com/</note></urlset>`);
  });
});

describe('XML mode: no snippet, and the string API', () => {
  it('never injects the snippet', () => {
    const doc = xhtml('<p>x</p>').replace('<body>', '<head><title>t</title></head><body>');
    expect(rewriteHtml(testContext(), doc, { document: 'xml', snippet: '<script>s()</script>' })).toBe(doc);
  });

  it('rewriteHtml with document xml is rewriteXml', () => {
    const doc = xhtml('<script src="https://cdn.example.com/a.js"/>');
    expect(rewriteHtml(testContext(), doc, { document: 'xml' })).toBe(rw(doc));
  });
});
