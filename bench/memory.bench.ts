// Peak memory of one maximal unit (a JSON string, an HTML attribute value, an inline
// <script>/<style>, a JS or CSS body of exactly maxBufferBytes) streamed through
// createRewriter in 64 KiB chunks, each case in a child process of its own so peaks do
// not mix. Figures are growth over the child's baseline (after the input is built and a
// full GC), divided by the cap:
//   - heap: the largest heap size V8 reports before any GC during the run (--trace-gc),
//     an upper bound of the live peak (it includes garbage not yet collected);
//   - ext: the largest external memory (Buffers) seen at chunk boundaries;
//   - RSS: the kernel's high-water mark (VmHWM, reset at the baseline);
//   - fits: the smallest --max-old-space-size (MB, by bisection) with which the run
//     completes, minus the baseline heap: the heap the unit really needs (live);
//   - allocated: all heap allocation during the run (growth between GCs, summed): the
//     churn that lets the heap run ahead of what is live, as V8 collects lazily.
// Run: npx tsx bench/memory.bench.ts [case ...]   (BENCH_QUICK=1: 4 MiB cap, no bisection)
// MEMORY_CAP=<bytes> sets the cap.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createRewriter, type ContentKind } from '../src/index.js';

const MiB = 1024 * 1024;
const CHUNK = 64 * 1024;
const HOST_EVERY = 4096;

/** One maximal unit: the content kind, and the text around a unit body of `cap` bytes. */
interface Case {
  readonly kind: ContentKind;
  readonly before: string;
  readonly after: string;
  /** The unit's body, `size` bytes (Latin-1). */
  body(size: number): Buffer;
  /** The unit's size in caps (1 unless it shows the streaming path past the cap). */
  readonly caps?: number;
}

/** `size` bytes of `piece(i)` repeated, cut at `size`. */
function repeat(size: number, piece: (i: number) => string): Buffer {
  const out = Buffer.alloc(size);
  let at = 0;
  for (let i = 0; at < size; i++) at += out.write(piece(i), at, 'latin1');
  return out;
}

/** Deterministic base64-like filler: no host, no quote, no markup. */
function blob(size: number): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const out = Buffer.alloc(size);
  let x = 0x2545f491;
  for (let i = 0; i < size; i++) {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    out[i] = alphabet.charCodeAt((x >>> 0) & 63);
  }
  return out;
}

/** `prefix` + a URL on a protected host + path filler + `suffix`, HOST_EVERY bytes in all. */
function urlEvery(prefix: string, suffix: string): (size: number) => Buffer {
  return (size) => repeat(size, (i) => {
    const head = `${prefix}https://app${i % 7}.example.com/p/${i}/`;
    return head + 'x'.repeat(Math.max(0, HOST_EVERY - head.length - suffix.length)) + suffix;
  });
}

const CASES: Record<string, Case> = {
  'json string, URL every 4 KB': { kind: 'json', before: '{"k":"', after: '"}', body: urlEvery('', ' ') },
  'json string, base64, no host': { kind: 'json', before: '{"k":"', after: '"}', body: blob },
  'json string 3x cap, URLs (windows)': { kind: 'json', before: '{"k":"', after: '"}', body: urlEvery('', ' '), caps: 3 },
  'html attr data: URL, no host': { kind: 'html', before: '<!doctype html><img src="data:image/png;base64,', after: '">', body: blob },
  'html attr srcset, URLs': { kind: 'html', before: '<!doctype html><img srcset="', after: ' 1x">', body: urlEvery('', ' 2x, ') },
  'html attr style, URLs': { kind: 'html', before: '<!doctype html><div style="', after: '"></div>', body: urlEvery('background:url(', ');') },
  'html attr onclick, URLs': { kind: 'html', before: '<!doctype html><a onclick="', after: '">x</a>', body: urlEvery("f('", "');") },
  'html inline script, URLs': { kind: 'html', before: '<!doctype html><script>', after: '</script>', body: urlEvery('a("', '");\n') },
  'html inline style, URLs': { kind: 'html', before: '<!doctype html><style>', after: '</style>', body: urlEvery('.a{background:url(', ')}\n') },
  'js body, URLs': { kind: 'js', before: '', after: '', body: urlEvery('a("', '");\n') },
  'css body, URLs': { kind: 'css', before: '', after: '', body: urlEvery('.a{background:url(', ')}\n') },
};

