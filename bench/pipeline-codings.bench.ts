/**
 * What content codings cost the response pipeline, and how fast a bomb is refused.
 *
 * 1. Every corpus page (../shared/corpus/html), gzip- and br-encoded beforehand as a server
 *    would send it, in 16 KiB chunks: the bare HTML rewriter over the decoded bytes against
 *    decode → rewrite → re-encode (src/pipeline/codings around createRewriter().html()),
 *    and decode → re-encode alone. MB/s counts decoded bytes; median of PASSES passes,
 *    interleaved page by page; the overhead is the time ratio to the bare rewriter.
 * 2. Brotli of 4 GiB of zeros (built by streaming, never allocated): time and memory to
 *    refuse it with the default limits, and with the ratio limit off (the 1 GiB size limit
 *    then stops it: the worst a bomb under 1000:1 can buy).
 *
 * Run: npx tsx bench/pipeline-codings.bench.ts   (BENCH_QUICK=1: one pass)
 */
import { Readable, Writable, type Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { getDomain } from 'tldts';
import { createRewriter } from '../src/rewriter.js';
import { createPipeline, type Pipeline } from '../src/pipeline/index.js';
import { createDecoder, createEncoder, DECODE_CHUNK_BYTES, DEFAULT_DECODE_LIMITS, type DecodeLimits } from '../src/pipeline/codings/index.js';
import { brotliZeros } from '../test/pipeline/codings-bombs.js';
import { corpusFiles, readAll } from './corpus.js';

const CHUNK = 16 * 1024;
const MiB = 1024 * 1024;
const PASSES = process.env.BENCH_QUICK ? 1 : Number(process.env.BENCH_PASSES ?? 5);

function chunksOf(b: Buffer, size = CHUNK): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < b.length; i += size) out.push(b.subarray(i, i + size));
  return out;
}

/** The registrable domain of the page's first absolute URL, protected with its subdomains. */
function domainsOf(page: Buffer): string[] {
  const host = /https?:\/\/([a-z0-9.-]+\.[a-z]{2,})/i.exec(page.toString('latin1'))?.[1];
  const domain = (host && getDomain(host.toLowerCase(), { allowPrivateDomains: true })) || 'example.com';
  return [domain, `*.${domain}`];
}

/** The body transform the pipeline plans for a `text/html` response in `coding`. */
function pipelineBody(pipe: Pipeline, coding: 'gzip' | 'br' | undefined): Transform {
  const headers: Record<string, string> = { 'content-type': 'text/html' };
  if (coding) headers['content-encoding'] = coding;
  const body = pipe.response({ method: 'GET', headers: { 'sec-fetch-dest': 'document' } }, { status: 200, headers }).body;
  if (body === null) throw new Error('the pipeline planned no body transform');
  return body as Transform;
}

const sink = () => new Writable({ write: (_c, _e, cb) => cb() });
const run = (chunks: Buffer[], ...stages: Transform[]) => pipeline([Readable.from(chunks), ...stages, sink()]);

async function bombRow(label: string, bomb: Buffer, limits: DecodeLimits): Promise<string> {
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  let decoded = 0;
  const decoder = createDecoder(['br'], limits);
  decoder.on('data', (c: Buffer) => {
    decoded += c.length;
    if (decoded % (16 * MiB) < c.length) peak = Math.max(peak, process.memoryUsage().rss);
  });
  const start = performance.now();
  const error = await new Promise<Error & { code?: string }>((resolve) => {
    decoder.on('error', resolve);
    decoder.on('end', () => resolve(Object.assign(new Error('not refused'), { code: 'none' })));
    decoder.end(bomb);
  });
  const ms = performance.now() - start;
  peak = Math.max(peak, process.memoryUsage().rss);
  return `| ${label} | ${error.code} | ${(decoded / MiB).toFixed(0)} | ${ms.toFixed(0)} | ${(peak / MiB).toFixed(0)} | ${((peak - before) / MiB).toFixed(0)} |`;
}

