import fc from 'fast-check';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { describe, expect, it } from 'vitest';
import { decodeForeignText, foreignTextContent } from '../../src/html/foreign-text.js';
import { rewriteHtml } from '../../src/html/index.js';
import { rewriteCss } from '../../src/css/index.js';
import { rewriteJs } from '../../src/js/index.js';
import { runChunked, testContext } from './helpers.js';

const P = '.proxy.test';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

function rw(html: string): string {
  return rewriteHtml(testContext(), html);
}

/** The child text content of every `<script>` and `<style>` of a page, as the browser's parser builds them. */
function codeOf(html: string): string[] {
  const out: string[] = [];
  const stack: Node[] = [parse(html) as unknown as Node];
  while (stack.length > 0) {
    const n = stack.pop() as Element;
    const kids = ((n as unknown as { childNodes?: Node[] }).childNodes ?? []) as Node[];
    if (n.tagName === 'script' || n.tagName === 'style') {
      out.push(kids.filter((k) => k.nodeName === '#text').map((k) => (k as DefaultTreeAdapterMap['textNode']).value).join(''));
    }
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i] as Node);
  }
  return out;
}

describe('SVG <script> and <style> in an HTML page: what the browser runs is rewritten', () => {
  it('decodes character references before the JS rules (the tokenizer stays in the data state in foreign content)', () => {
    expect(rw('<svg><script>location = &quot;https://example.com/&quot;</script></svg>'))
      .toBe(`<svg><script>location = &quot;https://example.com${P}/&quot;</script></svg>`);
    expect(rw('<svg><script>fetch(&#39;https://api.example.com/v1&#39;)</script></svg>'))
      .toBe(`<svg><script>fetch(&#39;https://api.example.com${P}/v1&#39;)</script></svg>`);
    expect(rw('<svg><script>u = &#x22;//cdn.example.com/a.js&#x22;</script></svg>'))
      .toBe(`<svg><script>u = &#x22;//cdn.example.com${P}/a.js&#x22;</script></svg>`);
  });

  it('finds a host the source spells with references, comments or CDATA sections between its characters', () => {
    for (const body of [
      'location = "https://example&#46;com/x"',
      'location = "https://exa&#x6d;ple.com/x"',
      'location = "https://exa<!-- a comment -->mple.com/x"',
      'location = "https://app.<![CDATA[example]]>.com/x"',
      'location = &quot;https://app.example.com&sol;x&quot;',
    ]) {
      const input = `<svg><script>${body}</script></svg>`;
      const [code] = codeOf(input);
      const [next] = codeOf(rw(input));
      expect(next, body).toBe(rewriteJs(testContext(), code as string));
      expect(next).toContain(`.com${P}/x`);
    }
  });

  it('rewrites inside CDATA sections raw, and keeps CDATA, comments and references where they were', () => {
    expect(rw('<svg><script><![CDATA[fetch("https://api.example.com/x") && a < b]]></script></svg>'))
      .toBe(`<svg><script><![CDATA[fetch("https://api.example.com${P}/x") && a < b]]></script></svg>`);
    expect(rw('<svg><script>/* &amp; */ <!-- c --> a = "https://example.com/"; b = x &lt; y</script></svg>'))
      .toBe(`<svg><script>/* &amp; */ <!-- c --> a = "https://example.com${P}/"; b = x &lt; y</script></svg>`);
  });

  it('SVG <style>: url() and @import by the CSS rules on the decoded text', () => {
    expect(rw('<svg><style>.a{background:url(&quot;https://cdn.example.com/a.png&quot;)}</style></svg>'))
      .toBe(`<svg><style>.a{background:url(&quot;https://cdn.example.com${P}/a.png&quot;)}</style></svg>`);
    expect(rw("<svg><style>@import &#x27;https://cdn.example.com/s.css&#x27;;</style></svg>"))
      .toBe(`<svg><style>@import &#x27;https://cdn.example.com${P}/s.css&#x27;;</style></svg>`);
    const input = '<svg><style>.b{fill:url(https://cdn.ex&#97;mple.com/p.svg#g)}</style></svg>';
    const [css] = codeOf(input);
    expect(codeOf(rw(input))[0]).toBe(rewriteCss(testContext(), css as string));
  });

  it('leaves raw-text scripts alone: an HTML <script>, also inside <foreignObject>, holds no references', () => {
    // `&quot;` in a raw-text script is JS source text: four characters, no quote.
    const html = '<script>var s = "&quot;"; location = "https://example.com/"</script>';
    expect(rw(html)).toBe(`<script>var s = "&quot;"; location = "https://example.com${P}/"</script>`);
    const inner = '<svg><foreignObject><script>var t = "&amp;"; u = "https://example.com/"</script></foreignObject></svg>';
    expect(rw(inner)).toBe(`<svg><foreignObject><script>var t = "&amp;"; u = "https://example.com${P}/"</script></foreignObject></svg>`);
  });

  it('MathML and SVG bodies without a protected host come out as they went in', () => {
    for (const html of [
      '<svg><script>a = &quot;https://other.org/&quot; &amp;&amp; b &lt; c</script></svg>',
      '<svg><style>.a{fill:red}<!-- x --></style></svg>',
      '<math><style>&amp;</style></math>',
    ]) expect(rw(html)).toBe(html);
  });

  it('decodes the body in the page charset and writes it back in it; agrees with the helper on UTF-8 bytes', () => {
    const html = '<meta charset=utf-8><svg><script>a = &quot;https://bücher.example.com/ä&quot;; b = "é"</script></svg>';
    const out = runChunked(testContext(), Buffer.from(html), [3]);
    expect(out.equals(Buffer.from(rw(html)))).toBe(true);
    expect(codeOf(out.toString('utf8'))[0]).toBe(rewriteJs(testContext(), codeOf(html)[0] as string));
    // windows-1252: the body is decoded with the page charset, and comes back in it.
    const latin = Buffer.from('<svg><script>a = &quot;https://cafe.example.com/caf\xe9&quot; + "\x80"</script></svg>', 'latin1');
    const back = runChunked(testContext(), latin, [4], { charset: 'windows-1252' });
    expect(back.toString('latin1')).toBe(`<svg><script>a = &quot;https://cafe.example.com${P}/caf\xe9&quot; + "\x80"</script></svg>`);
  });
});

