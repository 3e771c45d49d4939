// CSS rewriting throughput: rewriteCss (string), the CSS stream (64 KiB chunks), a plain
// `url()` regex replace and postcss parse + walk + stringify, over the corpus CSS plus
// Bootstrap, in one run. Run: npx tsx bench/css.bench.ts
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import postcss from 'postcss';
import { createContext, type RewriteContext } from '../src/context.js';
import { CssTokenRewriter, rewriteCss } from '../src/css/index.js';

const corpusDir = fileURLToPath(new URL('../../shared/corpus/css/', import.meta.url));
const bootstrap = fileURLToPath(new URL('../node_modules/bootstrap/dist/css/bootstrap.css', import.meta.url));

function load(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = dir + name;
      if (statSync(full).isDirectory()) walk(full + '/');
      else if (name.endsWith('.css')) out.push(readFileSync(full, 'utf8'));
    }
  };
  if (existsSync(corpusDir)) walk(corpusDir);
  else console.warn('corpus absent: benchmarking Bootstrap only');
  if (existsSync(bootstrap)) out.push(readFileSync(bootstrap, 'utf8'));
  return out;
}

const URL_RE = /url\(\s*(['"]?)([^'")]*)\1\s*\)/gi;

/** The naive peer: one regex over the text, ignoring comments, strings and escapes. */
function regexReplace(ctx: RewriteContext, css: string): string {
  return css.replace(URL_RE, (m, q: string, u: string) => {
    const r = ctx.hosts.url(u);
    return r === u ? m : `url(${q}${r}${q})`;
  });
}

/** The AST peer: postcss parse, rewrite url() in every declaration and at-rule, stringify. */
function postcssRewrite(ctx: RewriteContext, css: string): string {
  const root = postcss.parse(css);
  root.walkDecls((d) => { if (d.value.includes('url(') || d.value.includes('URL(')) d.value = regexReplace(ctx, d.value); });
  root.walkAtRules('import', (a) => { a.params = regexReplace(ctx, a.params); });
  return root.toString();
}

const encoded = new Map<string, Buffer>();

function streamRewrite(ctx: RewriteContext, css: string): string {
  // The stream's engine without Node stream plumbing: latin1 bytes in 64 KiB pieces. The
  // bytes are encoded once outside the timing, as a response body arrives as bytes.
  let bytes = encoded.get(css);
  if (!bytes) encoded.set(css, (bytes = Buffer.from(css, 'utf8')));
  const engine = new CssTokenRewriter(ctx);
  const out: string[] = [];
  for (let i = 0; i < bytes.length; i += 65536) out.push(engine.write(bytes.subarray(i, i + 65536).toString('latin1')));
  out.push(engine.end());
  return out.join('');
}

/**
 * MB/s of each rewriter over all files: best of 7 rounds, the rewriters interleaved
 * within each round so that machine load hits them alike.
 */
function measureAll(files: string[], fns: ReadonlyArray<(css: string) => string>): number[] {
  const bytes = files.reduce((n, f) => n + Buffer.byteLength(f), 0);
  for (const fn of fns) for (let w = 0; w < 3; w++) for (const f of files) fn(f); // warm up
  const best = fns.map(() => Infinity);
  for (let round = 0; round < 7; round++) {
    fns.forEach((fn, k) => {
      let reps = 0;
      const t0 = process.hrtime.bigint();
      let elapsed = 0;
      do {
        for (const f of files) fn(f);
        reps++;
        elapsed = Number(process.hrtime.bigint() - t0) / 1e9;
      } while (elapsed < 0.25);
      best[k] = Math.min(best[k], elapsed / reps);
    });
  }
  return best.map((t) => bytes / t / 1e6);
}

// postcss refuses a few real files (e.g. a missing semicolon); every rewriter runs on the same set.
const all = load();
const files = all.filter((f) => { try { postcss.parse(f); return true; } catch { return false; } });
const totalBytes = files.reduce((n, f) => n + Buffer.byteLength(f), 0);
const withHosts = createContext({ suffix: 'proxy.test', domains: ['fonts.gstatic.com', '*.wikimedia.org', '*.wikipedia.org', 'w3.org', '*.w3.org'] });
const withoutHosts = createContext({ suffix: 'proxy.test', domains: ['example.com', '*.example.com'] });

const rewriters = [
  ['rewriteCss', rewriteCss],
  ['CSS stream engine (64 KiB chunks)', streamRewrite],
  ['url() regex replace', regexReplace],
  ['postcss parse+walk+stringify', postcssRewrite],
] as const;
const withRates = measureAll(files, rewriters.map(([, run]) => (f: string) => run(withHosts, f)));
const withoutRates = measureAll(files, rewriters.map(([, run]) => (f: string) => run(withoutHosts, f)));
const rows: Array<[string, number, number]> = rewriters.map(([label], k) => [label, withRates[k], withoutRates[k]]);

console.log(`${files.length} stylesheets (${all.length - files.length} that postcss cannot parse left out), ${(totalBytes / 1e6).toFixed(2)} MB, node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
console.log('| rewriter | MB/s, hosts occur | MB/s, no host occurs |');
console.log('|---|---:|---:|');
for (const [label, a, b] of rows) console.log(`| ${label} | ${a.toFixed(0)} | ${b.toFixed(0)} |`);
const [allWith, allRegexWith] = measureAll(all, [(f) => rewriteCss(withHosts, f), (f) => regexReplace(withHosts, f)]);
console.log(`\nall ${all.length} stylesheets (postcss's rejects included), hosts occur: rewriteCss ${allWith.toFixed(0)} MB/s, regex ${allRegexWith.toFixed(0)} MB/s`);
const [ours, , regex, pc] = rows;
console.log(`\nrewriteCss / regex: ${(ours[1] / regex[1]).toFixed(2)}x with hosts, ${(ours[2] / regex[2]).toFixed(2)}x without`);
console.log(`rewriteCss / postcss: ${(ours[1] / pc[1]).toFixed(1)}x with hosts, ${(ours[2] / pc[2]).toFixed(1)}x without`);
