import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rewriteCss } from '../../src/css/index.js';
import { exampleContext, splitAt, streamChunks } from './helpers.js';

// Tokens longer than the buffer cap are rewritten in windows whose cuts depend only on
// the token's text: the string API, one chunk and any chunking must agree, and (with no
// escapes) the result is what the whole token would get.

const CAP = 1024;

/** What each piece of a long body becomes, under the URL and the code-string rules alike. */
const PIECES: ReadonlyArray<readonly [string, string]> = [
  ['https://app.example.com/p', 'https://app.example.com.proxy.test/p'],
  ['//cdn.example.com/x.png', '//cdn.example.com.proxy.test/x.png'],
  ['http://example.com:8080/q?r=1', 'http://example.com.proxy.test:8080/q?r=1'],
  ['app.example.com', 'app.example.com'], // a bare host inside a longer text is no URL
  ['https://example.org/', 'https://example.org/'],
];

/** Filler lengths that put the next piece anywhere, often near a window edge (multiples of 1024). */
const filler = fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 960, max: 1060 }), fc.integer({ min: 0, max: 3000 }));
const body = fc.array(fc.tuple(filler, fc.integer({ min: 0, max: PIECES.length - 1 })), { minLength: 1, maxLength: 8 });

/** A body and its expected rewrite: pieces separated by spaces, filler of `x`. */
function build(parts: ReadonlyArray<readonly [number, number]>): [string, string] {
  let raw = '';
  let expected = '';
  for (const [len, k] of parts) {
    const pad = 'x'.repeat(len) + ' ';
    raw += pad + PIECES[k]![0] + ' ';
    expected += pad + PIECES[k]![1] + ' ';
  }
  return [raw, expected];
}

async function allAgree(css: string, cuts: number[]): Promise<string> {
  const { ctx } = exampleContext({ maxBufferBytes: CAP });
  const whole = rewriteCss(ctx, css);
  const bytes = Buffer.from(css);
  expect((await streamChunks(ctx, [bytes])).toString()).toBe(whole);
  expect((await streamChunks(ctx, splitAt(bytes, cuts))).toString()).toBe(whole);
  return whole;
}

const cutsFor = (css: string) => fc.array(fc.integer({ min: 0, max: css.length }), { maxLength: 25 });

describe('tokens longer than the buffer cap', () => {
  it('rewrites the review example (a 1100-character string) exactly', () => {
    const { ctx } = exampleContext({ maxBufferBytes: CAP });
    const a = 'a'.repeat(1100);
    expect(rewriteCss(ctx, `b{content:"${a} https://app.example.com/"}`)).toBe(`b{content:"${a} https://app.example.com.proxy.test/"}`);
  });

  it('rewrites hosts in every window of a long string and url(), and reports each token once', async () => {
    const { ctx, events } = exampleContext({ maxBufferBytes: CAP });
    const a = 'a'.repeat(1100);
    const raw = `${a} https://app.example.com/ ${a}${a} //cdn.example.com/z ${a} app.example.com ${a}`;
    const out = raw.replace('app.example.com/', 'app.example.com.proxy.test/').replace('cdn.example.com', 'cdn.example.com.proxy.test');
    const css = `b{content:"${raw}"}c{d:url(https://x.example.com/${a}${a}/?u=https://app.example.com/${a})}`;
    const expected = `b{content:"${out}"}c{d:url(https://x.example.com.proxy.test/${a}${a}/?u=https://app.example.com.proxy.test/${a})}`;
    expect(rewriteCss(ctx, css)).toBe(expected);
    expect(events.filter((e) => e.type === 'css-token-too-long')).toHaveLength(2);
    const chunks = splitAt(Buffer.from(css), [1, 1030, 1031, 2047, 2048, 2049, 3072, 5000]);
    expect((await streamChunks(ctx, chunks)).toString()).toBe(expected);
  });

  it('keeps hosts near window edges whole, in strings, quoted and unquoted url()s, whatever the chunking', async () => {
    await fc.assert(
      fc.asyncProperty(body, fc.integer({ min: 0, max: 2 }), fc.infiniteStream(fc.nat()), async (parts, kind, seeds) => {
        const [raw, rewritten] = build(parts);
        // an unquoted url() cannot hold spaces: use `&` between the pieces there
        const [r, w] = kind === 2 ? [raw.replaceAll(' ', '&'), rewritten.replaceAll(' ', '&')] : [raw, rewritten];
        // in a url() the pieces stand in the query of a URL of its own: nested URLs there are rewritten, in a path they are not
        const wrap = (s: string, host: string) => (kind === 0 ? `a{content:"${s}"}` : kind === 1 ? `a{b:url("https://${host}/?${s}")}` : `a{b:url(https://${host}/?${s})}`);
        const css = wrap(r, 'x.example.com') + 'z{c:url(//example.com/t)}';
        const expected = wrap(w, 'x.example.com.proxy.test') + 'z{c:url(//example.com.proxy.test/t)}';
        const cuts = Array.from({ length: 12 }, () => seeds.next().value % (css.length + 1));
        expect(await allAgree(css, cuts)).toBe(expected);
        // and the same as the whole token gets under a cap it fits in
        expect(rewriteCss(exampleContext().ctx, css)).toBe(expected);
      }),
      { numRuns: 150 },
    );
  });

  it('leaves a long data: URL alone, as the whole token would be', async () => {
    const svg = `data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg">${'<g/>'.repeat(800)}<a href="https://app.example.com/"/></svg>`;
    const css = `a{b:url('${svg}');c:"${svg}"}`;
    expect(await allAgree(css, [5, 1500, 2900, 4000])).toBe(css);
  });

  it('rewrites hosts in windows that hold escapes, as the whole token would be', async () => {
    const a = 'a'.repeat(1500);
    const css = `a{content:"\\41 ${a}${a} https://app.example.com/ ${a}\\"${a} https://cdn.example\\2e com/ \\"q\\" ${a}"}`;
    const whole = rewriteCss(exampleContext().ctx, css);
    expect(whole).toBe(css.replace('app.example.com', 'app.example.com.proxy.test').replace('cdn.example\\2e com', 'cdn.example\\2e com.proxy.test'));
    expect(await allAgree(css, [])).toBe(whole);
    await fc.assert(fc.asyncProperty(cutsFor(css), async (cuts) => { expect(await allAgree(css, cuts)).toBe(whole); }), { numRuns: 50 });
  });

  it('rewrites a url() longer than the default 16 MiB cap', () => {
    const { ctx, events } = exampleContext();
    const x = 'x'.repeat(17 * 1024 * 1024);
    const css = `a{b:url(https://app.example.com/${x}?u=https://cdn.example.com/)}`;
    const out = rewriteCss(ctx, css);
    expect(out.length).toBe(css.length + 2 * '.proxy.test'.length);
    expect(out.startsWith('a{b:url(https://app.example.com.proxy.test/xxx')).toBe(true);
    expect(out.endsWith('xxx?u=https://cdn.example.com.proxy.test/)}')).toBe(true);
    expect(events.filter((e) => e.type === 'css-token-too-long')).toHaveLength(1);
  });
});
