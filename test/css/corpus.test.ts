import { existsSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createContext } from '../../src/context.js';
import { rewriteCss } from '../../src/css/index.js';
import { bootstrapCssPath, corpusCssFiles, corpusExists, splitAt, streamChunks } from './helpers.js';

if (!corpusExists) console.warn('test/css/corpus: ../shared/corpus/css is absent; the corpus tests are skipped');

const hostsCtx = () => createContext({ suffix: 'proxy.test', domains: ['fonts.gstatic.com', '*.wikimedia.org', '*.wikipedia.org'] });
const w3Ctx = () => createContext({ suffix: 'proxy.test', domains: ['w3.org', '*.w3.org'] });

// Protected hosts after `//` and not followed by a further label (i.e. not yet proxied).
const ESCAPED_HOST = /\/\/(?:fonts\.gstatic\.com|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.wikimedia\.org|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.wikipedia\.org)(?![a-z0-9.-])/gi;
const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;

describe.skipIf(!corpusExists)('CSS corpus', () => {
  const corpusFile = (name: string): string => {
    const found = files.find(([n]) => n === name);
    if (!found) throw new Error(`corpus file ${name} is missing`);
    return found[1].toString('utf8');
  };
  const files = corpusCssFiles();

  it('holds the files the tests expect', () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
  });

  it('leaves no protected host unproxied and loses nothing', () => {
    const ctx = hostsCtx();
    let rewritten = 0;
    for (const [name, bytes] of files) {
      const input = bytes.toString('utf8');
      const output = rewriteCss(ctx, input);
      expect(count(output, ESCAPED_HOST), name).toBe(0);
      // Only the suffix was inserted: taking it out gives the input back.
      expect(output.split('.proxy.test').join(''), name).toBe(input.split('.proxy.test').join(''));
      expect(count(output, /\.proxy\.test/g), name).toBe(count(input, ESCAPED_HOST));
      rewritten += count(input, ESCAPED_HOST);
    }
    expect(rewritten).toBeGreaterThanOrEqual(40);
  });

  it('rewrites the Google Fonts sources as expected', () => {
    const out = rewriteCss(hostsCtx(), corpusFile('fonts.googleapis.com__css.css'));
    expect(out).toContain("src: local('PT Serif'), local('PTSerif-Regular'), url(https://fonts.gstatic.com.proxy.test/s/ptserif/v8/5hX15RUpPERmeybVlLQEWBkAz4rYn47Zy2rvigWQf6w.woff2) format('woff2');");
    expect(out).not.toContain('url(https://fonts.gstatic.com/');
  });

  it('rewrites the Wikipedia protocol-relative images', () => {
    const out = rewriteCss(hostsCtx(), corpusFile('en.wikipedia.org__3_load.php.css'));
    expect(out).toContain('{background:url(//upload.wikimedia.org.proxy.test/wikipedia/commons/4/47/So');
  });

  it('is idempotent', () => {
    const ctx = hostsCtx();
    for (const [name, bytes] of files) {
      const once = rewriteCss(ctx, bytes.toString('utf8'));
      expect(rewriteCss(ctx, once) === once, name).toBe(true);
    }
  });

  it('leaves every file byte-identical with w3.org protected (it only occurs in data: URLs)', () => {
    const ctx = w3Ctx();
    for (const [name, bytes] of files) {
      const input = bytes.toString('utf8');
      expect(rewriteCss(ctx, input) === input, name).toBe(true);
    }
  });

  it('streams every file to the same bytes under random chunkings', async () => {
    const ctx = hostsCtx();
    for (const [name, bytes] of files) {
      const expected = Buffer.from(rewriteCss(ctx, bytes.toString('latin1')), 'latin1');
      await fc.assert(
        fc.asyncProperty(fc.array(fc.integer({ min: 0, max: bytes.length }), { maxLength: 12 }), async (cuts) => {
          const out = await streamChunks(ctx, splitAt(bytes, cuts));
          expect(out.equals(expected), name).toBe(true);
        }),
        { numRuns: 8 },
      );
    }
  });

  it('never throws or loses bytes on files truncated at random points', async () => {
    const ctx = hostsCtx();
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: files.length - 1 }), fc.double({ min: 0, max: 1, noNaN: true }), async (index, where) => {
        const bytes = files[index][1];
        const cut = bytes.subarray(0, Math.floor(bytes.length * where));
        const text = cut.toString('latin1');
        const out = rewriteCss(ctx, text);
        expect(out.split('.proxy.test').join('')).toBe(text.split('.proxy.test').join(''));
        const streamed = await streamChunks(ctx, splitAt(cut, [Math.floor(cut.length / 3), Math.floor(cut.length / 2)]));
        expect(streamed.toString('latin1')).toBe(out);
      }),
      { numRuns: 60 },
    );
  });
});

const bootstrapExists = existsSync(bootstrapCssPath);
if (!bootstrapExists) console.warn('test/css/corpus: node_modules/bootstrap is absent; the Bootstrap test is skipped');

describe.skipIf(!bootstrapExists)('Bootstrap CSS', () => {
  it('comes out byte-identical with w3.org protected (its data: SVGs name www.w3.org)', async () => {
    const bytes = readFileSync(bootstrapCssPath);
    const input = bytes.toString('utf8');
    expect(input).toContain('http://www.w3.org/2000/svg');
    expect(rewriteCss(w3Ctx(), input) === input).toBe(true);
    const streamed = await streamChunks(w3Ctx(), splitAt(bytes, [1000, 50_000, 100_001, 150_000]));
    expect(streamed.equals(bytes)).toBe(true);
  });
});
