import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRewriter } from '../../src/rewriter.js';
import { runChunks, splitAt } from '../helpers/streams.js';

// A <style> longer than the buffer cap still gets the CSS rules as it streams: its escapes
// are decoded (CSS Syntax 3) before the URL rule decides, as in a stylesheet.
const rw = createRewriter({ suffix: 'proxy.test', domains: ['acme-docs.com'], maxBufferBytes: 1024 });
const pad = `a{color:red}`.repeat(200); // 2,400 characters: past the cap
const style = (body: string) => `<style>${pad}${body}${pad}</style>`;

describe('an inline <style> past the cap', () => {
  it.each([
    ['b{background:url("https://acme-docs\\2e com/x")}', 'b{background:url("https://acme-docs\\2e com.proxy.test/x")}'],
    ['b{background:url(https://\\61 cme-docs.com/y)}', 'b{background:url(https://\\61 cme-docs.com.proxy.test/y)}'],
    ['@import "https://acme-docs.com/z.css";', '@import "https://acme-docs.com.proxy.test/z.css";'],
  ])('%j', async (body, expected) => {
    const events: string[] = [];
    const r = createRewriter({ suffix: 'proxy.test', domains: ['acme-docs.com'], maxBufferBytes: 1024, onEvent: (e) => events.push(e.type) });
    expect(r.rewriteHtml(style(body))).toBe(style(expected));
    expect(events).toContain('html-inline-cap');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(style(body).length), { maxLength: 8 }), async (cuts) => {
        expect((await runChunks(rw.html(), splitAt(Buffer.from(style(body)), cuts))).toString()).toBe(style(expected));
      }),
      { numRuns: 30 },
    );
  });
});
