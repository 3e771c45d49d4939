import { describe, expect, it } from 'vitest';
import { EscapeFinder } from '../../../src/har/audit/index.js';
import { brief, escapesOf, harEntry, PROTECTED } from './entries.js';

const css = (text: string) => escapesOf({ contentType: 'text/css', text });
const js = (text: string) => escapesOf({ contentType: 'application/javascript', text });
const json = (text: string) => escapesOf({ contentType: 'application/json', text });
const xml = (text: string, contentType = 'application/rss+xml') => escapesOf({ contentType, text });

// CSS Syntax 3 and CSS Values 4: url() (quoted or not), @import strings, image-set(); escapes decoded.
describe('CSS', () => {
  it('finds url(), @import and image-set() URLs, each in its place', () => {
    const text = `@import "https://css.example.com/base.css";\n@import url(//css.example.com/print.css) print;
.a { background: url(https://img.example.com/a.png) }\n.b { background-image: image-set("https://img.example.com/1x.png" 1x, url(https://img.example.com/2x.png) 2x) }`;
    const found = css(text);
    expect(brief(found)).toEqual([
      'css-url stylesheet css.example.com', 'css-url stylesheet css.example.com',
      'css-url stylesheet img.example.com', 'css-url stylesheet img.example.com', 'css-url stylesheet img.example.com',
    ]);
    expect(found.map((e) => e.line)).toEqual([1, 2, 3, 4, 4]);
  });

  it('decodes CSS escapes before the URL parser reads the value', () => {
    expect(brief(css('.a { background: url(https://app\\2e example.com/a.png) }'))).toEqual(['css-url stylesheet app.example.com']);
    expect(brief(css('.a { background: url("https://app.exam\\70 le.com/a.png") }'))).toEqual(['css-url stylesheet app.example.com']);
  });

  it('leaves comments, content strings, relative URLs and the proxied twin', () => {
    expect(css(`/* url(https://app.example.com/x.png) */ .a::after { content: "https://app.example.com/" }
      .b { background: url(/x.png) } .c { background: url(https://img.example.com.proxy.test/c.png) }`)).toEqual([]);
  });

  it('reads CSS postcss refuses (an unclosed block) with the URL tokenizer', () => {
    const finder = new EscapeFinder(PROTECTED);
    const audit = finder.entry(harEntry({ contentType: 'text/css', text: '.a { background: url(https://img.example.com/a.png)' }), 0);
    expect(brief(audit.escapes)).toEqual(['css-url stylesheet img.example.com']);
    expect(audit.notes.join()).toContain('postcss');
  });
});

// ECMAScript string values (escapes decoded by acorn); DESIGN.md rule 3: never code, comments,
// regular expressions, e-mail addresses or prose.
describe('JavaScript', () => {
  it('finds URLs in strings and templates, escaped slashes decoded', () => {
    expect(brief(js(`const a = "https://api.example.com/v1";
      const b = 'https:\\/\\/cdn.example.com\\/x.js';
      const c = "https:\\u002F\\u002Fws.example.com/s";
      const d = \`https://app.example.com/\${path}\`;`))).toEqual([
      'js-string script api.example.com', 'js-string script cdn.example.com', 'js-string script ws.example.com', 'js-string script app.example.com',
    ]);
  });

  it('judges a template whose substitution completes the host', () => {
    const [e, ...rest] = js('const u = `https://${tenant}.example.com/api`;');
    expect(rest).toEqual([]);
    expect(e).toMatchObject({ kind: 'js-string', host: '${…}.example.com' });
  });

  it('leaves code, comments, regular expressions, e-mail and prose', () => {
    expect(js(`// https://app.example.com/ in a comment
      /* and https://app.example.com/ here */ var host = window.app.example.com;
      var re = /https:\\/\\/app\\.example\\.com\\//; var mail = "me@app.example.com";
      var prose = "Visit app.example.com"; var twin = "https://app.example.com.proxy.test/";`)).toEqual([]);
  });

  it('reads a script acorn does not parse with its tokenizer and a text scan, and notes it', () => {
    const finder = new EscapeFinder(PROTECTED);
    const text = 'var a = "https://api.example.com/a";\nconst el = <div href="x">{b}</div>;\nvar c = "https:\\/\\/cdn.example.com/c";';
    const audit = finder.entry(harEntry({ contentType: 'text/javascript', text }), 0);
    expect(brief(audit.escapes)).toEqual(['js-string script api.example.com', 'js-string script cdn.example.com']);
    expect(audit.notes.join()).toContain('acorn');
  });

  it('reads module code (import, export, top-level await)', () => {
    expect(brief(js('import x from "https://cdn.example.com/m.js"; export const y = await fetch("//api.example.com/y");'))).toEqual([
      'js-string script cdn.example.com', 'js-string script api.example.com',
    ]);
  });
});

// RFC 8259 strings, keys and values.
describe('JSON', () => {
  it('finds URLs in values and keys, escaped slashes decoded; a whole-string host is no URL', () => {
    const found = json('{"next": "https:\\/\\/app.example.com\\/x", "host": "example.com",\n "https://www.example.com/": 1}');
    expect(brief(found)).toEqual(['json-string json app.example.com', 'json-string json www.example.com']);
    expect(found.map((e) => e.line)).toEqual([1, 2]);
  });

  it('reads JSONP and JSON cut short', () => {
    expect(brief(json('cb({"u": "https://api.example.com/1"});'))).toEqual(['json-string json api.example.com']);
    expect(brief(json('{"a": "https://api.example.com/1", "b": "https://cdn.exam'))).toEqual(['json-string json api.example.com']);
  });
});

// XML 1.0 with namespaces; SVG 2 and XLink; RSS 2.0 and Atom links; the xml-stylesheet PI.
describe('XML', () => {
  it('reads SVG documents: xlink:href under any prefix, href, <style> and <script>', () => {
    expect(brief(xml(`<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:l="http://www.w3.org/1999/xlink">
  <a l:href="https://app.example.com/"><text>https://www.example.com/ is text</text></a>
  <image href="https://img.example.com/i.png"/>
  <style><![CDATA[ .a { fill: url(https://img.example.com/p.svg#p) } ]]></style>
  <script>var u = "https://api.example.com/v";</script>
</svg>`, 'image/svg+xml'))).toEqual([
      'html-attr a[xlink:href] app.example.com', 'html-attr image[href] img.example.com',
      'css-url style img.example.com', 'js-string script api.example.com',
    ]);
  });

  it('reads feeds: a link as text, markup in descriptions, the stylesheet PI', () => {
    expect(brief(xml(`<?xml version="1.0"?><?xml-stylesheet type="text/xsl" href="https://www.example.com/rss.xsl"?>
<rss version="2.0"><channel><title>News from https://www.example.com/</title>
<item><link>https://www.example.com/post/1</link>
<description>&lt;p&gt;Read &lt;a href="https://app.example.com/x"&gt;this&lt;/a&gt;&lt;/p&gt;</description></item></channel></rss>`))).toEqual([
      'html-attr xml-stylesheet[href] www.example.com', 'xml-text link www.example.com', 'html-attr description a[href] app.example.com',
    ]);
  });

  it('leaves XHTML text alone', () => {
    expect(xml('<html xmlns="http://www.w3.org/1999/xhtml"><body><p>https://app.example.com/</p></body></html>', 'application/xhtml+xml')).toEqual([]);
  });
});
