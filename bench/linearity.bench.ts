// Linear time in any chunking: one large unit (an HTML comment, an attribute value, a
// <script> body, a CSS string, a CSS url(data:…), a JSON string) of 0.5, 2 and 8 MB fed
// to the stream's byte processor in 1 KiB chunks, as a slow network delivers it. Each
// cell is milliseconds per MB (best of a few runs); a flat row is linear, a row that
// grows 4× per column is quadratic. The last column is the 8 MB cell over the 0.5 MB
// one: about 1 is linear, 16 is quadratic. Every output is checked against what the
// rewriter must make of it (the URLs around the unit proxied, the unit's bytes kept), so
// a fast wrong answer cannot pass.
// Run: npx tsx bench/linearity.bench.ts [unit ...]   (BENCH_QUICK=1: 0.5 and 2 MB only, one run)
import { createRewriter } from '../src/index.js';
import type { ByteProcessor } from '../src/stream/index.js';
import { createCssProcessor } from '../src/css/index.js';
import { HtmlByteRewriter } from '../src/html/index.js';
import { createJsonProcessor } from '../src/json/index.js';
import { blob } from './memory-probe.js';

const MB = 1024 * 1024;
const CHUNK = 1024;
const SUFFIX = '.proxy.test';

/** A URL on a protected host before and after each unit, so the stream is doing real work. */
const URL_BEFORE = 'https://app.example.com/before';
const URL_AFTER = 'https://cdn.example.com/after';

interface Unit {
  readonly kind: 'html' | 'css' | 'json';
  /** The text around a body of `size` bytes, with the two URLs in it. */
  readonly before: string;
  readonly after: string;
  /** The body's bytes: no protected host, nothing that ends the unit early. */
  readonly body: (size: number) => string;
  /** maxBufferBytes, when the unit is to pass it (the windowed path); default 16 MiB. */
  readonly cap?: number;
}

/** Deterministic base64 text: no host, quote, markup or delimiter of any of the languages. */
const base64 = (size: number): string => blob(size).toString('latin1');

/** Markup text (commented-out HTML, an SVG in a data: URL): `>` in every chunk, no host, no quote, no `--`. */
function markup(size: number): string {
  const piece = '<g><path d=M0,0L10,10 /></g>\n';
  return piece.repeat(Math.ceil(size / piece.length)).slice(0, size);
}

/** Script text: statements of a few kinds, no host. */
function script(size: number): string {
  const lines = ['var a = b + 1;\n', 'f("text", 2);\n', '/* note */ x = y ? 1 : 0;\n', 'if (a < b) { c(); }\n'];
  let s = '';
  for (let i = 0; s.length < size; i++) s += lines[i % lines.length];
  return s.slice(0, size - 1) + '\n';
}

const UNITS: Record<string, Unit> = {
  'HTML comment': { kind: 'html', before: `<!doctype html><a href="${URL_BEFORE}">x</a><!--`, after: `--><a href="${URL_AFTER}">y</a>`, body: base64 },
  'HTML attribute value (data: URL)': {
    kind: 'html', before: `<!doctype html><a href="${URL_BEFORE}">x</a><img src="data:image/png;base64,`, after: `"><a href="${URL_AFTER}">y</a>`, body: base64,
  },
  'HTML comment holding markup': { kind: 'html', before: `<!doctype html><a href="${URL_BEFORE}">x</a><!--`, after: `--><a href="${URL_AFTER}">y</a>`, body: markup },
  'HTML attribute value (data: SVG)': {
    kind: 'html', before: `<!doctype html><a href="${URL_BEFORE}">x</a><img src="data:image/svg+xml,`, after: `"><a href="${URL_AFTER}">y</a>`, body: markup,
  },
  'HTML <script> body': { kind: 'html', before: `<!doctype html><a href="${URL_BEFORE}">x</a><script>`, after: `</script><a href="${URL_AFTER}">y</a>`, body: script },
  'CSS string': { kind: 'css', before: `a{b:url(${URL_BEFORE})}c{content:"`, after: `"}d{e:url(${URL_AFTER})}`, body: base64 },
  'CSS url(data:…)': { kind: 'css', before: `a{b:url(${URL_BEFORE})}c{d:url(data:image/png;base64,`, after: `)}d{e:url(${URL_AFTER})}`, body: base64 },
  'JSON string': { kind: 'json', before: `{"a":"${URL_BEFORE}","b":"`, after: `","c":"${URL_AFTER}"}`, body: base64 },
};
// The same units past a small cap: rewritten in windows, every window a fresh look.
for (const name of ['CSS string', 'CSS url(data:…)', 'JSON string']) {
  UNITS[`${name}, 256 KiB cap (windows)`] = { ...UNITS[name]!, cap: 256 * 1024 };
}

