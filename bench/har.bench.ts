// `spr har` on a 1 GB synthetic HAR with one 600 MB HTML body (protected URLs all through
// it), the CLI in a child process of its own: its peak RSS (the kernel's, through
// /usr/bin/time, else VmHWM polled from /proc) must stay under 300 MB. The HAR is generated
// lazily to a temp file (bench/har-synthetic.ts: never held in memory). The output is
// checked: it parses as a HAR to the end (streaming), no unproxied protected URL is left
// in it, every protected URL of the input is there proxied, and its size is the input's
// plus the suffixes added.
// Run: npx tsx bench/har.bench.ts   (BENCH_QUICK=1: a 120 MB HAR with a 70 MB body)
// The built CLI (dist/cli/main.js, `npm run build`) is measured when present, else the
// source through tsx (its loader adds to the RSS; the row says which).
import { spawn } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readHar } from '../src/har/stream/index.js';
import { generateSyntheticHar } from './har-synthetic.js';

const MB = 1e6;
const quick = process.env.BENCH_QUICK === '1';
const root = fileURLToPath(new URL('..', import.meta.url));
const BODY_BYTES = (quick ? 70 : 600) * MB;
const OTHER_BYTES = (quick ? 50 : 400) * MB;
/** The bound on the CLI's peak RSS. */
const RSS_LIMIT = 300 * MB;

const SUFFIX = 'proxy.test';
/** The synthetic HAR's only host, protected: every URL in it goes through the proxy. */
const PROTECTED = 'https://app.example.com/';
const PROXIED = `https://app.example.com.${SUFFIX}/`;

interface Measured {
  readonly seconds: number;
  readonly peakRssBytes: number;
  readonly how: string;
}

/** Runs a command, measuring its peak RSS: GNU time's %M (the kernel's max RSS), else VmHWM polled. */
async function measure(command: string, args: string[]): Promise<Measured> {
  const gnuTime = existsSync('/usr/bin/time');
  const argv = gnuTime ? ['-f', 'SPR_BENCH_RSS_KB %M', command, ...args] : args;
  const child = spawn(gnuTime ? '/usr/bin/time' : command, argv, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  let polled = 0;
  const poll = gnuTime
    ? null
    : setInterval(() => {
        const kb = /VmHWM:\s+(\d+) kB/.exec(safeRead(`/proc/${child.pid}/status`))?.[1];
        if (kb !== undefined) polled = Math.max(polled, Number(kb) * 1024);
      }, 20);
  const start = performance.now();
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const seconds = (performance.now() - start) / 1000;
  if (poll !== null) clearInterval(poll);
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${code}:\n${stderr}`);
  const kb = /SPR_BENCH_RSS_KB (\d+)/.exec(stderr)?.[1];
  return gnuTime ? { seconds, peakRssBytes: Number(kb) * 1024, how: '/usr/bin/time' } : { seconds, peakRssBytes: polled, how: 'VmHWM' };
}

function safeRead(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

/** Occurrences of each needle in a file, streamed (a needle cut between chunks is found once). */
async function countInFile(path: string, needles: readonly string[]): Promise<number[]> {
  const patterns = needles.map((n) => Buffer.from(n));
  const keep = Math.max(...patterns.map((p) => p.length)) - 1;
  const counts = needles.map(() => 0);
  let tail = Buffer.alloc(0);
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const buf = Buffer.concat([tail, chunk as Buffer]);
    patterns.forEach((p, i) => {
      // Only matches that end past the carried tail are new.
      for (let at = buf.indexOf(p); at !== -1; at = buf.indexOf(p, at + 1)) if (at + p.length > tail.length) counts[i]++;
    });
    tail = buf.subarray(Math.max(0, buf.length - keep));
  }
  return counts;
}

/** Reads the whole output as a HAR (streaming, the big body spilled): its entry count; throws when it is no HAR. */
async function entriesOf(path: string): Promise<number> {
  const reader = readHar(createReadStream(path));
  let entries = 0;
  try {
    for await (const event of reader) if (event.kind === 'entry') entries++;
  } finally {
    await reader.close();
  }
  return entries;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'spr-har-bench-'));
  try {
    const input = join(dir, 'in.har');
    const output = join(dir, 'out.har');
    const report = join(dir, 'report.json');
    await generateSyntheticHar(input, BODY_BYTES, OTHER_BYTES);
    const inBytes = statSync(input).size;

    const built = join(root, 'dist/cli/main.js');
    const cli = existsSync(built) ? { command: process.execPath, args: [built], label: 'dist/cli/main.js' } : { command: process.execPath, args: ['--import', 'tsx', join(root, 'src/cli/main.ts')], label: 'src through tsx' };
    const run = await measure(cli.command, [...cli.args, 'har', input, '-o', output, '--report', report, '--suffix', SUFFIX, '--domain', 'example.com', '--domain', '*.example.com']);
    const summary = JSON.parse(readFileSync(report, 'utf8')) as { entries: { total: number }; mbPerSecond: number; escapesLeft: number | null; rewrites: Record<string, number> };

    const outBytes = statSync(output).size;
    const [inProtected] = await countInFile(input, [PROTECTED]);
    const [outProtected, outProxied] = await countInFile(output, [PROTECTED, PROXIED]);
    const entries = await entriesOf(output);
    // Each protected URL gains ".proxy.test"; the only other change is the rewritten
    // bodies' content.size (the huge body's -1 becomes its size): a few bytes.
    const expectedBytes = inBytes + inProtected * (SUFFIX.length + 1);
    const sizeOk = outBytes >= expectedBytes && outBytes - expectedBytes <= 64;
    const checks = [
      entries === summary.entries.total ? `${entries} entries read back` : `ENTRIES ${entries} ≠ ${summary.entries.total}`,
      outProtected === 0 ? 'no unproxied URL left' : `${outProtected} UNPROXIED URLS LEFT`,
      outProxied === inProtected ? `${inProtected} URLs proxied` : `PROXIED ${outProxied} ≠ ${inProtected}`,
      sizeOk ? `size = input + suffixes + ${outBytes - expectedBytes} B of content.size` : `SIZE ${outBytes} ≠ ${expectedBytes} (+ at most 64)`,
      summary.escapesLeft === 0 ? 'audit: 0 escapes' : `AUDIT: ${summary.escapesLeft} ESCAPES`,
    ];
    const ok = run.peakRssBytes < RSS_LIMIT && entries === summary.entries.total && outProtected === 0 && outProxied === inProtected && sizeOk && summary.escapesLeft === 0;

    console.log(`\n\`spr har\` (${cli.label}) on a synthetic HAR, peak RSS by ${run.how} (Node ${process.version}, ${quick ? 'BENCH_QUICK' : 'full'})\n`);
    console.log('| input | HAR MB | body MB | s | MB/s (summary) | peak RSS MB | under 300 MB | output checks |');
    console.log('|---|---:|---:|---:|---:|---:|:-:|---|');
    console.log(
      `| ${summary.entries.total} entries, one HTML body of ${BODY_BYTES / MB} MB | ${(inBytes / MB).toFixed(0)} | ${BODY_BYTES / MB} | ${run.seconds.toFixed(1)} | ${summary.mbPerSecond.toFixed(1)} | ${(run.peakRssBytes / MB).toFixed(0)} | ${run.peakRssBytes < RSS_LIMIT ? 'yes' : '**NO**'} | ${checks.join('; ')} |`,
    );
    if (!ok) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
