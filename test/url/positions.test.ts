import { parse as parseHtml } from 'parse5';
import { describe, expect, it } from 'vitest';
import { ESCAPE_CLASSES } from './escape-classes.js';
import { pageBase, parse, rewriter, suffixTwin } from './helpers.js';

// Issue 8, class 1, "in every URL position": each spelling the URL parser resolves to a
// protected host, placed where a browser would load it, must come out so that the value
// the browser decodes there (HTML character references, CSS escapes, header syntax)
// parses to the twin host. The oracle is parse5 (what the HTML parser makes of the page)
// and Node's URL parser, never the rewriter's own code.

const rw = rewriter();
const inputs = Object.values(ESCAPE_CLASSES).flat();

/** HTML attribute text for `value`: `&` and `"` escaped, tab/LF/CR as character references. */
const attr = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
/** A CSS string body for `value`: `\`, `"` and line breaks escaped as CSS Syntax reads them back. */
const cssString = (value: string) => value.replace(/[\\"]/g, (c) => '\\' + c).replace(/\n/g, '\\a ').replace(/\r/g, '\\d ').replace(/\t/g, '\\9 ');

interface Node { nodeName: string; attrs?: { name: string; value: string }[]; childNodes?: Node[]; value?: string }
function* walk(n: Node): Generator<Node> {
  yield n;
  for (const c of n.childNodes ?? []) yield* walk(c);
  const content = (n as unknown as { content?: Node }).content;
  if (content) yield* walk(content);
}
function attrOf(html: string, element: string, name: string): string | undefined {
  for (const n of walk(parseHtml(html) as unknown as Node)) {
    if (n.nodeName === element) return n.attrs?.find((a) => a.name === name)?.value;
  }
  return undefined;
}
function textOf(html: string, element: string): string {
  for (const n of walk(parseHtml(html) as unknown as Node)) {
    if (n.nodeName === element) return (n.childNodes ?? []).map((c) => c.value ?? '').join('');
  }
  return '';
}
/** The first `url("…")` string of CSS text, its escapes decoded as CSS Syntax does. */
function cssUrl(css: string): string {
  const at = css.indexOf('url("');
  let out = '';
  for (let i = at + 5; i < css.length && css[i] !== '"'; i++) {
    if (css[i] !== '\\') { out += css[i]; continue; }
    const hex = /^[0-9a-fA-F]{1,6} ?/.exec(css.slice(i + 1));
    if (hex) { out += String.fromCodePoint(parseInt(hex[0], 16)); i += hex[0].length; } else { out += css[i + 1]; i++; }
  }
  return out;
}

const expectTwin = (value: string | undefined, input: string) => {
  const host = parse(value ?? '', pageBase())?.hostname;
  const expected = suffixTwin((parse(input) as URL).hostname);
  expect(host, `${JSON.stringify(input)} came out as ${JSON.stringify(value)}`).toBe(expected);
};

describe('every URL position proxies what the parser resolves', () => {
  it.each(inputs)('<a href>, <base href>, <link href>, <iframe src>: %j', (input) => {
    for (const [element, name] of [['a', 'href'], ['base', 'href'], ['link', 'href'], ['iframe', 'src']] as const) {
      const out = rw.rewriteHtml(`<!doctype html><${element} ${name}="${attr(input)}">`);
      expectTwin(attrOf(out, element, name), input);
    }
  });

  it.each(inputs.filter((i) => !/[\s,]/.test(i)))('srcset and meta refresh: %j', (input) => {
    const srcset = attrOf(rw.rewriteHtml(`<img srcset="${attr(input)} 2x">`), 'img', 'srcset') ?? '';
    expectTwin(srcset.replace(/ 2x$/, ''), input);
    const refresh = attrOf(rw.rewriteHtml(`<meta http-equiv="refresh" content="0; url=${attr(input)}">`), 'meta', 'content') ?? '';
    expectTwin(refresh.replace(/^0; url=/, ''), input);
  });

  it.each(inputs)('CSS url() in a stylesheet, a <style> and a style attribute: %j', (input) => {
    const decl = `background:url("${cssString(input)}")`;
    expectTwin(cssUrl(rw.rewriteCss(`a{${decl}}`)), input);
    expectTwin(cssUrl(textOf(rw.rewriteHtml(`<style>a{${decl}}</style>`), 'style')), input);
    expectTwin(cssUrl(attrOf(rw.rewriteHtml(`<p style="${attr(decl)}">`), 'p', 'style') ?? ''), input);
  });

  it.each(inputs)('@import: %j', (input) => {
    const out = rw.rewriteCss(`@import "${cssString(input)}";`);
    expectTwin(cssUrl(out.replace('@import "', 'url("')), input);
  });

  it.each(inputs.filter((i) => !/[\r\n]/.test(i)))('Location, Content-Location, Link and Refresh headers: %j', (input) => {
    const out = rw.responseHeaders({ location: input, 'content-location': input, link: `<${input}>; rel=preload`, refresh: `0; url=${input}` });
    expectTwin(out['location'] as string, input);
    expectTwin(out['content-location'] as string, input);
    expectTwin(/^<([^>]*)>/.exec(out['link'] as string)?.[1], input);
    expectTwin((out['refresh'] as string).replace(/^0; url=/, ''), input);
  });
});
