// File control (src/files) at scale, through real sockets:
// 1. A 1 GiB download (BENCH_QUICK: 256 MiB) through the real pipeline with file control
//    as its gate: upstream (node:http, 127.0.0.1) streams a PDF-like file made as it is
//    sent (files-bodies.ts), the proxy (node:http + createPipeline + createFileControl) runs
//    in a child process of its own (files-proxy-child.ts), and a client reads, counts and
//    hashes the body. Policies (files-proxy-child.ts POLICIES): (a) a metadata-only rule
//    that allows PDFs, (b) a content rule on a file past the governed limit (50 MiB), so
//    it cannot be inspected and cannotInspect (monitor) decides, (c) protect with OpenPGP.
//    Per row: MB/s (input MiB per second, request to last byte), the time ÷ the direct
//    fetch (no proxy), the proxy's peak RSS growth (the kernel's high-water mark over its
//    baseline after a warm-up exchange and a full GC), its heap and external (Buffer)
//    peaks sampled every 20 ms, the audit event's action and reason, and the check: the
//    SHA-256 of what the client got equals the input's (allow, monitor), or the .pgp
//    decrypts (streaming, after the clock stops) to exactly the input (protect).
// 2. Hostile regular expressions as content rules on 30 MiB files (files-hostile.ts):
//    wall time of control.file() (sniff, read, extract, search, decide) per pattern, with
//    the default character limit and with it raised past the file; native RegExp on a
//    tiny input once, for contrast.
// 3. Multipart uploads past the gate's hold (50 MiB + 1 MiB): 200 MiB of files as one
//    part, 8 parts and 40 parts; upstream hashes what it got, against what was sent.
// Rows 1 and 3 run as interleaved passes (BENCH_PASSES, default 3): the median time, the worst memory.
// Run: npx tsx bench/files.bench.ts   (BENCH_QUICK=1: one pass, 256 MiB download, 80 MiB upload)
// Disk: only the protect rows keep the .pgp (≈ the input size) in the temp directory, one at a time.
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKey } from 'openpgp';
import { MiB, multipartUpload, pdfLikeFile, sha256Of, type MultipartUpload } from './files-bodies.js';
import { HOSTILE_SIZE_MIB, hostileFiles, hostileRows, nativeOnce, WHOLE_FILE_CHARS } from './files-hostile.js';
import type { ProxySetup } from './files-proxy-child.js';
import { measure, median, memoryCells, mib, record, type Measured, type RowResult } from './files-rows.js';
import { decryptedSha256, download, ProxyChild, startUpstream, upload, type Fetched } from './files-transfer.js';

const QUICK = process.env.BENCH_QUICK !== undefined;
const SIZE = (QUICK ? 256 : 1024) * MiB;
const UPLOAD = (QUICK ? 80 : 200) * MiB;
const WARM_UP = 2 * MiB;
/** Interleaved passes; the median time is reported (memory: the worst pass). */
const PASSES = QUICK ? 1 : Number(process.env.BENCH_PASSES ?? 3);
const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

interface DownloadRow {
  readonly label: string;
  readonly setup: ProxySetup | 'direct';
  readonly length: boolean;
  readonly attachment: boolean;
  /** Fetched by script (`Sec-Fetch-Dest: empty`) as application/octet-stream: a file only by its bytes. */
  readonly script?: boolean;
}

const DOWNLOADS: DownloadRow[] = [
  { label: 'direct: client ← upstream, no proxy', setup: 'direct', length: true, attachment: true },
  { label: 'pipeline, no gate', setup: 'pipeline only', length: true, attachment: true },
  { label: '(a) metadata rule: allow; Content-Length, attachment', setup: 'metadata', length: true, attachment: true },
  { label: '(a) metadata rule: allow; chunked, attachment', setup: 'metadata', length: false, attachment: true },
  { label: '(a) metadata rule: allow; chunked, script fetch, sniffed', setup: 'metadata', length: false, attachment: false, script: true },
  { label: '(b) content rule, cannot inspect → monitor; Content-Length', setup: 'content', length: true, attachment: true },
  { label: '(b) content rule, cannot inspect → monitor; chunked', setup: 'content', length: false, attachment: true },
  { label: '(c) protect, OpenPGP; Content-Length', setup: 'protect', length: true, attachment: true },
  { label: '(c) protect, OpenPGP; chunked', setup: 'protect', length: false, attachment: true },
];

function pathOf(row: DownloadRow, size: number): string {
  const q = new URLSearchParams({ size: String(size), length: row.length ? '1' : '0', attachment: row.attachment ? '1' : '0', type: row.script ? 'application/octet-stream' : 'application/pdf' });
  return `/dl/report.pdf?${q}`;
}

