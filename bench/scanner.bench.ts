// The host-occurrence scanner against its ceiling, Buffer.indexOf of one domain over the same bytes.
// Run: npx tsx bench/scanner.bench.ts
import { HostRewriter } from '../src/domain/index.js';
import { corpusFiles, readAll, throughput } from './corpus.js';

const pages = readAll(corpusFiles('html', '.html'));
if (pages.length === 0) {
  console.log('scanner bench: ../shared/corpus/html not found, skipped');
  process.exit(0);
}
const bytes = pages.reduce((n, b) => n + b.length, 0);
const strings = pages.map((b) => b.toString('latin1'));
const domain = 'twitter.com';

function scannerFor(patterns: string[]): HostRewriter {
  return new HostRewriter({ suffix: 'proxy.test', domains: patterns });
}
const many = Array.from({ length: 1000 }, (_, i) => `*.customer${i}.example`);

const ceiling = throughput(bytes, () => {
  let n = 0;
  for (const b of pages) for (let i = b.indexOf(domain); i !== -1; i = b.indexOf(domain, i + domain.length)) n++;
  return n;
});

const rows: [string, number][] = [['Buffer.indexOf("twitter.com") (ceiling)', ceiling]];
for (const [name, patterns] of [
  ['scanner, 1 pattern (twitter.com, *.twitter.com)', [domain, `*.${domain}`]],
  ['scanner, 3 patterns (+ facebook.com, google.com)', [domain, `*.${domain}`, '*.facebook.com', '*.google.com']],
  ['scanner, 1,000 patterns + twitter.com', [...many, domain, `*.${domain}`]],
] as const) {
  const s = scannerFor([...patterns]).scanner;
  let found = 0;
  const mbps = throughput(bytes, () => {
    found = 0;
    for (const t of strings) found += s.scan(t).length;
  });
  rows.push([`${name}: ${found} occurrences`, mbps]);
}
const one = scannerFor([domain, `*.${domain}`]).scanner;
rows.push([
  'scanner, 1 pattern, including latin1 decode of the bytes',
  throughput(bytes, () => {
    for (const b of pages) one.scan(b.toString('latin1'));
  }),
]);

console.log(`scanner bench: ${pages.length} pages, ${(bytes / 1e6).toFixed(1)} MB, node ${process.version}`);
console.log('| what | MB/s | ceiling ÷ this |');
console.log('|---|---:|---:|');
for (const [name, mbps] of rows) console.log(`| ${name} | ${mbps.toFixed(0)} | ${(ceiling / mbps).toFixed(2)}× |`);
