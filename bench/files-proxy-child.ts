// The proxy of bench/files.bench.ts, in a process of its own so that its memory is its
// own: the tests' real node:http proxy (test/pipeline/exchange-support.ts startProxy:
// createPipeline(createRewriter(…), { gate: createFileControl({ policy, … }) }).handle),
// every upstream host sent to the bench's upstream on 127.0.0.1.
// Spoken to over IPC (see ProxyCommand): start, then `baseline` (full GC, the kernel's
// RSS high-water mark reset), then `report` (the high-water mark since, heap and
// external peaks sampled every 20 ms, the audit events). Exits when the parent lets go.
import { readFileSync, writeFileSync } from 'node:fs';
import { createFileControl, loadPolicy, openpgpProtector, type FileAuditEvent, type PolicyDocument } from '../src/files/index.js';
import { startProxy } from '../test/pipeline/exchange-support.js';

/** What the proxy runs: the pipeline alone, or file control with one of the bench's policies. */
export type ProxySetup = 'pipeline only' | 'metadata' | 'content' | 'protect';

/** The policies: each one's rule is the one the row is about (see the rows' notes in files.bench.ts). */
export const POLICIES: Record<Exclude<ProxySetup, 'pipeline only'>, PolicyDocument> = {
  // Metadata only: a PDF passes, anything else is blocked (so the file passing shows the rule matched).
  metadata: { default: 'block', rules: [{ name: 'PDFs pass', match: { contentType: ['application/pdf'] }, action: 'allow' }] },
  // A content rule on a file past the governed limit: cannot be inspected, so cannotInspect decides (monitor).
  content: {
    default: 'allow',
    cannotInspect: 'monitor',
    rules: [{ name: 'No SSNs', match: { content: ['\\b\\d{3}-\\d{2}-\\d{4}\\b'] }, action: 'block', message: 'Files with SSNs stay in the app.' }],
  },
  protect: { default: 'allow', protect: { with: 'openpgp' }, rules: [{ name: 'PDFs encrypted', match: { activity: ['download'], contentType: ['application/pdf'] }, action: 'protect' }] },
};

export type ProxyCommand =
  | { readonly type: 'start'; readonly setup: ProxySetup; readonly upstreamPort: number; readonly publicKey: string }
  | { readonly type: 'baseline' }
  | { readonly type: 'report' };

export type ProxyReply =
  | { readonly type: 'started'; readonly port: number }
  | { readonly type: 'baseline'; readonly rss: number }
  | { readonly type: 'report'; readonly hwm: number; readonly peakHeap: number; readonly peakExternal: number; readonly baseHeap: number; readonly baseExternal: number; readonly events: FileAuditEvent[] };

function highWaterMark(): number {
  const kb = /VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
  return Number(kb) * 1024;
}

const reply = (r: ProxyReply) => process.send?.(r);

/** The audit events of the measured exchange. */
const events: FileAuditEvent[] = [];

async function start(setup: ProxySetup, upstreamPort: number, publicKey: string): Promise<number> {
  const gate =
    setup === 'pipeline only'
      ? null
      : createFileControl({
          policy: loadPolicy(POLICIES[setup]),
          protectors: setup === 'protect' ? { openpgp: await openpgpProtector({ encryptionKeys: [publicKey] }) } : {},
          audit: (event) => events.push(event),
        });
  const { server, port } = await startProxy(upstreamPort, {}, gate === null ? {} : { gate });
  process.on('disconnect', () => {
    server.closeAllConnections();
    server.close();
    process.exit(0);
  });
  return port;
}

let base = { heapUsed: 0, external: 0 };
let peak = { heapUsed: 0, external: 0 };
let sampler: NodeJS.Timeout | undefined;

process.on('message', (command: ProxyCommand) => {
  if (command.type === 'start') {
    void start(command.setup, command.upstreamPort, command.publicKey).then((port) => reply({ type: 'started', port }));
  } else if (command.type === 'baseline') {
    const gc = (globalThis as { gc?: () => void }).gc as () => void;
    gc();
    gc();
    events.length = 0; // the warm-up's
    base = process.memoryUsage();
    peak = { ...base };
    writeFileSync('/proc/self/clear_refs', '5'); // VmHWM := the RSS now
    sampler = setInterval(() => {
      const m = process.memoryUsage();
      peak = { heapUsed: Math.max(peak.heapUsed, m.heapUsed), external: Math.max(peak.external, m.external) };
    }, 20);
    reply({ type: 'baseline', rss: process.memoryUsage.rss() });
  } else {
    clearInterval(sampler);
    reply({ type: 'report', hwm: highWaterMark(), peakHeap: peak.heapUsed, peakExternal: peak.external, baseHeap: base.heapUsed, baseExternal: base.external, events });
  }
});
