// The proxy's cost per request, with autocannon 8 against a local upstream, in one run and
// side by side: (a) the upstream direct, (b) a plain non-rewriting proxy (http-proxy-3) as
// the anchor, (c) createProxyHandler with the client runtime on (its default), (d) the
// same with file control (a metadata policy). Three responses, each gzip-coded by the
// upstream (bench/proxy-bodies.ts): a ~20 KB HTML page with 50 protected URLs, a 1 MiB JSON
// answer full of them, a 1 MiB PDF download. One connection (the latency of one request)
// and ten (throughput under load).
// Every server runs in a process of its own (bench/proxy-servers.ts), autocannon in this
// one: load generator, proxy and upstream never share an event loop. Before a column is
// measured, one request checks what it returns: (a)/(b) the upstream's bytes, (c)/(d) the
// rewritten ones (every protected URL proxied, the runtime at the start of <head>, the
// download's bytes untouched); a row with any non-2xx answer, error or timeout is marked.
// Latencies are per response (fractional ms); "added" is the column's minus (a)'s.
// Run: npx tsx bench/proxy.bench.ts   (BENCH_QUICK=1: 3 s per cell instead of 10)
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { escapes, fetchVia } from '../test/pipeline/exchange-support.js';
import { APP_HOST, benchBodies, SUFFIX, type BenchBody } from './proxy-bodies.js';
import { runLoad, type LoadResult } from './proxy-load.js';
import type { ServerCommand, ServerReply, ServerRole } from './proxy-servers.js';

const QUICK = process.env.BENCH_QUICK !== undefined;
const SECONDS = QUICK ? 3 : Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = [1, 10];
const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

/** A server of proxy-servers.ts in a child process, spoken to over IPC. */
class ServerChild {
  private readonly child: ChildProcess;
  private readonly exited: Promise<unknown>;

  private constructor() {
    const script = fileURLToPath(new URL('./proxy-servers.ts', import.meta.url));
    this.child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: fileURLToPath(new URL('..', import.meta.url)), stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.exited = once(this.child, 'exit');
  }

  static async start(role: ServerRole, upstreamPort: number): Promise<{ server: ServerChild; port: number }> {
    const server = new ServerChild();
    const started = await server.ask({ type: 'start', role, upstreamPort });
    if (started.type !== 'started') throw new Error(`${role} answered ${started.type}`);
    return { server, port: started.port };
  }

  /** The process's CPU time so far (user + system), in µs. */
  async cpu(): Promise<number> {
    const r = await this.ask({ type: 'cpu' });
    return r.type === 'cpu' ? r.micros : Number.NaN;
  }

  private ask(command: ServerCommand): Promise<ServerReply> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`server child exited (${code}) before answering ${command.type}`));
      this.child.once('exit', onExit);
      this.child.once('message', (r: ServerReply) => {
        this.child.off('exit', onExit);
        resolve(r);
      });
      this.child.send(command);
    });
  }

  async stop(): Promise<void> {
    if (this.child.connected) this.child.disconnect();
    await this.exited;
  }
}

interface Column {
  readonly role: ServerRole | 'direct';
  readonly label: string;
  readonly rewrites: boolean;
}

const COLUMNS: Column[] = [
  { role: 'direct', label: '(a) upstream direct', rewrites: false },
  { role: 'anchor', label: '(b) http-proxy-3, no rewriting', rewrites: false },
  { role: 'handler', label: '(c) createProxyHandler, runtime on', rewrites: true },
  { role: 'files', label: '(d) (c) + file control, metadata policy', rewrites: true },
];

interface Target {
  readonly column: Column;
  readonly port: number;
  /** The process whose CPU time a request costs (the proxy; for (a) the upstream). */
  readonly server: ServerChild;
}

const hostFor = (t: Target) => (t.column.rewrites || t.column.role === 'anchor' ? `${APP_HOST}.${SUFFIX}:${t.port}` : APP_HOST);

