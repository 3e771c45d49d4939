// Content inspection: (a) extraction throughput per format (inputs made here, a few MB
// each, with every character limit lifted so the whole text is read), and the real files
// of test/fixtures/files one by one; (b) a hostile regular expression on a 30 MiB text
// file (the inspection byte limit): re2js (linear time) on the text extractText gives,
// with the default limit of 1,000,000 characters and with the limit lifted to the whole
// file, against native RegExp on inputs of a few dozen characters, as far as they stay
// under a second: the reason content rules never run on native RegExp.
// Run: npx tsx bench/inspect.bench.ts   (BENCH_QUICK=1: fewer repetitions, same sizes)
import { readdirSync, readFileSync } from 'node:fs';
import { RE2JS } from 're2js';
import { DEFAULT_FILE_LIMITS, type FileLimits } from '../src/files/file-facts.js';
import { extractText } from '../src/files/inspect/index.js';
import { clues, docx, pdf, pptx, xlsx, zip, type Cell } from '../test/files/inspect/build-files.js';
import { blob, MiB } from './memory-probe.js';

const QUICK = Boolean(process.env.BENCH_QUICK);
const encode = (s: string) => new TextEncoder().encode(s);
const words = (n: number) => blob(n).toString('latin1').replace(/[+/]/g, ' ');
const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

// ---- (a) throughput ----------------------------------------------------------------
const SIZE = 4 * MiB;
function lines<T>(count: number, make: (i: number) => T): T[] {
  return Array.from({ length: count }, (_, i) => make(i));
}
/** Deterministic words, a different stretch for each sentence, so documents do not compress to nothing. */
const FILLER = words(2 * MiB);
const stretch = (i: number, length: number) => FILLER.slice((i * 7919) % (FILLER.length - length), ((i * 7919) % (FILLER.length - length)) + length);
const sentence = (i: number) => `Quarterly revenue ${i} ${stretch(i, 60 + (i % 40))} SSN 123-45-${String(i % 10000).padStart(4, '0')}`;
const rows = Math.round(SIZE / 140);

