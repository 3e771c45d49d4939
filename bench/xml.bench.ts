/**
 * XML mode throughput: the four documents of test/html/xml-documents (XHTML page, SVG
 * drawing, Atom and RSS feeds), each grown to about 1 MB (its body repeated), in 16 KiB
 * chunks through
 *   - createHtmlStream({ document: 'xml' }) (this library's XML mode, every rule),
 *   - createHtmlStream() on the same bytes (the HTML mode: what a proxy ran before),
 *   - the XML tokenizer alone, with a sink that does nothing (the parsing floor).
 * `npx tsx bench/xml.bench.ts` prints MB/s (median of interleaved passes); `BENCH_QUICK=1` shortens it.
 */
import { readFileSync } from 'node:fs';
import type { Transform } from 'node:stream';
import { createContext } from '../src/context.js';
import { createHtmlStream } from '../src/html/index.js';
import { XmlTokenizer, type XmlTokenSink } from '../src/html/xml-tokenizer.js';

const CHUNK = 16 * 1024;
const QUICK = process.env.BENCH_QUICK === '1';
const PASSES = Number(process.env.BENCH_PASSES ?? (QUICK ? 3 : 7));
const TARGET = QUICK ? 256 * 1024 : 1024 * 1024;

/** The document with the part between the first `open` and the last `close` repeated up to about TARGET bytes. */
function grow(name: string, open: string, close: string): Buffer {
  const text = readFileSync(new URL(`../test/html/xml-documents/${name}`, import.meta.url), 'utf8');
  const from = text.indexOf(open);
  const to = text.lastIndexOf(close);
  const middle = text.slice(from, to);
  const times = Math.max(1, Math.ceil(TARGET / middle.length));
  return Buffer.from(text.slice(0, from) + middle.repeat(times) + text.slice(to), 'utf8');
}

const docs: Record<string, Buffer> = {
  'page.xhtml': grow('page.xhtml', '<div id="header"', '</body>'),
  'drawing.svg': grow('drawing.svg', '<g inkscape:label', '<script'),
  'feed.atom': grow('feed.atom', '<entry>', '</feed>'),
  'feed.rss': grow('feed.rss', '<item>', '</channel>'),
};

function chunksOf(b: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < b.length; i += CHUNK) out.push(b.subarray(i, i + CHUNK));
  return out;
}

function drain(t: Transform, chunks: Buffer[]): Promise<number> {
  return new Promise((resolve, reject) => {
    let n = 0;
    t.on('data', (d: Buffer) => { n += d.length; });
    t.on('end', () => resolve(n));
    t.on('error', reject);
    for (const c of chunks) t.write(c);
    t.end();
  });
}

const nothing = (): void => {};
const idle: XmlTokenSink = { text: nothing, cdata: nothing, markup: nothing, subset: nothing, startTag: nothing, endTag: nothing, stylesheet: nothing, oversized: nothing };
const ctx = createContext({ suffix: 'proxy.test', domains: ['example.com', '*.example.com'] });

const runners: Record<string, (chunks: Buffer[]) => Promise<unknown>> = {
  'XML mode (all rules)': (chunks) => drain(createHtmlStream(ctx, { document: 'xml' }), chunks),
  'HTML mode, same bytes': (chunks) => drain(createHtmlStream(ctx), chunks),
  'XML tokenizer alone': async (chunks) => {
    const t = new XmlTokenizer(idle, Infinity);
    for (const c of chunks) t.write(c.toString('latin1'));
    t.end();
  },
};

const rows: string[] = ['| document | size | ' + Object.keys(runners).join(' MB/s | ') + ' MB/s |', '|---|---:|' + Object.keys(runners).map(() => '---:').join('|') + '|'];
for (const [name, doc] of Object.entries(docs)) {
  const chunks = chunksOf(doc);
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(runners).map((k) => [k, []]));
  for (const run of Object.values(runners)) await run(chunks);
  for (let i = 0; i < PASSES; i++) {
    for (const [k, run] of Object.entries(runners)) {
      const t = performance.now();
      await run(chunks);
      (times[k] as number[]).push(performance.now() - t);
    }
  }
  const mbs = Object.values(times).map((list) => doc.length / 1e6 / ((list.sort((a, b) => a - b)[Math.floor(PASSES / 2)] as number) / 1000));
  rows.push(`| ${name} | ${(doc.length / 1e6).toFixed(2)} MB | ${mbs.map((v) => v.toFixed(1)).join(' | ')} |`);
}
console.log(rows.join('\n'));
