// Peak memory of one maximal unit per content type (see memory-probe.ts: a JSON string,
// an HTML attribute value, an inline <script>/<style>, a JS or CSS body of exactly
// maxBufferBytes, with URLs on protected hosts every 4 KB or none), streamed through
// createRewriter in 64 KiB chunks, each in a child process of its own. All figures are
// growth over the child's baseline (input built, full GC), divided by the cap:
//   - live heap: the smallest --max-old-space-size (by bisection, to 1/8 cap) with which
//     the unit completes, minus the baseline heap: what the unit really needs;
//   - heap reached: the largest heap V8 reported before a GC (--trace-gc). V8 collects
//     lazily, so this includes garbage: what one stream alone lets the heap grow to;
//   - ext: the largest external memory (Buffers: the output) seen at chunk boundaries;
//   - RSS: the kernel's high-water mark (VmHWM, reset at the baseline);
//   - allocated: all heap allocation during the run: the copies made (a quadratic
//     rewrite shows here first);
//   - output: whether the bytes are the expected ones (every URL proxied, nothing else).
// Run: npx tsx bench/memory.bench.ts [unit ...]   (BENCH_QUICK=1: no bisection)
// MEMORY_CAP=<bytes> sets the cap (default 16 MiB).
import { expectedDigest, MiB, probe, UNITS } from './memory-probe.js';

/** The smallest --max-old-space-size in MB (to `step` MB) with which the unit completes. */
function smallestFit(name: string, cap: number, upperMb: number, step: number): number {
  let lo = 0;
  let hi = Math.ceil(upperMb / step) * step;
  while (!probe(name, cap, hi).ok) {
    lo = hi;
    hi *= 2;
    if (hi > 8192) return NaN;
  }
  while (hi - lo > step) {
    const mid = Math.round((lo + hi) / 2 / step) * step;
    if (mid <= lo || mid >= hi) break;
    if (probe(name, cap, mid).ok) hi = mid;
    else lo = mid;
  }
  return hi;
}

const quick = process.env.BENCH_QUICK !== undefined;
const cap = Number(process.env.MEMORY_CAP ?? 16 * MiB);
const only = process.argv.slice(2);
const names = Object.keys(UNITS).filter((n) => only.length === 0 || only.some((o) => n.includes(o)));
console.log(`memory bench: one unit per child process, maxBufferBytes = ${cap / MiB} MiB, 64 KiB chunks, node ${process.version}`);
console.log('Growth over the baseline, in caps (÷ maxBufferBytes).');
console.log('');
console.log('| unit | live heap | + ext | heap reached | + ext | RSS | allocated | output | s |');
console.log('|---|---:|---:|---:|---:|---:|---:|---|---:|');
const f = (b: number) => `${(b / cap).toFixed(2)}×`;
for (const name of names) {
  const r = probe(name, cap);
  if (!r.ok || r.result === undefined) {
    console.log(`| ${name} | failed: ${r.error?.split('\n').find((l) => l.includes('Error')) ?? ''} | | | | | | | |`);
    continue;
  }
  const x = r.result;
  const reached = r.gcPeak - x.baseHeap;
  const ext = x.peakExternal - x.baseExternal;
  let live = '';
  let liveExt = '';
  if (!quick) {
    const step = Math.max(1, Math.round(cap / 8 / MiB));
    const mb = smallestFit(name, cap, r.gcPeak / MiB + step, step);
    const need = mb * MiB - x.baseHeap;
    live = Number.isNaN(mb) ? 'n/a' : f(need);
    liveExt = Number.isNaN(mb) ? '' : f(need + ext);
  }
  const output = x.sha === expectedDigest(name, cap) ? 'as expected' : 'WRONG';
  console.log(`| ${name} | ${live} | ${liveExt} | ${f(reached)} | ${f(reached + ext)} | ${f(x.hwm - x.baseRss)} | ${f(r.allocated)} | ${output} | ${(r.ms / 1000).toFixed(1)} |`);
}
