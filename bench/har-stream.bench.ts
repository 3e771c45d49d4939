// Streaming HAR read + write throughput and peak memory: readHar → createHarWriter over the
// corpus (and JSON.parse + JSON.stringify of the same files as the in-memory peer), and over
// a synthetic HAR with one huge body, generated lazily to a temp file. Each run is a child
// process of its own, so its peak RSS is its own.
// Run: npx tsx bench/har-stream.bench.ts   (BENCH_QUICK=1: a 20 MB HAR with a 10 MB body, one corpus pass)
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { createHarWriter, readHar } from '../src/har/stream/index.js';
import { generateSyntheticHar } from './har-synthetic.js';

const MB = 1e6;
const MiB = 1024 * 1024;
const quick = process.env.BENCH_QUICK === '1';
const self = fileURLToPath(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));
const corpusDir = fileURLToPath(new URL('../../shared/corpus/har/', import.meta.url));

interface Result {
  bytes: number;
  ms: number;
  maxRssMiB: number;
}

/** A sink that only counts. */
class Counter extends Writable {
  bytes = 0;
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.bytes += chunk.length;
    done();
  }
}

async function streamOne(input: string, out: Writable): Promise<void> {
  const reader = readHar(createReadStream(input, { highWaterMark: 64 * 1024 }));
  const writer = createHarWriter(out);
  try {
    for await (const event of reader) {
      if (event.kind === 'entry') await writer.writeEntry(event.entry);
      else await writer.writeLogField(event.name, event.value);
    }
    await writer.end();
  } finally {
    await reader.close();
  }
}

function corpusFiles(): string[] {
  return existsSync(corpusDir) ? readdirSync(corpusDir).filter((n) => n.endsWith('.har')).sort().map((n) => corpusDir + n) : [];
}

/** The child: one measurement, printed as JSON on the last line. */
async function child(mode: string, arg: string): Promise<void> {
  const passes = Number(arg);
  let bytes = 0;
  const start = performance.now();
  if (mode === 'corpus-stream') {
    for (let p = 0; p < passes; p++) for (const file of corpusFiles()) {
      bytes += statSync(file).size;
      await streamOne(file, new Counter());
    }
  } else if (mode === 'corpus-json') {
    for (let p = 0; p < passes; p++) for (const file of corpusFiles()) {
      const text = readFileSync(file, 'utf8');
      bytes += Buffer.byteLength(text);
      JSON.stringify(JSON.parse(text.replace(/^\uFEFF/, '')));
    }
  } else if (mode === 'file-stream') {
    const [input, output] = arg.split('\n');
    bytes = statSync(input).size;
    await streamOne(input, createWriteStream(output));
  }
  const ms = performance.now() - start;
  const result: Result = { bytes, ms, maxRssMiB: process.resourceUsage().maxRSS / 1024 };
  console.log(JSON.stringify(result));
}

function runChild(mode: string, arg: string): Result {
  const r = spawnSync(process.execPath, ['--import', 'tsx', self, '--child', mode, arg], { cwd: root, encoding: 'utf8', maxBuffer: 64 * MiB });
  if (r.status !== 0) throw new Error(`child ${mode} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop() as string) as Result;
}

async function sha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function row(name: string, r: Result): string {
  const mb = r.bytes / MB;
  return `| ${name} | ${mb.toFixed(1)} | ${(r.ms / 1000).toFixed(2)} | ${(mb / (r.ms / 1000)).toFixed(1)} | ${r.maxRssMiB.toFixed(0)} |`;
}

async function main(): Promise<void> {
  const rows: string[] = [];
  const files = corpusFiles();
  const passes = quick ? 1 : 5;
  if (files.length > 0) {
    rows.push(row(`corpus (${files.length} HARs × ${passes}), readHar → createHarWriter`, runChild('corpus-stream', String(passes))));
    rows.push(row(`corpus (${files.length} HARs × ${passes}), JSON.parse + JSON.stringify (peer, in memory)`, runChild('corpus-json', String(passes))));
  } else console.warn('corpus absent: synthetic HAR only');

  const bodyBytes = (quick ? 10 : 100) * MB;
  const dir = mkdtempSync(join(tmpdir(), 'spr-har-bench-'));
  try {
    const input = join(dir, 'synthetic.har');
    const output = join(dir, 'out.har');
    await generateSyntheticHar(input, bodyBytes, bodyBytes);
    const r = runChild('file-stream', `${input}\n${output}`);
    const same = (await sha256(input)) === (await sha256(output));
    rows.push(row(`synthetic ${(statSync(input).size / MB).toFixed(0)} MB, one ${bodyBytes / MB} MB body (spilled), file → file${same ? ', output byte-identical' : ', OUTPUT DIFFERS'}`, r));
    if (!same) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`\nStreaming HAR read + write (Node ${process.version}, ${quick ? 'BENCH_QUICK' : 'full'})\n`);
  console.log('| input | MB | s | MB/s | peak RSS MiB |');
  console.log('|---|---:|---:|---:|---:|');
  for (const line of rows) console.log(line);
}

if (process.argv[2] === '--child') await child(process.argv[3], process.argv[4]);
else await main();
