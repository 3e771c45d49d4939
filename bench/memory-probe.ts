// One maximal unit (a JSON string, an HTML attribute value, an inline <script>/<style>, a
// JS or CSS body of exactly maxBufferBytes) streamed through createRewriter in 64 KiB
// chunks, in a child process of its own so that peaks do not mix. Used by
// bench/memory.bench.ts (the table) and test/*/memory.test.ts (a tight heap limit).
// The child is this file run with `node --import tsx bench/memory-probe.ts --child NAME CAP`.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
// The rewriter alone: the units measure rewriting, not the file-control modules the package face also loads.
import { createRewriter, type ContentKind } from '../src/rewriter.js';

export const MiB = 1024 * 1024;
const CHUNK = 64 * 1024;
/** A URL on a protected host every this many bytes. */
const HOST_EVERY = 4096;
const SUFFIX = '.proxy.test';

/** One piece of a unit's body: the text around a URL, and filler to make it HOST_EVERY bytes. */
type Piece = (url: string, filler: string) => string;

/** One maximal unit: the content kind and the text around a body of `caps` × the cap. */
export interface Unit {
  readonly kind: ContentKind;
  readonly before: string;
  readonly after: string;
  /** The body's pieces; null for a body with no host at all (a base64 blob). */
  readonly piece: Piece | null;
  /** Whether the rewriter proxies the URLs in the pieces (the expected output says so). */
  readonly rewritten: boolean;
  /** The body's size in caps: 1, or more to show the streaming path past the cap. */
  readonly caps: number;
}

const jsCode: Piece = (u, f) => `a("${u}");\nb='${f}';\n`;
const cssRules: Piece = (u, f) => `.a{background:url(${u})}\n.b{--pad:${f}}\n`;
const jsonText: Piece = (u, f) => `${u} ${f}`;

function unit(kind: ContentKind, before: string, after: string, piece: Piece | null, caps = 1): Unit {
  return { kind, before, after, piece, rewritten: piece !== null, caps };
}

export const UNITS: Record<string, Unit> = {
  'json string, URL every 4 KB': unit('json', '{"k":"', '"}', jsonText),
  'json string, base64, no host': unit('json', '{"k":"', '"}', null),
  'json string 3x cap, URLs (windows)': unit('json', '{"k":"', '"}', jsonText, 3),
  'html attr data: URL, no host': unit('html', '<!doctype html><img src="data:image/png;base64,', '">', null),
  'html attr data: URL 3x cap (held whole)': unit('html', '<!doctype html><img src="data:image/png;base64,', '">', null, 3),
  'html attr srcset, all URLs': unit('html', '<!doctype html><img srcset="', ' 1x">', (u, f) => `${u}${f} 2x, `),
  'html attr style, URLs': unit('html', '<!doctype html><div style="', '"></div>', (u, f) => `background:url(${u});--pad:${f};`),
  'html attr onclick, URLs': unit('html', '<!doctype html><a onclick="', '">x</a>', (u, f) => `a('${u}');b='${f}';`),
  'html attr JSON with &quot;, URLs': unit('html', '<!doctype html><div data-config="[', '{}]"></div>', (u, f) => `{&quot;u&quot;:&quot;${u}&quot;,&quot;p&quot;:&quot;${f}&quot;},`),
  'html inline script, URLs': unit('html', '<!doctype html><script>', '</script>', jsCode),
  'html inline style, URLs': unit('html', '<!doctype html><style>', '</style>', cssRules),
  'js body, URLs': unit('js', '', '', jsCode),
  'css body, URLs': unit('css', '', '', cssRules),
};

/** Deterministic base64-like filler: no host, no quote, no markup (also the linearity bench's). */
export function blob(size: number): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const out = Buffer.alloc(size);
  let x = 0x2545f491;
  for (let i = 0; i < size; i++) {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    out[i] = alphabet.charCodeAt((x >>> 0) & 63);
  }
  return out;
}

/**
 * A unit's bytes, `size` bytes of body between `before` and `after`: whole pieces, then
 * `x` up to the size. With `proxied`, what the rewriter must make of them: every URL's
 * host with the suffix (a test's expectation, derived from the rules, not from the code).
 */
export function unitBytes(u: Unit, cap: number, proxied = false): Buffer {
  const size = cap * u.caps;
  const parts: Buffer[] = [Buffer.from(u.before, 'latin1')];
  if (u.piece === null) {
    parts.push(blob(size));
  } else {
    const piece = u.piece;
    let at = 0;
    for (let i = 0; ; i++) {
      const host = `app${i % 7}.example.com`;
      const url = (h: string) => `https://${h}/p/${i}/`;
      const filler = 'x'.repeat(Math.max(0, HOST_EVERY - piece(url(host), '').length));
      const text = piece(url(host), filler);
      if (at + text.length > size) break;
      at += text.length;
      parts.push(Buffer.from(proxied && u.rewritten ? piece(url(host + SUFFIX), filler) : text, 'latin1'));
    }
    parts.push(Buffer.from('x'.repeat(size - at), 'latin1'));
  }
  parts.push(Buffer.from(u.after, 'latin1'));
  return Buffer.concat(parts);
}

