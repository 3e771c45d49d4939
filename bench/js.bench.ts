/**
 * JavaScript rewriting throughput against `acorn.parse` of the same bundles, in one run.
 * `npx tsx bench/js.bench.ts` prints a Markdown table (MB/s, median of several runs).
 * "with" protects a domain that occurs in the bundle's literals; "without" one that occurs nowhere.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'acorn';
import { createContext } from '../src/context.js';
import { rewriteJs } from '../src/js/index.js';

const modules = fileURLToPath(new URL('../node_modules/', import.meta.url));
const monaco = readdirSync(modules + 'monaco-editor/min/vs/').find((f) => /^editor-.*\.js$/.test(f));
const bundles: Array<[file: string, sourceType: 'script' | 'module', domains: string[]]> = [
  ['react-dom/cjs/react-dom-client.production.js', 'script', ['react.dev', '*.w3.org']],
  ['echarts/dist/echarts.js', 'script', ['*.w3.org']],
  ['d3/dist/d3.js', 'script', ['*.w3.org']],
  ['three/build/three.core.js', 'module', ['*.w3.org']],
  ['lodash/lodash.js', 'script', ['ecma-international.org']],
  ['moment/moment.js', 'script', ['momentjs.com']],
  ['typescript/lib/typescript.js', 'script', ['aka.ms', 'github.com']],
  [`monaco-editor/min/vs/${monaco}`, 'module', ['*.w3.org', 'github.com']],
];

function median(f: () => void, runs: number): number {
  f(); // warm up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

const rows: string[] = [];
let total = 0, tParse = 0, tWith = 0, tWithout = 0;
for (const [file, sourceType, domains] of bundles) {
  if (!existsSync(modules + file)) { console.warn(`skip ${file}: not installed`); continue; }
  const src = readFileSync(modules + file, 'utf8');
  const mb = Buffer.byteLength(src) / 1e6;
  const withCtx = createContext({ suffix: 'proxy.test', domains });
  const withoutCtx = createContext({ suffix: 'proxy.test', domains: ['nowhere-at-all.example'] });
  const changed = rewriteJs(withCtx, src, { sourceType }).split('.proxy.test').length - 1;
  const runs = mb > 3 ? 5 : 9;
  const p = median(() => parse(src, { ecmaVersion: 'latest', sourceType }), runs);
  const w = median(() => rewriteJs(withCtx, src, { sourceType }), runs);
  const wo = median(() => rewriteJs(withoutCtx, src, { sourceType }), runs);
  total += mb; tParse += p; tWith += w; tWithout += wo;
  const rate = (ms: number) => (mb / (ms / 1000)).toFixed(0);
  rows.push(`| ${file.split('/').pop()} | ${mb.toFixed(2)} | ${changed} | ${rate(p)} | ${rate(w)} | ${(p / w).toFixed(1)}× | ${rate(wo)} | ${(p / wo).toFixed(0)}× |`);
}
const rate = (ms: number) => (total / (ms / 1000)).toFixed(0);
console.log(`Node ${process.version}, ${new Date().toISOString().slice(0, 10)}\n`);
console.log('| bundle | MB | literals changed | acorn.parse MB/s | rewriteJs with MB/s | vs parse | rewriteJs without MB/s | vs parse |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) console.log(r);
console.log(`| **all** | ${total.toFixed(2)} | | ${rate(tParse)} | ${rate(tWith)} | ${(tParse / tWith).toFixed(1)}× | ${rate(tWithout)} | ${(tParse / tWithout).toFixed(0)}× |`);