function requestHeaders(row: DownloadRow): Record<string, string> {
  return { 'sec-fetch-dest': row.script ? 'empty' : 'document', 'user-agent': 'files-bench' };
}

/** One download of SIZE bytes for `row`: the proxy child started, warmed up, measured, stopped. */
async function downloadOnce(row: DownloadRow, upstreamPort: number, publicKey: string, keep: string | undefined): Promise<{ got: Fetched; m: Measured | null }> {
  if (row.setup === 'direct') return { got: await download(upstreamPort, pathOf(row, SIZE), requestHeaders(row)), m: null };
  const { proxy, port } = await ProxyChild.start(row.setup, upstreamPort, publicKey);
  try {
    await download(port, pathOf(row, WARM_UP), requestHeaders(row));
    let got: Fetched | null = null;
    const m = await measure(proxy, async () => {
      got = await download(port, pathOf(row, SIZE), requestHeaders(row), keep);
    });
    return { got: got as unknown as Fetched, m };
  } finally {
    await proxy.stop();
  }
}

async function downloads(upstreamPort: number, keys: { publicKey: string; privateKey: string }, expected: string): Promise<void> {
  const results = new Map<string, RowResult>();
  // Passes interleave the rows, so a change of load on this shared machine hits every row alike.
  for (let pass = 0; pass < PASSES; pass++) {
    for (const row of DOWNLOADS) {
      const keep = row.setup === 'protect' ? join(tmpdir(), `files-bench-${process.pid}.pgp`) : undefined;
      const { got, m } = await downloadOnce(row, upstreamPort, keys.publicKey, keep);
      const r = record(results, row.label, got.ms, m);
      r.bytes = got.bytes;
      let check: string;
      if (keep !== undefined) {
        // The .pgp is decrypted after the clock stopped (on the first pass: it takes as long as the encryption).
        const t = performance.now();
        const plain = pass > 0 ? null : await decryptedSha256(keep, keys.privateKey).catch((err: Error) => ({ sha256: `error: ${err.message}`, bytes: 0 }));
        rmSync(keep, { force: true });
        const named = `as ${got.headers['content-disposition'] ?? 'no name'}`;
        check = plain === null ? r.check : `${plain.sha256 === expected && plain.bytes === SIZE ? 'decrypts to the input' : `WRONG (${plain.bytes} bytes, ${plain.sha256.slice(0, 12)})`}, ${named} (${((performance.now() - t) / 1000).toFixed(1)} s to check)`;
      } else {
        check = got.sha256 === expected && got.bytes === SIZE ? 'SHA-256 = input' : `WRONG (status ${got.status}) ${got.text.slice(0, 80)}`;
      }
      if (r.check === '' || check.startsWith('WRONG')) r.check = check;
    }
  }
  const direct = median((results.get(DOWNLOADS[0]?.label ?? '') as RowResult).ms);
  console.log(`\n(1) a ${mib(SIZE)} MiB PDF-like download through the pipeline and file control (median of ${PASSES} interleaved pass${PASSES > 1 ? 'es' : ''}; memory: the worst pass)\n`);
  console.log('| row | MB/s | time ÷ direct | proxy peak RSS growth | heap peak | external peak | audit: action, reason | bytes to the client | check |');
  console.log('|---|---:|---:|---:|---:|---:|---|---:|---|');
  for (const [label, r] of results) {
    const ms = median(r.ms);
    console.log(`| ${label} | ${(SIZE / MiB / (ms / 1000)).toFixed(0)} | ${(ms / direct).toFixed(2)} ${memoryCells(r)}| ${r.bytes.toLocaleString('en')} | ${r.check} |`);
  }
}

/** One upload through a proxy child: the proxy's memory, and whether upstream got the bytes sent. */
async function uploadOnce(setup: ProxySetup, upstreamPort: number, publicKey: string, body: MultipartUpload): Promise<{ ms: number; m: Measured; check: string }> {
  const { proxy, port } = await ProxyChild.start(setup, upstreamPort, publicKey);
  try {
    await upload(port, '/up', multipartUpload(1, WARM_UP));
    let sent: (Fetched & { sentSha256: string }) | null = null;
    const m = await measure(proxy, async () => {
      sent = await upload(port, '/up', body);
    });
    const got = sent as unknown as Fetched & { sentSha256: string };
    let received: { bytes: number; sha256: string };
    try {
      received = JSON.parse(got.text) as { bytes: number; sha256: string };
    } catch {
      received = { bytes: -1, sha256: got.text.slice(0, 80) };
    }
    const same = received.bytes === body.length && received.sha256 === got.sentSha256;
    return { ms: got.ms, m, check: same ? 'upstream got the same bytes (SHA-256)' : `WRONG: status ${got.status}, upstream got ${received.bytes} bytes ${received.sha256.slice(0, 80)}` };
  } finally {
    await proxy.stop();
  }
}

