import fc from 'fast-check';
import { SAXParser } from 'parse5-sax-parser';
import { describe, expect, it } from 'vitest';
import { HtmlSpliceEngine, MAX_NESTED_DOCUMENTS } from '../../src/html/engine.js';
import { rewriteHtml } from '../../src/html/index.js';
import { TopFirstNamespaceStack, useConstantTimeNamespaceStack } from '../../src/html/namespace-stack.js';
import { createRewriter } from '../../src/index.js';
import { runChunked, testContext } from './helpers.js';

const P = '.proxy.test';
const HREF = '<a href="https://app.example.com/">';
const HREF_OUT = `<a href="https://app.example.com${P}/">`;

describe('nested documents (<noscript>, srcdoc)', () => {
  it('8,000 nested <noscript>: no stack overflow, every byte kept, the href after them rewritten', () => {
    const events: { type: string }[] = [];
    const rw = createRewriter({ suffix: 'proxy.test', domains: ['example.com', '*.example.com'], onEvent: (e) => events.push(e) });
    const input = '<noscript>'.repeat(8000) + '</noscript>' + HREF;
    const out = rw.rewriteHtml(input);
    expect(out.length).toBe(input.length + P.length);
    expect(out).toBe('<noscript>'.repeat(8000) + '</noscript>' + HREF_OUT);
    expect(events.map((e) => e.type)).toEqual(['html-nesting-limit']);
  });

  it('20,000 unclosed <noscript>: output equals input, as a string and as a chunked byte stream', () => {
    const ctx = testContext();
    const input = '<noscript>'.repeat(20_000);
    expect(rewriteHtml(ctx, input)).toBe(input);
    const bytes = Buffer.from(input);
    expect(runChunked(ctx, bytes, [1, 4093, 65_536, 7]).equals(bytes)).toBe(true);
    expect(ctx.events.some((e) => e.type === 'html-error')).toBe(false);
  });

  it('uses an engine down to the limit and the lexical fallback past it', () => {
    // A character-referenced `//` only an HTML parser sees: the lexical fallback leaves it.
    const a = '<a href="https:&#x2F;&#x2F;app.example.com/">';
    const ctx = testContext();
    const atLimit = '<noscript>'.repeat(MAX_NESTED_DOCUMENTS) + a;
    expect(rewriteHtml(ctx, atLimit)).toBe('<noscript>'.repeat(MAX_NESTED_DOCUMENTS) + `<a href="https:&#x2F;&#x2F;app.example.com${P}/">`);
    expect(ctx.events).toEqual([]);
    const past = '<noscript>'.repeat(MAX_NESTED_DOCUMENTS + 1) + a;
    expect(rewriteHtml(ctx, past)).toBe(past);
    expect(ctx.events.map((e) => e.type)).toEqual(['html-nesting-limit']);
    // Plain URLs are still rewritten past the limit, by the fallback.
    expect(rewriteHtml(ctx, '<noscript>'.repeat(50) + HREF)).toBe('<noscript>'.repeat(50) + HREF_OUT);
  });

  it('bounds srcdoc nesting the same way', () => {
    // Each level's srcdoc holds the next level's document, quoted by escaping `&` and `"`.
    let doc = '<a href="https:&#x2F;&#x2F;app.example.com/">';
    for (let i = 0; i < MAX_NESTED_DOCUMENTS + 1; i++) doc = `<iframe srcdoc="${doc.replaceAll('&', '&amp;').replaceAll('"', '&quot;')}"></iframe>`;
    const ctx = testContext();
    expect(rewriteHtml(ctx, doc)).toBe(doc);
    expect(ctx.events.map((e) => e.type)).toEqual(['html-nesting-limit']);
  });
});

describe('internal errors', () => {
  it('at the stack limit the rewrite either completes or passes every byte unchanged', () => {
    const ctx = testContext();
    // Past parse5's 64 KiB drop mark, so the <noscript> body sits in the engine's capture when it fails.
    const input = '<noscript>'.repeat(6) + '<p>' + 'x'.repeat(100_000) + HREF;
    const expected = input.replace(HREF, HREF_OUT);
    const seen = { complete: 0, unchanged: 0, other: 0 };
    // Recurse until the stack runs out, then rewrite in each frame on the way back: the
    // frames nearest the limit make the engine overflow at every point of its work.
    const nearLimit = (depth: number): boolean => {
      try {
        if (nearLimit(depth + 1)) return true;
      } catch {
        // the stack's limit, below this frame
      }
      try {
        const out = rewriteHtml(ctx, input);
        if (out === expected) seen.complete++;
        else if (out === input) seen.unchanged++;
        else seen.other++;
      } catch {
        // too near the limit to even start (building the engine): nothing was taken in
      }
      return seen.complete >= 20;
    };
    nearLimit(0);
    expect(seen.other).toBe(0);
    expect(seen.unchanged).toBeGreaterThan(0);
    expect(ctx.events.filter((e) => e.type === 'html-error').length).toBe(seen.unchanged);
  });
});