const inputs: [string, string, Uint8Array][] = [
  ['text (CSV)', 'data.csv', encode(lines(rows, (i) => `${i},Quarterly revenue,${stretch(i, 80)},123-45-6789`).join('\n'))],
  ['JSON', 'data.json', encode(JSON.stringify(lines(rows / 2, (i) => ({ id: i, note: sentence(i), tags: ['a\u00e9', 'b'] }))))],
  ['HTML', 'page.html', encode(`<!doctype html><body>${lines(rows, (i) => `<p class="c${i % 7}" title="t&amp;${i}">${sentence(i)} <b>bold</b> &#x31;23</p>`).join('\n')}</body>`)],
  ['XML', 'data.xml', encode(`<?xml version="1.0"?><rows>${lines(rows, (i) => `<row id="${i}"><note>${escapeXml(sentence(i))}</note><n>${i}</n></row>`).join('')}</rows>`)],
  ['docx', 'report.docx', docx(lines(rows, (i) => `<w:p><w:r><w:t xml:space="preserve">${escapeXml(sentence(i))}</w:t></w:r><w:r><w:tab/><w:t>x</w:t></w:r></w:p>`).join(''))],
  ['xlsx', 'budget.xlsx', xlsx(lines(1000, (i) => `shared ${i}`), [lines(rows / 3, (i): Cell[] => [{ s: i % 1000 }, { n: String(i * 1.5) }, { inline: escapeXml(sentence(i)) }])])],
  ['pptx', 'slides.pptx', pptx(lines(400, (i) => lines(30, (j) => escapeXml(sentence(i * 30 + j)))))],
  ['PDF', 'text.pdf', pdf(lines(300, (i) => lines(45, (j) => sentence(i * 45 + j).slice(0, 90).replace(/[()\\]/g, ''))))],
  ['zip of text files and a nested zip', 'docs.zip', zip({ ...Object.fromEntries(lines(40, (i) => [`f${i}.txt`, lines(rows / 60, sentence).join('\n')])), 'inner.zip': zip({ 'more.csv': lines(rows / 4, sentence).join('\n') }) })],
];

const unlimited: FileLimits = { ...DEFAULT_FILE_LIMITS, inspectChars: Number.MAX_SAFE_INTEGER, inspectBytes: Number.MAX_SAFE_INTEGER };

/** Mean milliseconds of one extraction, after a warm-up, over at least `minMs`. */
async function timeExtraction(bytes: Uint8Array, name: string, limits: FileLimits, minMs: number): Promise<{ ms: number; chars: number }> {
  let chars = (await extractText(bytes, clues(name), limits)).text.length;
  let runs = 0;
  const start = performance.now();
  do {
    chars = (await extractText(bytes, clues(name), limits)).text.length;
    runs++;
  } while (performance.now() - start < minMs);
  return { ms: (performance.now() - start) / runs, chars };
}

console.log(`inspect bench: node ${process.version}${QUICK ? ', quick' : ''}`);
console.log('\n(a) extraction throughput (no character limit)\n');
console.log('| format | input MB | text chars | ms per file | input MB/s | M chars/s |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const [format, name, bytes] of inputs) {
  const { ms, chars } = await timeExtraction(bytes, name, unlimited, QUICK ? 300 : 1500);
  console.log(`| ${format} | ${(bytes.length / 1e6).toFixed(1)} | ${chars.toLocaleString('en')} | ${ms.toFixed(1)} | ${(bytes.length / 1e6 / (ms / 1000)).toFixed(0)} | ${(chars / 1e6 / (ms / 1000)).toFixed(0)} |`);
}

const fixtures = new URL('../test/fixtures/files/', import.meta.url);
console.log('\nthe real files of test/fixtures/files (default limits)\n');
console.log('| file | bytes | text chars | cannot inspect | ms per file |');
console.log('|---|---:|---:|---|---:|');
for (const file of readdirSync(fixtures).filter((f) => !/\.(md|mjs)$/.test(f)).sort()) {
  const bytes = new Uint8Array(readFileSync(new URL(file, fixtures)));
  const result = await extractText(bytes, clues(file), DEFAULT_FILE_LIMITS);
  const { ms } = await timeExtraction(bytes, file, DEFAULT_FILE_LIMITS, QUICK ? 100 : 500);
  console.log(`| ${file} | ${bytes.length.toLocaleString('en')} | ${result.text.length} | ${result.cannotInspect ?? '–'} | ${ms.toFixed(2)} |`);
}

// ---- (b) hostile patterns on a 30 MiB file -------------------------------------------
const HOSTILE_BYTES = DEFAULT_FILE_LIMITS.inspectBytes;
/** `n` characters of runs of at most a million made by `run`, each whole (the first million characters are one run). */
function tiled(n: number, run: (length: number) => string): string {
  const block = run(Math.min(n, 1_000_000));
  const rest = n % block.length;
  return block.repeat(Math.floor(n / block.length)) + (rest === 0 ? '' : run(rest));
}

/**
 * Each pattern on the text that makes a backtracking engine explode without a match (the
 * literal the pattern needs is there, after a character that breaks the run, so no
 * engine can skip the text for want of it); the SSN pattern on words full of digits and
 * dashes that almost match, with one SSN at the very end.
 */
const hostile: [string, (n: number) => string][] = [
  ['(a+)+$', (n) => tiled(n, (k) => 'a'.repeat(k - 1) + 'b')],
  ['(a|aa)+b', (n) => tiled(n, (k) => 'a'.repeat(k - 2) + 'cb')],
  ['(x+x+)+y', (n) => tiled(n, (k) => 'x'.repeat(k - 2) + 'zy')],
  ['\\b\\d{3}-\\d{2}-\\d{4}\\b', (n) => words(n - 12).replace(/[A-J]/g, (c) => String(c.charCodeAt(0) - 65)).replace(/[K-M]/g, '-') + ' 123-45-6789'],
];

const best = <T>(reps: number, fn: () => T): { ms: number; value: T } => {
  let ms = Infinity;
  let value!: T;
  for (let i = 0; i < reps; i++) {
    const start = performance.now();
    value = fn();
    ms = Math.min(ms, performance.now() - start);
  }
  return { ms, value };
};
const REPS = QUICK ? 1 : 3;

console.log(`\n(b) hostile patterns on a ${HOSTILE_BYTES / MiB} MiB text file: extractText, then RE2JS.compile(p).matcher(text).find()\n`);
console.log('| pattern | inspectChars | extract ms | text chars | re2js find ms | found |');
console.log('|---|---:|---:|---:|---:|---|');
for (const [pattern, make] of hostile) {
  const bytes = encode(make(HOSTILE_BYTES));
  for (const inspectChars of [DEFAULT_FILE_LIMITS.inspectChars, HOSTILE_BYTES]) {
    const limits = { ...DEFAULT_FILE_LIMITS, inspectChars };
    let text = '';
    let extractMs = Infinity;
    for (let i = 0; i < REPS; i++) {
      const start = performance.now();
      text = (await extractText(bytes, clues('hostile.txt'), limits)).text;
      extractMs = Math.min(extractMs, performance.now() - start);
    }
    const re = RE2JS.compile(pattern);
    const { ms, value } = best(REPS, () => re.matcher(text).find());
    console.log(`| \`${pattern}\` | ${inspectChars.toLocaleString('en')} | ${extractMs.toFixed(0)} | ${text.length.toLocaleString('en')} | ${ms.toFixed(0)} | ${value} |`);
  }
}

console.log('\nnative RegExp (backtracking) on tiny inputs of the same shape: the time doubles with each added character or two; stopped once a run passes 100 ms\n');
console.log('| pattern | input chars | native ms | re2js ms, same input |');
console.log('|---|---:|---:|---:|');
for (const [pattern, make, from, step] of [
  ['(a+)+$', hostile[0][1], 16, 2],
  ['(a|aa)+b', hostile[1][1], 24, 3],
  ['(x+x+)+y', hostile[2][1], 14, 2],
] as const) {
  const native = new RegExp(pattern);
  const re2 = RE2JS.compile(pattern);
  for (let n = from; ; n += step) {
    const input = make(n);
    const { ms } = best(1, () => native.test(input));
    const { ms: re2ms } = best(REPS, () => re2.matcher(input).find());
    console.log(`| \`${pattern}\` | ${n} | ${ms.toFixed(1)} | ${re2ms.toFixed(2)} |`);
    // The next step multiplies the time by about 4: stop while it is still short.
    if (ms > 100) break;
  }
}

const ssnText = hostile[3][1](HOSTILE_BYTES);
const { ms: nativeSsn } = best(REPS, () => /\b\d{3}-\d{2}-\d{4}\b/.test(ssnText));
console.log(`\nfor scale, a pattern that does not backtrack: native \`\\b\\d{3}-\\d{2}-\\d{4}\\b\` on the whole ${HOSTILE_BYTES / MiB} MiB SSN text: ${nativeSsn.toFixed(0)} ms`);