/** The SHA-256 of what the rewriter must output for the unit. */
export function expectedDigest(name: string, cap: number): string {
  return createHash('sha256').update(unitBytes(UNITS[name] as Unit, cap, true)).digest('hex');
}

// ---------------------------------------------------------------- the child

function vmHwm(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}

/** What the child measured, growth being over its baseline after the input is built. */
export interface ChildResult {
  baseHeap: number;
  peakHeap: number;
  endHeap: number;
  baseExternal: number;
  peakExternal: number;
  baseRss: number;
  hwm: number;
  outBytes: number;
  sha: string;
}

async function child(name: string, cap: number): Promise<void> {
  const u = UNITS[name] as Unit;
  const input = unitBytes(u, cap);
  const chunks: Buffer[] = [];
  for (let i = 0; i < input.length; i += CHUNK) chunks.push(input.subarray(i, i + CHUNK));
  const rw = createRewriter({ suffix: SUFFIX.slice(1), domains: ['example.com', '*.example.com'], maxBufferBytes: cap });
  const stream = u.kind === 'html' ? rw.html() : u.kind === 'js' ? rw.js() : u.kind === 'css' ? rw.css() : rw.json();
  const gc = (globalThis as { gc?: () => void }).gc as () => void;
  gc(); gc();
  const base = process.memoryUsage();
  try { writeFileSync('/proc/self/clear_refs', '5'); } catch { /* no reset: VmHWM counts from the start */ }
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
  await pipeline(
    Readable.from((function* () { for (const ch of chunks) { sample(); yield ch; } })()),
    stream,
    new Writable({ write(chunk: Buffer, _e, cb) { sample(); hash.update(chunk); outBytes += chunk.length; cb(); } }),
  );
  sample();
  const result: ChildResult = {
    baseHeap: base.heapUsed, peakHeap, endHeap: process.memoryUsage().heapUsed, baseExternal: base.external, peakExternal,
    baseRss, hwm: vmHwm(), outBytes, sha: hash.digest('hex'),
  };
  process.stderr.write(`RESULT ${JSON.stringify(result)}\n`);
}

// ---------------------------------------------------------------- the parent's side

export interface Probe {
  /** The child completed and reported. */
  readonly ok: boolean;
  readonly result?: ChildResult;
  /** The largest heap V8 reported before a GC during the run (garbage not yet collected included). */
  readonly gcPeak: number;
  /** Heap allocated during the run: the growth between GCs, summed. */
  readonly allocated: number;
  readonly ms: number;
  /** The child's stderr when it failed (a heap-limit crash, a thrown error). */
  readonly error?: string;
}

const self = fileURLToPath(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Runs unit `name` with maxBufferBytes = `cap` in a child (`--trace-gc`, so the heap's
 * peak and the allocation can be read from V8's own reports), optionally with
 * `--max-old-space-size=oldSpaceMb`.
 */
export function probe(name: string, cap: number, oldSpaceMb?: number): Probe {
  const args = ['--expose-gc', '--trace-gc', '--import', 'tsx'];
  if (oldSpaceMb !== undefined) args.push(`--max-old-space-size=${oldSpaceMb}`);
  const start = performance.now();
  const r = spawnSync(process.execPath, [...args, self, '--child', name, String(cap)], { cwd: root, encoding: 'utf8', maxBuffer: 256 * MiB });
  const ms = performance.now() - start;
  // The run starts after the last GC the child forced (V8 reports its reason as "testing").
  const trace = r.stdout.split('\n');
  let from = 0;
  trace.forEach((l, i) => { if (l.includes('testing')) from = i; });
  let gcPeak = 0;
  let allocated = 0;
  let after = -1;
  for (const l of trace.slice(from)) {
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
  const line = r.stderr.split('\n').find((l) => l.startsWith('RESULT '));
  if (r.status !== 0 || line === undefined) return { ok: false, gcPeak, allocated, ms, error: r.stderr.slice(-2000) };
  const result = JSON.parse(line.slice(7)) as ChildResult;
  // What was allocated after the last GC is still on the heap at the end.
  if (after >= 0) allocated += Math.max(0, result.endHeap - after);
  return { ok: true, result, gcPeak: Math.max(gcPeak, result.peakHeap), allocated, ms };
}

if (process.argv[1] === self && process.argv[2] === '--child') await child(process.argv[3] as string, Number(process.argv[4]));