/** The body a rewriting proxy must return: each protected https URL as its twin on the proxy's public origin. */
function rewritten(body: BenchBody, port: number): string {
  return body.body.toString('utf8').replace(/https:\/\/([a-z0-9.-]*acme-docs\.com)\//g, (_m, host: string) => `http://${host}.${SUFFIX}:${port}/`);
}

/** One request through `t`, before it is measured: is what comes back what a browser must get? */
async function check(t: Target, body: BenchBody): Promise<string> {
  const r = await fetchVia(t.port, hostFor(t), body.path, { headers: body.request });
  if (r.status !== 200 || r.error !== null) return `WRONG: status ${r.status} ${r.error?.message ?? r.body.toString().slice(0, 80)}`;
  const coding = `${r.headers['content-encoding'] ?? 'identity'}`;
  if (!t.column.rewrites || body.name === 'download') {
    return r.body.equals(body.body) ? `upstream's bytes (${coding})` : `WRONG: ${r.body.length} bytes, not the upstream's ${body.body.length}`;
  }
  const text = r.body.toString('utf8');
  // The page: the runtime's <script> first in <head> (after a <meta charset>, which must stay
  // in the first 1024 bytes; the runtime's config names the protected domains), then the
  // upstream page with its URLs proxied.
  const runtime = body.name === 'page' ? /(<head>(?:<meta charset="utf-8">)?)(<script\b[^>]*>[\s\S]*?<\/script>)/.exec(text) : null;
  if (body.name === 'page' && runtime === null) return 'WRONG: no runtime <script> at the start of <head>';
  const rest = runtime === null ? text : text.replace(runtime[0], runtime[1] as string);
  const proxied = rest.split(`.${SUFFIX}:${t.port}/`).length - 1;
  if (escapes(rest).length > 0 || proxied !== body.protectedUrls) return `WRONG: ${proxied} of ${body.protectedUrls} URLs proxied, ${escapes(rest).length} left`;
  const same = body.name === 'json' ? JSON.stringify(JSON.parse(rest)) === JSON.stringify(JSON.parse(rewritten(body, t.port))) : rest === rewritten(body, t.port);
  if (!same) return `WRONG: not the upstream's ${body.name} with its URLs proxied`;
  return `rewritten: ${proxied} URLs proxied${runtime === null ? '' : `, runtime ${((runtime[2] as string).length / 1024).toFixed(1)} KiB`} (${coding})`;
}

interface Row {
  readonly column: Column;
  readonly result: LoadResult;
  readonly cpuPerRequestUs: number;
  readonly check: string;
}

async function measure(t: Target, body: BenchBody, connections: number, checked: string): Promise<Row> {
  const load = { url: `http://127.0.0.1:${t.port}${body.path}`, connections, headers: { ...body.request, host: hostFor(t) } };
  await runLoad({ ...load, amount: connections * 20 }); // warm-up: JIT, pools, connections
  const cpuBefore = await t.server.cpu();
  const result = await runLoad({ ...load, duration: SECONDS });
  const cpu = (await t.server.cpu()) - cpuBefore;
  const check = result.failures > 0 ? `WRONG: ${result.failures} non-2xx, errors or timeouts` : checked;
  return { column: t.column, result, cpuPerRequestUs: cpu / result.responses, check };
}

const ms = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1));
const signed = (n: number) => `${n >= 0 ? '+' : ''}${ms(n)}`;

function printRows(body: BenchBody, connections: number, rows: Row[]): void {
  const direct = rows[0]?.result as LoadResult;
  for (const r of rows) {
    const added = r.column.role === 'direct' ? '—' : signed(r.result.p50 - direct.p50);
    const added99 = r.column.role === 'direct' ? '—' : signed(r.result.p99 - direct.p99);
    const cells = [body.label, String(connections), r.column.label, ms(r.result.p50), ms(r.result.p99), added, added99, r.result.requestsPerSecond.toFixed(0), r.result.mbPerSecond.toFixed(1), r.cpuPerRequestUs.toFixed(0), r.check];
    console.log(`| ${cells.join(' | ')} |`);
  }
}

async function main(): Promise<boolean> {
  const started = performance.now();
  console.log(`proxy bench${QUICK ? ' (quick)' : ''}: node ${process.version}, ${new Date().toISOString()}, ${SECONDS} s per cell, load average at start ${loadavg()} (2 cores, shared)`);
  const bodies = benchBodies();
  const upstream = await ServerChild.start('upstream', 0);
  const children: ServerChild[] = [upstream.server];
  let ok = true;
  try {
    const targets: Target[] = [];
    for (const column of COLUMNS) {
      if (column.role === 'direct') {
        targets.push({ column, port: upstream.port, server: upstream.server });
        continue;
      }
      const { server, port } = await ServerChild.start(column.role, upstream.port);
      children.push(server);
      targets.push({ column, port, server });
    }
    console.log('\nlatency per response (ms, autocannon, fractional), added = the column minus (a); server CPU = the answering process (the proxy; for (a) the upstream) per request; MB/s as read by the client (gzip-coded)\n');
    console.log('| response | connections | server | p50 ms | p99 ms | added p50 ms | added p99 ms | req/s | MB/s | server CPU µs/req | check |');
    console.log('|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---|');
    for (const body of bodies) {
      const checks = await Promise.all(targets.map((t) => check(t, body)));
      for (const connections of CONNECTIONS) {
        const rows: Row[] = [];
        for (const [i, t] of targets.entries()) rows.push(await measure(t, body, connections, checks[i] as string));
        printRows(body, connections, rows);
        ok &&= rows.every((r) => !r.check.startsWith('WRONG'));
      }
    }
  } finally {
    await Promise.all(children.map((c) => c.stop()));
  }
  console.log(`\ndone in ${((performance.now() - started) / 1000).toFixed(0)} s; load average at end ${loadavg()}`);
  return ok;
}

if (!(await main())) process.exitCode = 1;
