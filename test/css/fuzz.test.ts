import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rewriteCss, rewriteStyleAttribute } from '../../src/css/index.js';
import { exampleContext, splitAt, streamChunks } from './helpers.js';

// Fragments that hit every tokenizer state, glued in random order.
const FRAGMENTS = [
  'url(', 'URL( ', 'u\\72l(', ')', '"', "'", '\\', '\\2F ', '\\\n', '/*', '*/', '/', '*', '@import ', '@namespace ',
  '@font-face{', 'image-set(', 'src(', 'local(', ';', '{', '}', ' ', '\n', '\r\n', '\f', '\t', '\x00', '\x7f', 'é', '😀',
  '//example.com', 'https://example.com/', 'https:\\/\\/example.com', '%2F%2Fexample.com', '.example.com', 'example.com',
  'data:', '#', '1', 'a', '-', 'e',
];

describe('fuzz', () => {
  const { ctx } = exampleContext();

  it('never throws on random byte noise, streams to the same bytes, and keeps every byte', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), fc.array(fc.nat({ max: 400 }), { maxLength: 6 }), async (noise, cuts) => {
        const bytes = Buffer.from(noise);
        const text = bytes.toString('latin1');
        const whole = rewriteCss(ctx, text);
        expect(whole.split('.proxy.test').join('')).toBe(text.split('.proxy.test').join(''));
        const streamed = await streamChunks(ctx, splitAt(bytes, cuts));
        expect(streamed.toString('latin1')).toBe(whole);
      }),
      { numRuns: 300 },
    );
  });

  it('gives identical output for any chunking of CSS-shaped noise, and only inserts the suffix', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 60 }), fc.array(fc.nat({ max: 600 }), { maxLength: 10 }), async (parts, cuts) => {
        const text = parts.join('');
        const bytes = Buffer.from(text, 'utf8');
        const whole = Buffer.from(rewriteCss(ctx, bytes.toString('latin1')), 'latin1');
        const streamed = await streamChunks(ctx, splitAt(bytes, cuts));
        expect(streamed.toString('latin1')).toBe(whole.toString('latin1'));
        const out = rewriteCss(ctx, text);
        expect(out.split('.proxy.test').join('')).toBe(text.split('.proxy.test').join(''));
        expect(rewriteStyleAttribute(ctx, text)).toBe(out);
        // idempotent
        expect(rewriteCss(ctx, out)).toBe(out);
      }),
      { numRuns: 500 },
    );
  });
});
