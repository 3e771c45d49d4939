import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CssTokenRewriter, rewriteCss } from '../../src/css/index.js';
import { exampleContext, splitAt, streamChunks } from './helpers.js';

// Every construct the tokenizer carries state for, so that chunk boundaries fall in each.
const SAMPLE = [
  '@charset "utf-8";',
  '@import url("https://example.com/base.css") layer(base) supports(display: grid) screen;',
  "@import '//cdn.example.com/theme.css';",
  '@namespace svg url(http://example.com/ns);',
  '/* url(//example.com/in-comment) **/',
  '@font-face{font-family:"F";src:local("example.com"),url(https://fonts.example.com/f.woff2) format("woff2")}',
  'a\\"b,.x{background:URL(  //example.com/a.png  ) no-repeat;content:"example.com"}',
  'b{b:u\\72 l(https\\:\\/\\/example.com/esc);c:url("https:\\2F\\2F example.com/hex")}',
  `c{d:url("data:image/svg+xml,<svg xmlns='http://example.com/'>)\\",</svg>");e:image-set("//example.com/1.png" 1x)}`,
  'd{--j:"{\\"u\\":\\"https:\\\\/\\\\/example.com\\"}";f:url(https://example.com/a b)}',
  'e::after{content:"→ ünï 😀 \\41\n//example.com/x";g:url(//example.com/é.png)}',
  'f{h:url(//example.com/eof',
].join('\n');

describe('createCssStream', () => {
  const { ctx } = exampleContext();
  const bytes = Buffer.from(SAMPLE, 'utf8');
  const expected = Buffer.from(rewriteCss(ctx, SAMPLE), 'utf8');

  it('matches rewriteCss when fed whole', async () => {
    expect((await streamChunks(ctx, [bytes])).equals(expected)).toBe(true);
    // and the rewrite did happen (the last url(), open at end of input, is closed by EOF)
    expect(expected.toString('utf8')).toContain('url(//example.com.proxy.test/eof');
  });

  it('gives the same bytes for a cut at every single position', async () => {
    for (let cut = 1; cut < bytes.length; cut++) {
      const out = await streamChunks(ctx, splitAt(bytes, [cut]));
      if (!out.equals(expected)) expect(out.toString('utf8')).toBe(expected.toString('utf8'));
    }
  });

  it('gives the same bytes one byte at a time', async () => {
    const chunks = Array.from({ length: bytes.length }, (_, i) => bytes.subarray(i, i + 1));
    expect((await streamChunks(ctx, chunks)).toString('utf8')).toBe(expected.toString('utf8'));
  });

  it('gives the same bytes for random chunkings', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: bytes.length }), { maxLength: 30 }), async (cuts) => {
        const out = await streamChunks(ctx, splitAt(bytes, cuts));
        expect(out.toString('utf8')).toBe(expected.toString('utf8'));
      }),
      { numRuns: 200 },
    );
  });

  it('accepts string chunks', async () => {
    const stream = (await import('../../src/css/index.js')).createCssStream(ctx);
    const out: Buffer[] = [];
    stream.on('data', (c: Buffer) => out.push(c));
    const done = new Promise((resolve) => stream.on('end', resolve));
    stream.write('a{b:url(//exam');
    stream.end('ple.com/x)}');
    await done;
    expect(Buffer.concat(out).toString('utf8')).toBe('a{b:url(//example.com.proxy.test/x)}');
  });
});

describe('CssTokenRewriter', () => {
  it('hands back everything not yet returned, rewritten part included, when drained after a failure', () => {
    const { ctx } = exampleContext();
    const engine = new CssTokenRewriter(ctx);
    const first = engine.write('a{b:url(//example.com/x)}c{d:"//exam');
    const rest = engine.drainRaw();
    expect(first + rest).toBe('a{b:url(//example.com.proxy.test/x)}c{d:"//exam');
    // the quote went out with the text before it; only the open string's body was held back
    expect(rest).toBe('//exam');
  });
});

describe('memory bound', () => {
  it('rewrites a url() longer than the cap in windows, reports it, and goes on', async () => {
    const { ctx, events } = exampleContext({ maxBufferBytes: 1024 });
    const long = 'a{b:url(https://example.com/' + 'x'.repeat(3000) + ')}c{d:url(//example.com/y)}';
    const expected = 'a{b:url(https://example.com.proxy.test/' + 'x'.repeat(3000) + ')}c{d:url(//example.com.proxy.test/y)}';
    const bytes = Buffer.from(long);
    const out = await streamChunks(ctx, splitAt(bytes, [100, 600, 1500, 2500, 3030]));
    expect(out.toString()).toBe(expected);
    expect(events.filter((e) => e.type === 'css-token-too-long')).toHaveLength(1);
    // the string helper takes the same decision, so the output does not depend on chunking
    expect(rewriteCss(ctx, long)).toBe(expected);
    expect(events.filter((e) => e.type === 'css-token-too-long')).toHaveLength(2);
  });

  it('rewrites a string longer than the cap in windows, keeping every byte', async () => {
    const { ctx, events } = exampleContext({ maxBufferBytes: 1024 });
    const long = 'a{content:"https://example.com/' + 'é'.repeat(2000) + '"}b{c:"//example.com"}';
    const out = await streamChunks(ctx, splitAt(Buffer.from(long), [7, 512, 2048, 4000]));
    expect(out.toString()).toBe('a{content:"https://example.com.proxy.test/' + 'é'.repeat(2000) + '"}b{c:"//example.com.proxy.test"}');
    expect(events.some((e) => e.type === 'css-token-too-long')).toBe(true);
  });

  it('rewrites a token exactly at the cap', () => {
    const { ctx, events } = exampleContext({ maxBufferBytes: 1024 });
    const body = '//example.com/' + 'x'.repeat(1024 - '//example.com/'.length);
    expect(body.length).toBe(1024);
    expect(rewriteCss(ctx, `a{b:url(${body})}`)).toBe(`a{b:url(${body.replace('example.com', 'example.com.proxy.test')})}`);
    expect(events).toHaveLength(0);
  });
});
