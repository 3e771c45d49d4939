// Rows of bench/files.bench.ts: what the proxy child measured over its baseline, and one
// row's figures gathered over interleaved passes (the median time, the worst memory).
import { MiB } from './files-bodies.js';
import type { ProxyReply } from './files-proxy-child.js';
import type { ProxyChild } from './files-transfer.js';

export const mib = (b: number) => (b / MiB).toFixed(1);

/** What the proxy child measured, as growth over its baseline. */
export interface Measured {
  readonly rss: number;
  readonly heap: number;
  readonly external: number;
  readonly decision: string;
}

export async function measure(proxy: ProxyChild, run: () => Promise<void>): Promise<Measured> {
  const base = (await proxy.ask({ type: 'baseline' })) as Extract<ProxyReply, { type: 'baseline' }>;
  await run();
  const r = (await proxy.ask({ type: 'report' })) as Extract<ProxyReply, { type: 'report' }>;
  const decision = r.events.map((e) => `${e.action}: ${e.reason}`).join('; ') || '–';
  return { rss: r.hwm - base.rss, heap: r.peakHeap - r.baseHeap, external: r.peakExternal - r.baseExternal, decision };
}

/** One row over the passes: times, the worst memory, the first pass's decision and check. */
export interface RowResult {
  readonly ms: number[];
  rss: number;
  heap: number;
  external: number;
  decision: string;
  bytes: number;
  check: string;
}

export const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)] as number;
export const memoryCells = (r: RowResult) => (Number.isNaN(r.rss) ? '| – | – | – | – ' : `| ${mib(r.rss)} MiB | ${mib(r.heap)} MiB | ${mib(r.external)} MiB | ${r.decision} `);

export function record(results: Map<string, RowResult>, label: string, ms: number, m: Measured | null): RowResult {
  const r = results.get(label) ?? { ms: [], rss: NaN, heap: NaN, external: NaN, decision: '–', bytes: 0, check: '' };
  results.set(label, r);
  r.ms.push(ms);
  if (m !== null) {
    r.rss = Number.isNaN(r.rss) ? m.rss : Math.max(r.rss, m.rss);
    r.heap = Number.isNaN(r.heap) ? m.heap : Math.max(r.heap, m.heap);
    r.external = Number.isNaN(r.external) ? m.external : Math.max(r.external, m.external);
    if (r.ms.length === 1) r.decision = m.decision;
  }
  return r;
}

