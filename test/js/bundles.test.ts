import { readFileSync } from 'node:fs';
import { parse, type Options } from 'acorn';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createContext } from '../../src/context.js';
import { JsStreamRewriter, rewriteJs } from '../../src/js/index.js';
import { bundles, modules, presentBundles as present } from './helpers.js';

/** The input again: every insertion of the suffix, in plain or regex-escaped spelling, removed. */
const unproxied = (s: string) => s.replace(/(?:\\{0,2}\.)proxy(?:\\{0,2}\.)test/g, '');

const acornOptions = (sourceType: 'script' | 'module'): Options => ({ ecmaVersion: 'latest', sourceType, allowHashBang: true });

/**
 * Walks two ASTs in step. Positions and raw spellings may differ; a string, template
 * chunk or regex pattern may differ only by proxied hosts. Returns how many did.
 */
function compareAsts(a: unknown, b: unknown, path: string, changes: { n: number }): void {
  if (typeof a === 'string' && typeof b === 'string') {
    if (a !== b) {
      if (unproxied(b) !== a) throw new Error(`${path}: ${JSON.stringify(a.slice(0, 80))} became ${JSON.stringify(b.slice(0, 80))}`);
      changes.n++;
    }
    return;
  }
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') {
    if (a !== b && !(Number.isNaN(a) && Number.isNaN(b))) throw new Error(`${path}: ${String(a)} !== ${String(b)}`);
    return;
  }
  if (a instanceof RegExp || b instanceof RegExp) return; // compared through node.regex
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.join() !== kb.join()) throw new Error(`${path}: keys ${ka.join()} vs ${kb.join()}`);
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  for (const k of ka) {
    // A Literal's raw spelling is checked through its value; TemplateElement raw/cooked like any string.
    if (k === 'start' || k === 'end' || (k === 'raw' && ra.type === 'Literal')) continue;
    compareAsts(ra[k], rb[k], `${path}.${k}`, changes);
  }
}

describe.skipIf(present.length === 0)('real bundles', () => {
  if (present.length < bundles.length) console.warn(`bundles missing from node_modules: ${bundles.filter((b) => !present.includes(b)).map((b) => b.file).join(', ')}`);

  for (const b of present) {
    test(`${b.file}: same program, only the proxied hosts differ`, () => {
      const src = readFileSync(modules + b.file, 'utf8');
      const events: unknown[] = [];
      const ctx = createContext({ suffix: 'proxy.test', domains: b.domains, onEvent: (e) => events.push(e) });
      const out = rewriteJs(ctx, src, { sourceType: b.sourceType });
      expect(events).toEqual([]);
      if (b.minChanges === 0) {
        expect(out).toBe(src);
        return;
      }
      const changes = { n: 0 };
      compareAsts(parse(src, acornOptions(b.sourceType)), parse(out, acornOptions(b.sourceType)), 'Program', changes);
      expect(changes.n).toBeGreaterThanOrEqual(b.minChanges);
      expect(unproxied(out)).toBe(src);
      // Only bytes of changed literals change: the output minus the insertions is the input.
    }, 30_000);
  }

  test('a domain that occurs nowhere gives the input back untouched', () => {
    const ctx = createContext({ suffix: 'proxy.test', domains: ['nowhere-at-all.example'] });
    for (const b of present.slice(0, 3)) {
      const src = readFileSync(modules + b.file, 'utf8');
      expect(rewriteJs(ctx, src) === src).toBe(true);
    }
  });

  const small = present.filter((b) => /moment|lodash|d3|react-dom/.test(b.file));

  test('truncated bundles never throw and never lose bytes', () => {
    const texts = small.map((b) => ({ b, src: readFileSync(modules + b.file, 'utf8') }));
    fc.assert(fc.property(fc.nat({ max: texts.length - 1 }), fc.double({ min: 0, max: 1, noNaN: true }), (which, at) => {
      const { b, src } = texts[which];
      const cut = src.slice(0, Math.floor(src.length * at));
      const ctx = createContext({ suffix: 'proxy.test', domains: b.domains });
      const out = rewriteJs(ctx, cut, { sourceType: b.sourceType });
      expect(unproxied(out)).toBe(cut);
    }), { numRuns: 12 });
  }, 40_000);

  test('the streaming fallback on a real bundle, in odd chunks, agrees with the whole-body rewrite', () => {
    const b = small.find((x) => x.file.includes('react-dom')) ?? small[0];
    const src = readFileSync(modules + b.file, 'utf8');
    const ctx = createContext({ suffix: 'proxy.test', domains: b.domains, maxBufferBytes: 64 * 1024 });
    const stream = new JsStreamRewriter(ctx, b.sourceType);
    let out = '';
    for (let i = 0; i < src.length; i += 8191) out += stream.push(src.slice(i, i + 8191));
    out += stream.push('', true);
    expect(out).toBe(rewriteJs(ctx, src, { sourceType: b.sourceType }));
    expect(stream.errors).toBe(0);
  });
});