/** `allow ×8` for eight audit events that allowed. */
function actionCounts(decisions: string): string {
  const counts = new Map<string, number>();
  for (const d of decisions.split('; ')) counts.set(d.split(':')[0] as string, (counts.get(d.split(':')[0] as string) ?? 0) + 1);
  return [...counts].map(([action, n]) => (n === 1 ? action : `${action} ×${n}`)).join(', ');
}

async function uploads(upstreamPort: number, keys: { publicKey: string }): Promise<void> {
  const rows: [string, ProxySetup, MultipartUpload][] = [
    ['pipeline, no gate: 1 file part', 'pipeline only', multipartUpload(1, UPLOAD)],
    ['file control: 1 file part', 'metadata', multipartUpload(1, UPLOAD)],
    [`file control: 8 file parts of ${mib(UPLOAD / 8)} MiB`, 'metadata', multipartUpload(8, UPLOAD / 8)],
    [`file control: 40 file parts of ${mib(UPLOAD / 40)} MiB`, 'metadata', multipartUpload(40, UPLOAD / 40)],
  ];
  const results = new Map<string, RowResult>();
  for (let pass = 0; pass < PASSES; pass++) {
    for (const [label, setup, body] of rows) {
      const { ms, m, check } = await uploadOnce(setup, upstreamPort, keys.publicKey, body);
      const r = record(results, label, ms, { ...m, decision: actionCounts(m.decision) });
      r.bytes = body.length;
      if (r.check === '' || check.startsWith('WRONG')) r.check = check;
    }
  }
  console.log(`\n(3) multipart uploads of ${mib(UPLOAD)} MiB of files, past the gate's hold (governed 50 MiB + 1 MiB); metadata rule: allow PDFs (median of ${PASSES}; memory: the worst pass)\n`);
  console.log('| row | MB/s | proxy peak RSS growth | heap peak | external peak | audit: actions | check |');
  console.log('|---|---:|---:|---:|---:|---|---|');
  for (const [label, r] of results) {
    const ms = median(r.ms);
    console.log(`| ${label} | ${(r.bytes / MiB / (ms / 1000)).toFixed(0)} ${memoryCells(r)}| ${r.check} |`);
  }
}

async function hostile(): Promise<void> {
  console.log(`\n(2) hostile content rules on ${HOSTILE_SIZE_MIB} MiB files: control.file() with a policy whose one rule blocks on the pattern(s), default allow, default 5 s classifier time\n`);
  console.log('| file | inspectChars | pattern | ms | action | reason |');
  console.log('|---|---:|---|---:|---|---|');
  let total = 0;
  await hostileRows(hostileFiles(), [1_000_000, WHOLE_FILE_CHARS], (r) => {
    total += r.ms;
    const delivered = r.delivered === null ? '' : ` (${r.delivered.toLocaleString('en')} bytes delivered)`;
    console.log(`| ${r.file} | ${r.inspectChars.toLocaleString('en')} | ${r.patterns} | ${r.ms.toFixed(0)} | ${r.action}${delivered} | ${r.reason.replace(/\|/g, '\\|')} |`);
  });
  console.log(`\nall rows: ${(total / 1000).toFixed(1)} s`);
  const n = QUICK ? 22 : 26;
  console.log(`\nfor contrast, native RegExp (backtracking) \`/(a+)+$/.test('a'.repeat(${n}) + '!')\`, once: ${nativeOnce(n).toFixed(0)} ms (each added \`a\` doubles it: 30 would take ${2 ** (30 - n)}× that, a 30 MiB file forever)`);
}

const started = performance.now();
console.log(`files bench${QUICK ? ' (quick)' : ''}: node ${process.version}, ${new Date().toISOString()}, load average at start ${loadavg()} (2 cores, shared)`);
const upstream = await startUpstream();
const keys = await generateKey({ type: 'ecc', curve: 'curve25519Legacy', userIDs: [{ name: 'files bench', email: 'bench@example.com' }], format: 'armored' });
const t = performance.now();
const expected = sha256Of(pdfLikeFile(SIZE));
console.log(`input: ${mib(SIZE)} MiB, the first 1 KiB of test/fixtures/files/text.pdf then xorshift filler, SHA-256 ${expected.slice(0, 16)}… (hashed in ${(performance.now() - t).toFixed(0)} ms)`);
try {
  await downloads(upstream.port, keys, expected);
  await hostile();
  await uploads(upstream.port, keys);
} finally {
  upstream.server.closeAllConnections();
  upstream.server.close();
}
console.log(`\ndone in ${((performance.now() - started) / 1000).toFixed(0)} s; load average at end ${loadavg()}`);