describe('nested foreign content (<svg>, <math>)', () => {
  it('the engine parses with the constant-time namespace stack', () => {
    const engine = new HtmlSpliceEngine(testContext());
    const sim = (engine as unknown as { parserFeedbackSimulator: { namespaceStack: unknown } }).parserFeedbackSimulator;
    expect(sim.namespaceStack).toBeInstanceOf(TopFirstNamespaceStack);
  });

  it('2 MB of nested <svg> and of nested <math> come out unchanged', () => {
    const ctx = testContext();
    const svg = '<svg>'.repeat(400_000);
    expect(rewriteHtml(ctx, svg)).toBe(svg);
    const math = '<math>'.repeat(350_000);
    expect(rewriteHtml(ctx, math)).toBe(math);
    const both = '<svg><math>'.repeat(100_000) + '</math></svg>'.repeat(100_000) + HREF;
    expect(rewriteHtml(ctx, both)).toBe(both.replace(HREF, HREF_OUT));
  });

  it('rewrites links inside and after foreign content as before', () => {
    const ctx = testContext();
    expect(rewriteHtml(ctx, `<svg><a xlink:href="https://app.example.com/"></a></svg>${HREF}`))
      .toBe(`<svg><a xlink:href="https://app.example.com${P}/"></a></svg>${HREF_OUT}`);
  });

  it('keeps where foreign content starts and ends', () => {
    const ctx = testContext();
    // In foreign content CDATA hides the <a>; in HTML it is a bogus comment ending at the first `>`.
    const probe = `<![CDATA[ > ${HREF} ]]>`;
    const hidden = (prefix: string) => expect(rewriteHtml(ctx, prefix + probe)).toBe(prefix + probe);
    const seen = (prefix: string) => expect(rewriteHtml(ctx, prefix + probe)).toBe(prefix + probe.replace(HREF, HREF_OUT));
    seen('');
    hidden('<svg>');
    seen('<svg></svg>');
    hidden('<svg>'.repeat(1000) + '</svg>'.repeat(999));
    seen('<svg>'.repeat(1000) + '</svg>'.repeat(1000));
    seen('<svg><foreignObject>');
    hidden('<svg><foreignObject></foreignObject>');
    seen('<math><mi>');
    hidden('<math><mi></mi>');
    hidden('<math><svg></svg>');
    seen('<math><svg></svg></math>');
    seen('<svg><p>');
    // parse5's simulator leaves one namespace per breakout tag (the tree builder would leave all).
    hidden('<svg><svg><p>');
  });

  it('drives parse5 exactly as its own namespace array does (random tag soup)', () => {
    const names = ['svg', 'math', 'foreignObject', 'desc', 'title', 'mi', 'mtext', 'annotation-xml', 'p', 'font', 'b', 'div', 'clipPath'];
    const tag = fc.tuple(fc.constantFrom(...names), fc.constantFrom('<', '</', '<x'), fc.boolean()).map(([n, kind, selfClosing]) => {
      if (kind === '</') return `</${n}>`;
      const attrs = kind === '<x' ? ' encoding="text/html" color="red" xlink:href="#a" definitionurl="u"' : '';
      return `<${n}${attrs}${selfClosing ? '/' : ''}>`;
    });
    fc.assert(fc.property(fc.array(tag, { maxLength: 60 }), (tags) => {
      const html = tags.join('');
      expect(trace(html, true)).toEqual(trace(html, false));
    }), { numRuns: 500 });
  });
});

/** Every tag as the simulator hands it on, with the namespace state after it. */
function trace(html: string, constantTime: boolean): string[] {
  const parser = new SAXParser({ sourceCodeLocationInfo: false });
  const internals = parser as unknown as { parserFeedbackSimulator: { inForeignContent: boolean }; tokenizer: { write(s: string, last: boolean): void; state: number } };
  const sim = internals.parserFeedbackSimulator;
  if (constantTime) expect(useConstantTimeNamespaceStack(sim)).toBe(true);
  const out: string[] = [];
  const record = (kind: string) => (t: { tagName: string; attrs?: { prefix?: string; name: string }[]; selfClosing?: boolean }) =>
    out.push(`${kind}${t.tagName}[${(t.attrs ?? []).map((a) => `${a.prefix ?? ''}:${a.name}`).join(',')}]${t.selfClosing ? '/' : ''} foreign=${sim.inForeignContent} state=${internals.tokenizer.state}`);
  parser.on('startTag', record('<'));
  parser.on('endTag', record('</'));
  internals.tokenizer.write(html, true);
  return out;
}
