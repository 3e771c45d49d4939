/**
 * HTML streaming throughput, in one run: every corpus page (../shared/corpus/html) in
 * 16 KiB chunks through
 *   - createHtmlStream (this library: every DESIGN section 4 rule),
 *   - stock parse5-html-rewriting-stream doing nothing (pipe through, raw re-emission),
 *   - lol-html (html-rewriter-wasm) rewriting the same URL attributes with ctx.hosts.url.
 * `npx tsx bench/html.bench.ts` prints MB/s (median of 7 interleaved passes over the corpus) and
 * ratios (recorded by hand in bench/RESULTS.md).
 */
import { StringDecoder } from 'node:string_decoder';
import type { Transform } from 'node:stream';
import { HTMLRewriter } from 'html-rewriter-wasm';
import { RewritingStream } from 'parse5-html-rewriting-stream';
import { getDomain } from 'tldts';
import { createContext, type RewriteContext } from '../src/context.js';
import { createHtmlStream } from '../src/html/index.js';
import { corpusFiles, readAll } from './corpus.js';

const CHUNK = 16 * 1024;
const PASSES = Number(process.env.BENCH_PASSES ?? 7);

function chunksOf(b: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < b.length; i += CHUNK) out.push(b.subarray(i, i + CHUNK));
  return out;
}

/** The registrable domain of the page's most frequent absolute-URL host (so rewrites happen). */
function domainOf(text: string): string {
  const counts = new Map<string, number>();
  for (const m of text.matchAll(/(?:https?:)?\/\/([a-z0-9.-]+\.[a-z]{2,})(?=[/"' :?#)])/gi)) {
    const d = getDomain((m[1] as string).toLowerCase(), { allowPrivateDomains: true });
    if (d) counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  let best = 'example.com';
  let n = 0;
  for (const [d, c] of counts) if (c > n) { best = d; n = c; }
  return best;
}

function drain(t: Transform, chunks: Array<Buffer | string>): Promise<number> {
  return new Promise((resolve, reject) => {
    let n = 0;
    t.on('data', (d: Buffer | string) => { n += d.length; });
    t.on('end', () => resolve(n));
    t.on('error', reject);
    for (const c of chunks) t.write(c);
    t.end();
  });
}

const URL_ATTRS = ['href', 'src', 'action', 'formaction', 'poster', 'data', 'cite', 'background', 'srcset', 'imagesrcset', 'xlink:href'];

async function lolHtml(ctx: RewriteContext, chunks: Buffer[]): Promise<number> {
  let n = 0;
  const rw = new HTMLRewriter((out) => { n += out.length; });
  rw.on(URL_ATTRS.map((a) => `[${a.replace(':', '\\:')}]`).join(','), {
    element(el) {
      for (const a of URL_ATTRS) {
        const v = el.getAttribute(a);
        if (v !== null) {
          const next = ctx.hosts.url(v);
          if (next !== v) el.setAttribute(a, next);
        }
      }
    },
  });
  try {
    for (const c of chunks) await rw.write(c);
    await rw.end();
  } finally {
    rw.free();
  }
  return n;
}

const pages = corpusFiles('html', '.html');
if (pages.length === 0) {
  console.warn('bench/html: ../shared/corpus/html is absent; nothing to measure');
  process.exit(0);
}
const bodies = readAll(pages);
const work = bodies.map((b) => ({ chunks: chunksOf(b), ctx: createContext({ suffix: 'proxy.test', domains: [domainOf(b.toString('latin1'))].flatMap((d) => [d, '*.' + d]) }) }));
const totalBytes = bodies.reduce((s, b) => s + b.length, 0);

const runners: Record<string, () => Promise<void>> = {
  'spr createHtmlStream (all rules)': async () => { for (const w of work) await drain(createHtmlStream(w.ctx), w.chunks); },
  'parse5 RewritingStream, no-op': async () => {
    for (const w of work) {
      const dec = new StringDecoder('utf8');
      await drain(new RewritingStream(), w.chunks.map((c) => dec.write(c)).concat(dec.end()).filter((s) => s.length > 0));
    }
  },
  'lol-html (html-rewriter-wasm), URL attributes': async () => { for (const w of work) await lolHtml(w.ctx, w.chunks); },
};

// Interleaved: every pass runs each rewriter once, so a load change on this shared machine
// hits all of them alike; the ratios are the numbers to read.
const times: Record<string, number[]> = Object.fromEntries(Object.keys(runners).map((k) => [k, []]));
for (const run of Object.values(runners)) await run(); // warm-up
for (let i = 0; i < PASSES; i++) {
  for (const [name, run] of Object.entries(runners)) {
    const t = performance.now();
    await run();
    (times[name] as number[]).push(performance.now() - t);
  }
}
const results: Record<string, number> = {};
for (const [name, list] of Object.entries(times)) {
  const ms = list.sort((a, b) => a - b)[Math.floor(PASSES / 2)] as number;
  results[name] = totalBytes / 1e6 / (ms / 1000);
}

const stock = results['parse5 RewritingStream, no-op'] as number;
const lines = [
  `| rewriter | MB/s | × stock parse5 no-op |`,
  `|---|---:|---:|`,
  ...Object.entries(results).map(([k, v]) => `| ${k} | ${v.toFixed(1)} | ${(v / stock).toFixed(2)} |`),
];
const table = lines.join('\n');
console.log(table);
