import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rewriteHtml } from '../../src/html/index.js';
import { runChunked, testContext } from './helpers.js';

// A comment or attribute value longer than parse5's 64 KiB drop mark, holding what
// ends or nearly ends it (`>`, `->`, `--!`, the other quote), fed in small pieces: the
// tokenizer parks such pieces or drops a comment's parsed text on the way (see
// src/html/fast-tokenizer.ts). Whatever the pieces, the bytes out are the same, and
// are what the HTML rules ask: the URLs in the tags around proxied, the comment and the
// data: value kept byte for byte. (Speed: bench/linearity.bench.ts.)

const BEFORE = '<!doctype html><a href="https://app.example.com/a">x</a>';
const AFTER = '<img src="https://cdn.example.com/b.png"><p>end</p>';
const PROXIED = (s: string) => s.replace('app.example.com', 'app.example.com.proxy.test').replace('cdn.example.com', 'cdn.example.com.proxy.test');

/** Commented-out markup, `->` that is no end (`a->b`), `--` and `--!` inside, a NUL, CR LF, an astral character. */
function commentBody(size: number): string {
  const piece = '<div class="a">x->y</div> -- --! - <!-\0\r\n😀 https://app.example.com/in-comment ';
  return piece.repeat(Math.ceil(size / piece.length)).slice(0, size).replace(/\uD83D$/, '');
}

/** An SVG data: URL in double quotes: every `>` and `'` inside, never `"`. */
function svgValue(size: number): string {
  const piece = "<g><path d='M0,0L10,10' stroke='url(#a)'/></g>";
  return 'data:image/svg+xml,' + piece.repeat(Math.ceil(size / piece.length)).slice(0, size);
}

const SIZE = 150 * 1024;

describe('long comments and attribute values in small pieces', () => {
  const cases: Array<[string, string]> = [
    ['a comment holding markup', `${BEFORE}<!--${commentBody(SIZE)}-->${AFTER}`],
    ['a comment ended by --!>', `${BEFORE}<!--${commentBody(SIZE)}--!>${AFTER}`],
    ['a data: SVG attribute value', `${BEFORE}<img alt="x" src="${svgValue(SIZE)}" title='t'>${AFTER}`],
    ["a single-quoted value full of '\"' and '>'", `${BEFORE}<img src='data:text/plain,${'"a">'.repeat(SIZE / 4)}'>${AFTER}`],
  ];

  for (const [name, page] of cases) {
    it(`${name}: the same bytes for any chunking, and what the rules ask`, () => {
      const ctx = testContext();
      const expected = PROXIED(page);
      expect(rewriteHtml(ctx, page)).toBe(expected);
      const input = Buffer.from(page, 'utf8');
      for (const sizes of [[1024], [1], [7, 1024, 3, 65536], [65537]]) {
        expect(runChunked(ctx, input, sizes).toString('utf8')).toBe(expected);
      }
    });
  }

  it('places the snippet at <head> after a long comment, whatever the chunking', () => {
    const snippet = '<script src="/s.js"></script>';
    const page = `<!doctype html><!--${commentBody(SIZE)}--><html><head><title>t</title></head><body>${AFTER}</body></html>`;
    const ctx = testContext();
    const whole = rewriteHtml(ctx, page, { snippet });
    // the comment's URL kept, the tag's proxied, the snippet at the start of <head>
    expect(whole).toBe(page.replace('cdn.example.com', 'cdn.example.com.proxy.test').replace('<head>', '<head>' + snippet));
    const input = Buffer.from(page, 'utf8');
    for (const sizes of [[1024], [5, 70000], [65536]]) expect(runChunked(ctx, input, sizes, { snippet }).toString('utf8')).toBe(whole);
  });

  it('agrees with the whole-string rewrite for random piece sizes', () => {
    const page = `${BEFORE}<!--${commentBody(70 * 1024)}-->${AFTER}<img src="${svgValue(70 * 1024)}">${AFTER}`;
    const ctx = testContext();
    const whole = rewriteHtml(ctx, page);
    // the tag URLs (one before, two after) proxied; the URL inside the comment kept
    expect(whole).toBe(page.replace('app.example.com/a"', 'app.example.com.proxy.test/a"').replaceAll('cdn.example.com', 'cdn.example.com.proxy.test'));
    const input = Buffer.from(page, 'utf8');
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 3000 }), { minLength: 1, maxLength: 8 }), (sizes) => {
        expect(runChunked(ctx, input, sizes).toString('utf8')).toBe(whole);
      }),
      { numRuns: 15 },
    );
  });
});
