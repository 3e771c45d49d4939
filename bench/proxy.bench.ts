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
// Each server is warmed up (1 s of load) before its first cell. A cell is measured in
// passes interleaved with the other columns' (5 × 2 s), so a change of load on this shared
// machine hits every column alike; its latencies are those of every response of its passes
// (fractional ms), and "added" is the column's minus (a)'s.
// Run: npx tsx bench/proxy.bench.ts   (BENCH_QUICK=1: 3 passes × 1 s per cell instead of 5 × 2 s)
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { escapes, fetchVia } from '../test/pipeline/exchange-support.js';
import { APP_HOST, benchBodies, SUFFIX, type BenchBody } from './proxy-bodies.js';
import { LoadTally, type Load } from './proxy-load.js';
import type { ServerCommand, ServerReply, ServerRole } from './proxy-servers.js';

const QUICK = process.env.BENCH_QUICK !== undefined;
/** Passes per cell and seconds per pass. */
const PASSES = QUICK ? 3 : Number(process.env.BENCH_PASSES ?? 5);
const SECONDS = QUICK ? 1 : Number(process.env.BENCH_SECONDS ?? 2);
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

/** One cell: a column under one load, its passes added up. */
class Cell {
  readonly tally = new LoadTally();
  /** The answering process's CPU time over the passes, µs. */
  cpu = 0;

  constructor(
    readonly target: Target,
    readonly load: Load,
  ) {}

  async pass(): Promise<void> {
    const before = await this.target.server.cpu();
    await this.tally.run({ ...this.load, duration: SECONDS });
    this.cpu += (await this.target.server.cpu()) - before;
  }
}

const ms = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1));
const signed = (n: number) => `${n >= 0 ? '+' : ''}${ms(n)}`;

/** The rows of one response under one load; false when one of them is wrong. */
function printRows(body: BenchBody, connections: number, cells: Cell[], checks: string[]): boolean {
  const direct = cells[0]?.tally.summary() as ReturnType<LoadTally['summary']>;
  let ok = true;
  for (const [i, cell] of cells.entries()) {
    const r = cell.tally.summary();
    const isDirect = cell.target.column.role === 'direct';
    const check = cell.tally.failures > 0 ? `WRONG: ${cell.tally.failures} non-2xx, errors or timeouts` : (checks[i] as string);
    ok &&= !check.startsWith('WRONG');
    const cells = [
      body.label,
      String(connections),
      cell.target.column.label,
      ms(r.p50),
      ms(r.p99),
      isDirect ? '—' : signed(r.p50 - direct.p50),
      isDirect ? '—' : signed(r.p99 - direct.p99),
      r.requestsPerSecond.toFixed(0),
      r.mbPerSecond.toFixed(1),
      (cell.cpu / cell.tally.responses).toFixed(0),
      check,
    ];
    console.log(`| ${cells.join(' | ')} |`);
  }
  return ok;
}

/** Warm-up, then the interleaved passes of every column, for each load; prints the rows. */
async function measure(targets: Target[], body: BenchBody): Promise<boolean> {
  const checks = await Promise.all(targets.map((t) => check(t, body)));
  const loadOf = (t: Target, connections: number): Load => ({ url: `http://127.0.0.1:${t.port}${body.path}`, connections, headers: { ...body.request, host: hostFor(t) } });
  for (const t of targets) await new LoadTally().run({ ...loadOf(t, 10), duration: 1 }); // JIT, pools, connections
  let ok = true;
  for (const connections of CONNECTIONS) {
    const cells = targets.map((t) => new Cell(t, loadOf(t, connections)));
    for (let pass = 0; pass < PASSES; pass++) for (const cell of cells) await cell.pass();
    ok = printRows(body, connections, cells, checks) && ok;
  }
  return ok;
}

async function main(): Promise<boolean> {
  const started = performance.now();
  console.log(`proxy bench${QUICK ? ' (quick)' : ''}: node ${process.version}, ${new Date().toISOString()}, ${PASSES} passes × ${SECONDS} s per cell, load average at start ${loadavg()} (2 cores, shared)`);
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
    for (const body of bodies) ok = (await measure(targets, body)) && ok;
  } finally {
    await Promise.all(children.map((c) => c.stop()));
  }
  console.log(`\ndone in ${((performance.now() - started) / 1000).toFixed(0)} s; load average at end ${loadavg()}`);
  return ok;
}

if (!(await main())) process.exitCode = 1;
