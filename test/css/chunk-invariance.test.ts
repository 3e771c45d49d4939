import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rewriteCss } from '../../src/css/index.js';
import type { RewriteEvent } from '../../src/domain/index.js';
import { exampleContext, splitAt, streamChunks } from './helpers.js';

// The stream gives the string helper's bytes for any chunking, with escapes spelling
// hosts, tokens held across chunks (past 8 KiB their text is held in pieces) and tokens
// past the buffer cap (windows): the same input, the same output, whatever the cuts.
// And windows with escapes near their edges rewrite what the whole token would.

const CAP = 1024;

const FRAGMENTS = [
  'url(', 'url("', "url('", ')', '"', "'", '\\', '\\2e ', '\\2E', '\\65 ', '\\9 ', '\\\\', '\\)', '\\"', '\\\n', '\\41', '\\FF0E ',
  '%2E', '%65', 'example', '.com', 'app.', 'https://', 'https:', '//', '?u=', '&', '#', '/p', ' ', '\n', '\t', ';', '{', '}', 'a{b:',
  '/*', '*/', '@import ', 'image-set(', 'local(', 'data:', 'x'.repeat(700), 'deadbeef'.repeat(90), 'é',
];

const stylesheet = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 }).map((parts) => parts.join(''));
const cutsOf = (max: number) => fc.array(fc.integer({ min: 0, max }), { maxLength: 20 });

/** The string helper's output and events for `css` under `options`. */
function helper(css: string, maxBufferBytes?: number): { out: string; events: RewriteEvent[] } {
  const { ctx, events } = exampleContext(maxBufferBytes === undefined ? {} : { maxBufferBytes });
  return { out: rewriteCss(ctx, css), events };
}

describe('chunk invariance', () => {
  for (const cap of [undefined, CAP]) {
    it(`gives the string helper's bytes for any chunking (cap ${cap ?? 'default'})`, async () => {
      await fc.assert(
        fc.asyncProperty(stylesheet, cutsOf(30000), async (css, cuts) => {
          const { out, events } = helper(css, cap);
          expect(events.filter((e) => e.type === 'css-error')).toEqual([]);
          const { ctx } = exampleContext(cap === undefined ? {} : { maxBufferBytes: cap });
          const bytes = Buffer.from(css, 'latin1');
          expect((await streamChunks(ctx, splitAt(bytes, cuts))).toString('latin1')).toBe(out);
        }),
        { numRuns: 300 },
      );
    });
  }

  it('gives the string helper\'s bytes on UTF-8 stylesheets, non-ASCII host spellings included', async () => {
    // The stream reads bytes; the helper reads text. A URL value is read as UTF-8 by both, as the
    // browser reads a UTF-8 stylesheet: `ｅ`, `．` and `。` spell an ASCII host to its host parser.
    const unicode = ['ｅ', 'ｘａｍｐｌｅ', '．', '。', 'ü', 'é', '😀', 'bücher.', '\\FF45 '];
    const text = fc.array(fc.constantFrom(...FRAGMENTS, ...unicode), { maxLength: 40 }).map((parts) => parts.join(''));
    await fc.assert(
      fc.asyncProperty(text, cutsOf(3000), async (css, cuts) => {
        const { out } = helper(css);
        const { ctx } = exampleContext();
        expect((await streamChunks(ctx, splitAt(Buffer.from(css, 'utf8'), cuts))).toString('utf8')).toBe(out);
      }),
      { numRuns: 300 },
    );
    const { ctx } = exampleContext();
    const css = 'a{b:url(https://ｅxample．com/x)}c{d:url("https://app.example。com/")}';
    const bytes = await streamChunks(ctx, splitAt(Buffer.from(css, 'utf8'), [10, 11, 12, 40, 41]));
    expect(bytes.toString('utf8')).toBe('a{b:url(https://ｅxample．com.proxy.test/x)}c{d:url("https://app.example。com.proxy.test/")}');
  });

  it('gives the same bytes for a long token in 1-byte to 1 KiB chunks (held text, windows)', async () => {
    const filler = 'x'.repeat(20000);
    const css = `a{content:"${filler} https://app.example\\2e com/ ${filler}"}b{c:url(https://\\61pp.example.com/?${filler}&u=https://cdn.example.com/)}`;
    for (const cap of [undefined, 4096]) {
      const { out } = helper(css, cap);
      expect(out.split('.proxy.test').length - 1).toBe(3);
      const { ctx } = exampleContext(cap === undefined ? {} : { maxBufferBytes: cap });
      const bytes = Buffer.from(css, 'latin1');
      for (const size of [1, 7, 1024]) {
        const cuts = Array.from({ length: Math.floor(bytes.length / size) }, (_, i) => (i + 1) * size);
        expect((await streamChunks(ctx, splitAt(bytes, cuts))).toString('latin1')).toBe(out);
      }
    }
  });
});

describe('windows with escapes near their edges', () => {
  /** Escaped spellings of URLs, and what each becomes. */
  const PIECES: ReadonlyArray<readonly [string, string]> = [
    ['https://app.example\\2e com/p', 'https://app.example\\2e com.proxy.test/p'],
    ['//cdn\\2e example.com/x', '//cdn\\2e example.com.proxy.test/x'],
    ['https:\\2f\\2f example.com/q', 'https:\\2f\\2f example.com.proxy.test/q'],
    ['\\68ttps://ex\\61mple.com/r', '\\68ttps://ex\\61mple.com.proxy.test/r'],
    ['https://example\\2e org/', 'https://example\\2e org/'],
  ];
  const FILLERS = ['x', '\\41 ', 'deadbeef', '\\\\'];
  const parts = fc.array(
    fc.tuple(fc.oneof(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 120, max: 270 })), fc.nat({ max: FILLERS.length - 1 }), fc.nat({ max: PIECES.length - 1 })),
    { minLength: 1, maxLength: 8 },
  );

  it('rewrites every piece, in strings and url() queries, as the whole token would, whatever the chunking', async () => {
    await fc.assert(
      fc.asyncProperty(parts, fc.nat({ max: 2 }), cutsOf(20000), async (list, kind, cuts) => {
        // an unquoted url() holds no raw space: `&` separates the query's values there
        const sep = kind === 2 ? '&' : ' ';
        let raw = '';
        let expected = '';
        for (const [n, f, k] of list) {
          const pad = FILLERS[f]!.repeat(n) + sep;
          raw += pad + PIECES[k]![0] + sep;
          expected += pad + PIECES[k]![1] + sep;
        }
        const wrap = (s: string, host: string) => (kind === 0 ? `a{content:"${s}"}` : kind === 1 ? `a{b:url("https://${host}/?${s}")}` : `a{b:url(https://${host}/?${s})}`);
        const css = wrap(raw, 'x.example.com');
        const want = wrap(expected, 'x.example.com.proxy.test');
        expect(helper(css).out).toBe(want);
        const windowed = helper(css, CAP);
        expect(windowed.out).toBe(want);
        const { ctx } = exampleContext({ maxBufferBytes: CAP });
        expect((await streamChunks(ctx, splitAt(Buffer.from(css, 'latin1'), cuts))).toString('latin1')).toBe(want);
      }),
      { numRuns: 200 },
    );
  });
});
