/**
 * `rw.url()` (which is `HostRewriter.url`, measured here without the content rewriters) cost per call, warm, on the URL values real pages hold: every `href`/`src`
 * value of the corpus pages (../shared/corpus/html), split by what the value holds.
 * Protected: the registrable domains of the ten most frequent absolute-URL hosts, so some
 * values carry a protected host and most do not (as on a real page).
 * Run: npx tsx bench/url.bench.ts (BENCH_QUICK=1 shortens it).
 */
import { getDomain } from 'tldts';
import { HostRewriter } from '../src/domain/index.js';
import { corpusFiles, readAll } from './corpus.js';

const pages = readAll(corpusFiles('html', '.html')).map((b) => b.toString('utf8'));
if (pages.length === 0) {
  console.log('url bench: ../shared/corpus/html not found, skipped');
  process.exit(0);
}

const ATTRIBUTE = /\s(?:href|src)\s*=\s*"([^"]*)"/gi;
const values = pages.flatMap((p) => [...p.matchAll(ATTRIBUTE)].map((m) => m[1].replaceAll('&amp;', '&')));

const hostCounts = new Map<string, number>();
for (const v of values) {
  const m = /^(?:https?:)?\/\/([^/?#:]+)/i.exec(v);
  const d = m && getDomain(m[1]);
  if (d) hostCounts.set(d, (hostCounts.get(d) ?? 0) + 1);
}
const domains = [...hostCounts].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([d]) => d);
const rw = new HostRewriter({ suffix: 'proxy.test', domains: domains.flatMap((d) => [d, `*.${d}`]) });

const changed = values.filter((v) => rw.url(v) !== v);
const unchanged = values.filter((v) => rw.url(v) === v);
const groups: [string, string[]][] = [
  ['every href/src value', values],
  ['values left unchanged (no protected host)', unchanged],
  ['… of them holding `%` or non-ASCII', unchanged.filter((v) => /[%\u0080-\uffff]/.test(v))],
  ['values rewritten (a protected host)', changed],
  // What the plain fast path (src/domain/url-plain.ts) serves with no `%` to decode anywhere.
  ['… of them plain: ASCII, no `%`, `\\`, `@`, controls or spaces', changed.filter((v) => /^[\x21-\x7e]*$/.test(v) && !/[%\\@]/.test(v))],
];

const minMs = process.env.BENCH_QUICK ? 200 : 1000;
function microsPerCall(list: string[]): number {
  let sink = 0;
  for (let i = 0; i < 3; i++) for (const v of list) sink += rw.url(v).length;
  let calls = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    for (const v of list) sink += rw.url(v).length;
    calls += list.length;
    elapsed = performance.now() - start;
  } while (elapsed < minMs);
  if (sink < 0) console.log(sink);
  return (elapsed * 1000) / calls;
}

console.log(`url bench: ${values.length} values from ${pages.length} pages, protected: ${domains.join(', ')}, node ${process.version}`);
console.log('| values | count | µs per rw.url() call |');
console.log('|---|---:|---:|');
for (const [name, list] of groups) {
  console.log(`| ${name} | ${list.length} | ${list.length === 0 ? '-' : microsPerCall(list).toFixed(3)} |`);
}