function processor(u: Unit): ByteProcessor {
  const ctx = createRewriter({ suffix: 'proxy.test', domains: ['example.com', '*.example.com'], maxBufferBytes: u.cap }).context;
  if (u.kind === 'html') return new HtmlByteRewriter(ctx, { charset: 'utf-8' });
  if (u.kind === 'css') return createCssProcessor(ctx);
  return createJsonProcessor(ctx);
}

/** Feeds `bytes` in CHUNK pieces; returns the output and the milliseconds taken. */
function run(u: Unit, bytes: Buffer): { out: Buffer; ms: number } {
  const p = processor(u);
  const parts: Uint8Array[] = [];
  const t0 = performance.now();
  for (let i = 0; i < bytes.length; i += CHUNK) {
    const o = p.write(bytes.subarray(i, i + CHUNK));
    if (o !== null && o.byteLength > 0) parts.push(o);
  }
  const o = p.end();
  if (o !== null && o.byteLength > 0) parts.push(o);
  const ms = performance.now() - t0;
  return { out: Buffer.concat(parts), ms };
}

/** What the rewriter must make of the input: the two URLs proxied, every other byte kept. */
function expected(text: string): string {
  return text.replace(URL_BEFORE, URL_BEFORE.replace('example.com', 'example.com' + SUFFIX))
    .replace(URL_AFTER, URL_AFTER.replace('example.com', 'example.com' + SUFFIX));
}

const quick = process.env.BENCH_QUICK !== undefined;
const sizes = quick ? [0.5, 2] : [0.5, 2, 8];
const repeats = quick ? 1 : 3;
const only = process.argv.slice(2);
const names = Object.keys(UNITS).filter((n) => only.length === 0 || only.some((o) => n.toLowerCase().includes(o.toLowerCase())));

console.log(`linearity bench: one large unit in ${CHUNK}-byte chunks, ms per MB (best of ${repeats}), node ${process.version}`);
console.log('');
console.log(`| unit | ${sizes.map((s) => `${s} MB`).join(' | ')} | ${sizes[sizes.length - 1]} MB ÷ ${sizes[0]} MB | output |`);
console.log(`|---|${sizes.map(() => '---:').join('|')}|---:|---|`);
for (const name of names) {
  const u = UNITS[name]!;
  const cells: number[] = [];
  let ok = true;
  for (const size of sizes) {
    const text = u.before + u.body(Math.round(size * MB)) + u.after;
    const bytes = Buffer.from(text, 'latin1');
    const want = expected(text);
    let best = Infinity;
    for (let r = 0; r < repeats; r++) {
      const { out, ms } = run(u, bytes);
      if (out.toString('latin1') !== want) ok = false;
      best = Math.min(best, ms);
    }
    cells.push(best / size);
  }
  const ratio = cells[cells.length - 1]! / cells[0]!;
  console.log(`| ${name} | ${cells.map((c) => c.toFixed(1)).join(' | ')} | ${ratio.toFixed(1)} | ${ok ? 'as expected' : 'WRONG'} |`);
}