const self = fileURLToPath(import.meta.url);

// ---------------------------------------------------------------- child: one run

function vmHwm(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}

async function child(name: string, cap: number): Promise<void> {
  const c = CASES[name] as Case;
  const input = Buffer.concat([Buffer.from(c.before, 'latin1'), c.body(cap * (c.caps ?? 1)), Buffer.from(c.after, 'latin1')]);
  const chunks: Buffer[] = [];
  for (let i = 0; i < input.length; i += CHUNK) chunks.push(input.subarray(i, i + CHUNK));
  const rw = createRewriter({ suffix: 'proxy.test', domains: ['example.com', '*.example.com'], maxBufferBytes: cap });
  const stream = c.kind === 'html' ? rw.html() : c.kind === 'js' ? rw.js() : c.kind === 'css' ? rw.css() : rw.json();
  const gc = (globalThis as { gc?: () => void }).gc as () => void;
  gc(); gc();
  const base = process.memoryUsage();
  try { writeFileSync('/proc/self/clear_refs', '5'); } catch { /* no reset: VmHWM counts from start */ }
  const baseRss = process.memoryUsage().rss;
  let peakHeap = 0;
  let peakExternal = 0;
  const sample = (): void => {
    const m = process.memoryUsage();
    if (m.heapUsed > peakHeap) peakHeap = m.heapUsed;
    if (m.external > peakExternal) peakExternal = m.external;
  };
  const hash = createHash('sha256');
  let outBytes = 0;
  // The marker the parent looks for in V8's trace: GCs before it are the baseline's.
  process.stderr.write('START\n');
  await pipeline(
    Readable.from((function* () { for (const ch of chunks) { sample(); yield ch; } })()),
    stream,
    new Writable({ write(chunk: Buffer, _e, cb) { sample(); hash.update(chunk); outBytes += chunk.length; cb(); } }),
  );
  sample();
  const result = {
    baseHeap: base.heapUsed, peakHeap, endHeap: process.memoryUsage().heapUsed, baseExternal: base.external, peakExternal,
    baseRss, hwm: vmHwm(), inBytes: input.length, outBytes, sha: hash.digest('hex').slice(0, 12),
  };
  process.stderr.write(`RESULT ${JSON.stringify(result)}\n`);
}

// ---------------------------------------------------------------- parent: the table

interface Run {
  readonly ok: boolean;
  readonly result?: { baseHeap: number; peakHeap: number; endHeap: number; baseExternal: number; peakExternal: number; baseRss: number; hwm: number; inBytes: number; outBytes: number; sha: string };
  /** Largest heap before any GC after the marker, bytes. */
  readonly gcPeak: number;
  /** Bytes allocated on the heap during the run (the growth between GCs, summed). */
  readonly allocated: number;
  readonly ms: number;
}

