// JSON rewriting throughput on the corpus HAR files (real JSON, 25 MB) against JSON.parse
// alone and JSON.parse + a walk rewriting every string + JSON.stringify (the naive peer).
// Run: npx tsx bench/json.bench.ts
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createContext } from '../src/context.js';
import { createJsonStream, rewriteJson } from '../src/json/index.js';
import { corpusFiles, readAll, throughput } from './corpus.js';

const files = readAll(corpusFiles('har', '.har'));
if (files.length === 0) {
  console.log('json bench: ../shared/corpus/har not found, skipped');
  process.exit(0);
}
// Two captures start with a BOM, which JSON.parse refuses; the peers get it stripped.
const texts = files.map((b) => b.toString('utf8').replace(/^\uFEFF/, ''));
const bytes = files.reduce((n, b) => n + b.length, 0);
const withHosts = createContext({ suffix: 'proxy.test', domains: ['*.walmart.com', '*.nytimes.com', '*.bbc.co.uk', '*.bbci.co.uk', 'mitmproxy.org'] });
const without = createContext({ suffix: 'proxy.test', domains: ['*.example.com'] });

function walk(v: unknown, f: (s: string) => string): unknown {
  if (typeof v === 'string') return f(v);
  if (Array.isArray(v)) return v.map((x) => walk(x, f));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [f(k), walk(x, f)]));
  return v;
}

async function streamAll(ctx: typeof withHosts): Promise<void> {
  for (const b of files) {
    const chunks: Buffer[] = [];
    for (let i = 0; i < b.length; i += 16384) chunks.push(b.subarray(i, i + 16384));
    await pipeline(Readable.from(chunks), createJsonStream(ctx), new Writable({ write: (_c, _e, cb) => cb() }));
  }
}

async function streamThroughput(ctx: typeof withHosts): Promise<number> {
  await streamAll(ctx);
  const start = performance.now();
  let runs = 0;
  do {
    await streamAll(ctx);
    runs++;
  } while (performance.now() - start < (process.env.BENCH_QUICK ? 300 : 1500));
  return (bytes * runs) / 1e6 / ((performance.now() - start) / 1000);
}

const rows: [string, number][] = [
  ['JSON.parse alone', throughput(bytes, () => texts.forEach((t) => JSON.parse(t)))],
  ['JSON.parse + rewrite every string + JSON.stringify', throughput(bytes, () => texts.forEach((t) => JSON.stringify(walk(JSON.parse(t), (s) => withHosts.hosts.codeString(s))))) ],
  ['rewriteJson, hosts occur', throughput(bytes, () => texts.forEach((t) => rewriteJson(withHosts, t)))],
  ['rewriteJson, no host occurs', throughput(bytes, () => texts.forEach((t) => rewriteJson(without, t)))],
  ['createJsonStream (16 KiB chunks), hosts occur', await streamThroughput(withHosts)],
  ['createJsonStream (16 KiB chunks), no host occurs', await streamThroughput(without)],
];
console.log(`json bench: ${files.length} HAR files, ${(bytes / 1e6).toFixed(1)} MB, node ${process.version}`);
console.log('| what | MB/s | ÷ JSON.parse |');
console.log('|---|---:|---:|');
for (const [name, mbps] of rows) console.log(`| ${name} | ${mbps.toFixed(0)} | ${(mbps / rows[0][1]).toFixed(2)}× |`);