describe('the foreign-content text decoder', () => {
  const piece = fc.constantFrom(
    '&quot;', '&amp', '&ampx', '&notin', '&notit;', '&copy=', '&#x41;', '&#65', '&#0;', '&#x80;', '&#xD800;', '&lt;', '&', '&;', '&#;',
    '&fjlig;', '&NotNestedGreaterGreater;', '<!--c-->', '<!-->', '<!--->', '<!---->', '<!-- a -- b --!>', '<![CDATA[x&amp;y\r\n]]>',
    '<!doctype x>', '<?pi?>', '</>', '</ x>', '<', '< a', '<3', '\r', '\r\n', '\n', '\0', 'a', ' ', 'https://example.com/', '"', '-->', '>', 'é', '😀',
  );

  it('reads every body as parse5 builds the SVG element\'s child text (NULs one U+FFFD each, as the spec says)', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), fc.constantFrom<'script' | 'style'>('script', 'style'), (parts, tag) => {
        const raw = parts.join('');
        // Only bodies that end where the page's body would: nothing left open.
        fc.pre(foreignTextContent(tag, raw + 'Z').endsWith('Z'));
        expect(decodeForeignText(raw).text).toBe(foreignTextContent(tag, raw));
      }),
      { numRuns: 2000 },
    );
  });

  it('rewrites what runs: the output\'s script text is the JS rules applied to the input\'s', () => {
    const url = fc.constantFrom('https://example.com/', '//app.example.com/x', 'https://other.org/', 'https://exa&#109;ple.com/');
    const part = fc.oneof(piece.filter((p) => !p.includes('CDATA')), url.map((u) => `"${u}"`), url.map((u) => `&quot;${u}&quot;`), url.map((u) => `<![CDATA["${u}"]]>`));
    fc.assert(
      fc.property(fc.array(part, { maxLength: 10 }), (parts) => {
        const body = parts.join('').replaceAll('\0', '');
        fc.pre(foreignTextContent('script', body + 'Z').endsWith('Z'));
        const input = `<svg><script>${body}</script></svg>`;
        const out = rw(input);
        expect(codeOf(out)[0]).toBe(rewriteJs(testContext(), codeOf(input)[0] as string));
      }),
      { numRuns: 500 },
    );
  });
});
