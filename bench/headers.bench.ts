/**
 * `rw.responseHeaders()` and `rw.requestHeaders()` cost per head, warm, on the real heads
 * of the corpus HAR captures (../shared/corpus/har). Each capture gets its own rewriter,
 * protecting the registrable domain of its first request (and its subdomains), as a
 * proxy for that site would. A head is given as Node's `IncomingHttpHeaders` gives it
 * (lower-case names, `set-cookie` an array, other repeats joined with `, `). Request heads
 * are made the ones the browser sends to the proxy: `Host`, `Origin` and `Referer` proxied.
 * Groups: heads where no value names a protected host, heads where one does (Location,
 * a Set-Cookie Domain, CSP sources, Link, …), all. Median of several rounds, the groups
 * measured in alternating order.
 * Run: npx tsx bench/headers.bench.ts (BENCH_QUICK=1 shortens it).
 */
import { readFileSync } from 'node:fs';
import { getDomain } from 'tldts';
import { createRewriter, type Rewriter } from '../src/index.js';
import { corpusFiles } from './corpus.js';

interface HarHeader {
  readonly name: string;
  readonly value: string;
}
interface Har {
  log: { entries: Array<{ request: { url: string; headers?: HarHeader[] }; response: { headers?: HarHeader[] } }> };
}
type Head = Record<string, string | string[]>;
interface Case {
  readonly rw: Rewriter;
  readonly head: Head;
  readonly named: boolean;
}

const files = corpusFiles('har', '.har');
if (files.length === 0) {
  console.log('headers bench: ../shared/corpus/har not found, skipped');
  process.exit(0);
}

/** Node's `IncomingHttpHeaders` of a HAR header list; HTTP/2 pseudo-headers (`:authority`) are not fields. */
function toHead(list: readonly HarHeader[]): Head {
  const head: Head = {};
  for (const { name, value } of list) {
    if (name.startsWith(':')) continue;
    const key = name.toLowerCase();
    const had = head[key];
    if (key === 'set-cookie') head[key] = [...((had as string[] | undefined) ?? []), ...value.split(/\r?\n/).filter((v) => v !== '')];
    else head[key] = had === undefined ? value : `${had as string}, ${value}`;
  }
  return head;
}

const names = (head: Head, text: string) => Object.values(head).some((v) => (Array.isArray(v) ? v : [v]).some((s) => s.toLowerCase().includes(text)));

const responses: Case[] = [];
const requests: Case[] = [];
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const har = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as Har;
  const base = getDomain(har.log.entries[0]?.request.url ?? '', { allowPrivateDomains: true });
  if (!base) continue;
  const rw = createRewriter({ suffix: 'proxy.test', domains: [base, `*.${base}`] });
  for (const entry of har.log.entries) {
    const response = toHead(entry.response.headers ?? []);
    if (Object.keys(response).length > 0) responses.push({ rw, head: response, named: names(response, base) });
    const request = toHead(entry.request.headers ?? []);
    for (const key of ['origin', 'referer'] as const) if (typeof request[key] === 'string') request[key] = rw.url(request[key]);
    if (typeof request.host === 'string') request.host = rw.host(request.host);
    if (Object.keys(request).length > 0) requests.push({ rw, head: request, named: names(request, `${base}.proxy.test`) });
  }
}

const quick = process.env.BENCH_QUICK !== undefined && process.env.BENCH_QUICK !== '';
const ROUNDS = quick ? 3 : 7;
const minMs = quick ? 120 : 500;

function microsPerHead(list: readonly Case[], run: (c: Case) => unknown): number {
  let calls = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    for (const c of list) run(c);
    calls += list.length;
    elapsed = performance.now() - start;
  } while (elapsed < minMs);
  return (elapsed * 1000) / calls;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const responseRun = (c: Case) => c.rw.responseHeaders(c.head);
const requestRun = (c: Case) => c.rw.requestHeaders(c.head);
const rows: Array<[string, string, readonly Case[], (c: Case) => unknown]> = [
  ['response', 'no protected host', responses.filter((c) => !c.named), responseRun],
  ['response', 'a protected host', responses.filter((c) => c.named), responseRun],
  ['response', 'all', responses, responseRun],
  ['request', 'no proxied host', requests.filter((c) => !c.named), requestRun],
  ['request', 'a proxied host', requests.filter((c) => c.named), requestRun],
  ['request', 'all', requests, requestRun],
];

// Warm-up: every head through its path a few times.
for (let i = 0; i < 5; i++) for (const [, , list, run] of rows) for (const c of list) run(c);
const samples = rows.map(() => [] as number[]);
for (let round = 0; round < ROUNDS; round++) {
  const order = rows.map((_, i) => i);
  if (round % 2 === 1) order.reverse();
  for (const i of order) if (rows[i][2].length > 0) samples[i].push(microsPerHead(rows[i][2], rows[i][3]));
}

console.log(`headers bench: ${responses.length} response and ${requests.length} request heads from ${files.length} HAR captures, ${ROUNDS} rounds, node ${process.version}`);
console.log('| head | group | count | µs per head (median) | min | max |');
console.log('|---|---|---:|---:|---:|---:|');
rows.forEach(([kind, group, list], i) => {
  const s = samples[i];
  const cell = (x: number | undefined) => (x === undefined ? '-' : x.toFixed(2));
  console.log(`| ${kind} | ${group} | ${list.length} | ${cell(s.length ? median(s) : undefined)} | ${cell(s.length ? Math.min(...s) : undefined)} | ${cell(s.length ? Math.max(...s) : undefined)} |`);
});