const pages = readAll(corpusFiles('html', '.html'));
if (pages.length === 0) {
  console.log('pipeline-codings bench: ../shared/corpus/html is absent; corpus part skipped');
} else {
  const decodedBytes = pages.reduce((n, b) => n + b.length, 0);
  const work = pages.map((page) => ({
    page: chunksOf(page),
    page64: chunksOf(page, DECODE_CHUNK_BYTES),
    rw: createRewriter({ suffix: 'proxy.test', domains: domainsOf(page) }),
    get pipe() { return createPipeline(this.rw); },
    gzip: chunksOf(gzipSync(page)),
    br: chunksOf(brotliCompressSync(page, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } })),
  }));
  const encodedBytes = (c: 'gzip' | 'br') => work.reduce((n, w) => n + w[c].reduce((m, x) => m + x.length, 0), 0);
  type Page = (typeof work)[number];
  const codec = (c: 'gzip' | 'br'): Record<string, (w: Page) => Promise<void>> => ({
    [`${c}: the pipeline's body transform (pipe.response().body)`]: (w) => run(w[c], pipelineBody(w.pipe, c)),
    [`${c}: decode → rewrite → encode`]: (w) => run(w[c], createDecoder([c]), w.rw.html(), createEncoder([c])),
    [`${c}: decode → encode, no rewriter`]: (w) => run(w[c], createDecoder([c]), createEncoder([c])),
    [`${c}: decode only`]: (w) => run(w[c], createDecoder([c])),
  });
  // The decoders hand the rewriter 64 KiB chunks (DECODE_CHUNK_BYTES): the baseline is the
  // bare rewriter on the same chunks; 16 KiB chunks (what bench/html uses) are shown too.
  const BARE = 'bare rewriter html(), decoded bytes in 64 KiB chunks';
  const runners: Record<string, (w: Page) => Promise<void>> = {
    [BARE]: (w) => run(w.page64, w.rw.html()),
    'bare rewriter html(), decoded bytes in 16 KiB chunks': (w) => run(w.page, w.rw.html()),
    "identity: the pipeline's body transform, 16 KiB chunks": (w) => run(w.page, pipelineBody(w.pipe, undefined)),
    ...codec('gzip'),
    ...codec('br'),
  };
  // Interleaved page by page (every runner on one page, then the next page), so a load
  // change on this shared machine hits every runner alike; one total per runner per pass.
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(runners).map((k) => [k, []]));
  for (let pass = -1; pass < PASSES; pass++) {
    const totals: Record<string, number> = Object.fromEntries(Object.keys(runners).map((k) => [k, 0]));
    for (const w of work) {
      for (const [name, r] of Object.entries(runners)) {
        const t = performance.now();
        await r(w);
        totals[name] = (totals[name] as number) + performance.now() - t;
      }
    }
    if (pass >= 0) for (const [name, ms] of Object.entries(totals)) times[name]?.push(ms); // pass -1 warms up
  }
  const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)] as number;
  const bare = median(times[BARE] as number[]);
  console.log(`pipeline-codings bench: ${pages.length} pages, ${(decodedBytes / 1e6).toFixed(1)} MB decoded (gzip ${(encodedBytes('gzip') / 1e6).toFixed(1)} MB, br q5 ${(encodedBytes('br') / 1e6).toFixed(1)} MB), ${PASSES} passes, node ${process.version}`);
  console.log('| what | MB/s (decoded) | time ÷ bare rewriter |');
  console.log('|---|---:|---:|');
  for (const [name, list] of Object.entries(times)) {
    const ms = median(list);
    console.log(`| ${name} | ${(decodedBytes / 1e6 / (ms / 1000)).toFixed(1)} | ${(ms / bare).toFixed(2)} |`);
  }
}

const buildStart = performance.now();
const bomb = await brotliZeros(4096 * MiB);
console.log(`\nbomb: brotli (quality 1) of 4 GiB of zeros = ${bomb.length} bytes (${((4096 * MiB) / bomb.length).toFixed(0)}:1), built in ${((performance.now() - buildStart) / 1000).toFixed(1)} s; one write`);
console.log('| limits | refused with | decoded MiB | ms | peak RSS MiB | RSS growth MiB |');
console.log('|---|---|---:|---:|---:|---:|');
console.log(await bombRow('defaults (1 GiB; 1000:1 past 16 MiB)', bomb, DEFAULT_DECODE_LIMITS));
console.log(await bombRow('ratio off (1 GiB size limit only)', bomb, { ...DEFAULT_DECODE_LIMITS, maxRatio: Number.POSITIVE_INFINITY }));