function run(name: string, cap: number, oldSpaceMb?: number): Run {
  const args = ['--expose-gc', '--trace-gc', '--import', 'tsx'];
  if (oldSpaceMb !== undefined) args.push(`--max-old-space-size=${oldSpaceMb}`);
  const start = performance.now();
  const r = spawnSync(process.execPath, [...args, self, '--child', name, String(cap)], { encoding: 'utf8', maxBuffer: 256 * MiB, timeout: 600_000 });
  const ms = performance.now() - start;
  const line = r.stderr.split('\n').find((l) => l.startsWith('RESULT '));
  // The trace lines after the last GC the child forced (reason "testing") belong to the run.
  const trace = r.stdout.split('\n');
  let from = 0;
  trace.forEach((l, i) => { if (l.includes('testing')) from = i; });
  let gcPeak = 0;
  let allocated = 0;
  let after = -1;
  for (const l of trace.slice(Math.max(0, from))) {
    const m = /: (?:Scavenge|Mark-Compact|Mark-sweep|Minor Mark-Compact|Minor Mark-Sweep)[^\d]*?([\d.]+) \([\d.]+\) -> ([\d.]+)/.exec(l);
    if (!m) continue;
    const before = Number(m[1]) * MiB;
    // Between two GCs the heap grows by what was allocated (the first line is the baseline's own GC).
    if (after >= 0) {
      gcPeak = Math.max(gcPeak, before);
      allocated += before - after;
    }
    after = Number(m[2]) * MiB;
  }
  if (r.status !== 0 || line === undefined) return { ok: false, gcPeak, allocated, ms };
  const result = JSON.parse(line.slice(7)) as NonNullable<Run['result']>;
  // What was allocated after the last GC is still on the heap at the end.
  if (after >= 0) allocated += Math.max(0, result.endHeap - after);
  return { ok: true, result, gcPeak, allocated, ms };
}

/** The smallest --max-old-space-size in MB (to `step` MB) with which the case completes. */
function smallestFit(name: string, cap: number, upperMb: number, step: number): number {
  let lo = 0;
  let hi = Math.ceil(upperMb / step) * step;
  while (!run(name, cap, hi).ok) { lo = hi; hi *= 2; if (hi > 8192) return NaN; }
  while (hi - lo > step) {
    const mid = Math.round((lo + hi) / 2 / step) * step;
    if (mid <= lo || mid >= hi) break;
    if (run(name, cap, mid).ok) hi = mid; else lo = mid;
  }
  return hi;
}

function parent(): void {
  const quick = process.env.BENCH_QUICK !== undefined;
  const cap = Number(process.env.MEMORY_CAP ?? (quick ? 4 * MiB : 16 * MiB));
  const only = process.argv.slice(2);
  const names = Object.keys(CASES).filter((n) => only.length === 0 || only.some((o) => n.includes(o)));
  console.log(`memory bench: one unit per child, maxBufferBytes = ${cap / MiB} MiB, 64 KiB chunks, node ${process.version}`);
  console.log('Growth over the baseline, in caps (÷ maxBufferBytes).');
  console.log('');
  console.log(`| unit | heap | ext | heap+ext | RSS | fits | allocated | out MB | s |`);
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const name of names) {
    const r = run(name, cap);
    if (!r.ok || r.result === undefined) {
      console.log(`| ${name} | failed | | | | | | | ${(r.ms / 1000).toFixed(1)} |`);
      continue;
    }
    const x = r.result;
    const heap = Math.max(r.gcPeak, x.peakHeap) - x.baseHeap;
    const ext = x.peakExternal - x.baseExternal;
    const rss = x.hwm - x.baseRss;
    let fits = '';
    if (!quick) {
      const step = Math.max(1, Math.round(cap / 4 / MiB));
      const mb = smallestFit(name, cap, (x.baseHeap + heap) / MiB + step, step);
      fits = Number.isNaN(mb) ? 'n/a' : `${((mb * MiB - x.baseHeap) / cap).toFixed(2)}×`;
    }
    const f = (b: number) => `${(b / cap).toFixed(2)}×`;
    console.log(`| ${name} | ${f(heap)} | ${f(ext)} | ${f(heap + ext)} | ${f(rss)} | ${fits} | ${f(r.allocated)} | ${(x.outBytes / 1e6).toFixed(1)} | ${(r.ms / 1000).toFixed(1)} |`);
  }
}

if (process.argv[2] === '--child') await child(process.argv[3] as string, Number(process.argv[4]));
else parent();
