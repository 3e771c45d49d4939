// OpenPGP protector: streaming throughput and peak memory for a large generated download.
// Each row runs in a child process of its own (keys made, modules loaded, a full GC, then
// the kernel's RSS high-water mark reset), encrypts SIZE bytes made lazily in 64 KiB
// chunks through openpgpProtector and reads the encrypted stream to its end, as a proxy
// writing it to the user would:
//   - MB/s: input bytes (MiB) per second of wall time, key set-up excluded;
//   - peak RSS growth: VmHWM over the baseline (what the process needed at its worst,
//     garbage included); the input size is the figure to compare it with;
//   - read ahead: the most bytes taken from the body and not yet given out as output.
// The "pass-through" row is the generator and a reader alone: the floor.
// Run: npx tsx bench/protect.bench.ts   (BENCH_QUICK=1: 64 MiB instead of 256 MiB)
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generateKey } from 'openpgp';
import { openpgpProtector } from '../src/files/protect/index.js';

const MiB = 1024 * 1024;
const CHUNK = 64 * 1024;

interface Row {
  readonly recipients: number;
  readonly armor: boolean;
  readonly encrypt: boolean;
}
const ROWS: Record<string, Row> = {
  'pass-through (no encryption)': { recipients: 0, armor: false, encrypt: false },
  'openpgp binary, 1 recipient': { recipients: 1, armor: false, encrypt: true },
  'openpgp binary, 2 recipients': { recipients: 2, armor: false, encrypt: true },
  'openpgp armored, 1 recipient': { recipients: 1, armor: true, encrypt: true },
};

interface Result {
  readonly ms: number;
  readonly outBytes: number;
  readonly rssGrowth: number;
  readonly readAhead: number;
}

function highWaterMark(): number {
  const kb = /VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
  return Number(kb) * 1024;
}

/** `total` bytes made as they are read, with a count of what was handed out. */
function lazyBody(total: number): { body: ReadableStream<Uint8Array>; pulled: () => number } {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (pulled >= total) return controller.close();
        const chunk = new Uint8Array(Math.min(CHUNK, total - pulled));
        for (let i = 0; i < chunk.length; i += 512) chunk[i] = (pulled + i) >>> 9;
        pulled += chunk.length;
        controller.enqueue(chunk);
      },
    },
    { highWaterMark: 1 },
  );
  return { body, pulled: () => pulled };
}

async function child(name: string, size: number, out: string): Promise<void> {
  const row = ROWS[name] as Row;
  const keys: string[] = [];
  for (let i = 0; i < row.recipients; i++) {
    keys.push((await generateKey({ type: 'ecc', curve: 'curve25519Legacy', userIDs: [{ name: `r${i}` }], format: 'armored' })).publicKey);
  }
  const protector = row.encrypt ? await openpgpProtector({ encryptionKeys: keys, armor: row.armor }) : null;
  const facts = { activity: 'download', name: 'big.bin', extension: 'bin', declaredType: null, sniffedType: null, size, partial: false, url: 'https://app.example.com/big.bin', appHost: 'app.example.com' } as const;
  (globalThis as { gc?: () => void }).gc?.();
  const baseline = process.memoryUsage.rss();
  writeFileSync('/proc/self/clear_refs', '5'); // VmHWM := current RSS
  const { body, pulled } = lazyBody(size);
  const t0 = performance.now();
  const stream = protector === null ? body : (await protector.protect(facts, body, { with: 'openpgp' })).body;
  let outBytes = 0;
  let readAhead = 0;
  for await (const chunk of stream) {
    outBytes += chunk.length;
    readAhead = Math.max(readAhead, pulled() - outBytes);
  }
  const ms = performance.now() - t0;
  const result: Result = { ms, outBytes, rssGrowth: highWaterMark() - baseline, readAhead };
  writeFileSync(out, JSON.stringify(result));
}

function run(name: string, size: number): Result | string {
  const self = fileURLToPath(import.meta.url);
  const out = `/tmp/protect-bench-${process.pid}.json`;
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', self, '--child', name, String(size), out], { cwd: fileURLToPath(new URL('..', import.meta.url)), encoding: 'utf8' });
  if (r.status !== 0) return (r.stderr || `exit ${r.status}`).split('\n').find((l) => l.includes('Error')) ?? 'failed';
  const result = JSON.parse(readFileSync(out, 'utf8')) as Result;
  rmSync(out);
  return result;
}

const args = process.argv.slice(2);
if (args[0] === '--child') {
  await child(args[1] as string, Number(args[2]), args[3] as string);
} else {
  const size = (process.env.BENCH_QUICK !== undefined ? 64 : 256) * MiB;
  console.log(`protect bench: ${size / MiB} MiB generated lazily in 64 KiB chunks, one child process per row, node ${process.version}`);
  console.log('');
  console.log('| row | MB/s | peak RSS growth | ÷ input | read ahead | output bytes |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const name of Object.keys(ROWS)) {
    const r = run(name, size);
    if (typeof r === 'string') {
      console.log(`| ${name} | failed: ${r} | | | | |`);
      continue;
    }
    const mbs = size / MiB / (r.ms / 1000);
    console.log(`| ${name} | ${mbs.toFixed(0)} | ${(r.rssGrowth / MiB).toFixed(1)} MiB | ${(r.rssGrowth / size).toFixed(2)}× | ${(r.readAhead / MiB).toFixed(2)} MiB | ${r.outBytes} |`);
  }
}
