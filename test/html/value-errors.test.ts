import { describe, expect, it } from 'vitest';
import { rewriteHtml } from '../../src/html/index.js';
import { runChunked, testContext } from './helpers.js';

const P = '.proxy.test';

/** A context whose URL rule fails on values holding `boom` (an internal error, injected). */
function faultyContext() {
  const ctx = testContext();
  const url = ctx.hosts.url.bind(ctx.hosts);
  ctx.hosts.url = (value: string) => {
    if (value.includes('boom')) throw new Error('injected');
    return url(value);
  };
  return ctx;
}

describe('an internal error in one attribute value costs that value only', () => {
  const page = '<a href="https://app.example.com/boom">a</a><a href="https://app.example.com/ok">b</a><img src="//cdn.example.com/i.png">';
  const want = `<a href="https://app.example.com${P}/boom">a</a><a href="https://app.example.com${P}/ok">b</a><img src="//cdn.example.com${P}/i.png">`;

  it('the failing value goes through the lexical rules, every later value through its own rules, and it is reported', () => {
    const ctx = faultyContext();
    expect(rewriteHtml(ctx, page)).toBe(want);
    expect(ctx.events.map((e) => e.type)).toEqual(['html-inline-fallback']);
    expect(ctx.events.some((e) => e.type === 'html-error')).toBe(false);
  });

  it('the same on the byte stream, UTF-8 and windows-1252, in any chunking', () => {
    for (const charset of ['utf-8', 'windows-1252']) {
      for (const size of [1, 7, page.length]) {
        const ctx = faultyContext();
        expect(runChunked(ctx, Buffer.from(page), [size], { charset }).toString('latin1')).toBe(want);
        expect(ctx.events.some((e) => e.type === 'html-error')).toBe(false);
      }
    }
  });
});
