import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** ../shared/corpus beside the repository, or null when this clone has none. */
export const corpusDir = fileURLToPath(new URL('../../shared/corpus/', import.meta.url));

export function corpusFiles(sub: string, ext: string): string[] {
  const dir = join(corpusDir, sub);
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const f of readdirSync(d).sort()) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith(ext)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

export function readAll(paths: string[]): Buffer[] {
  return paths.map((p) => readFileSync(p));
}

/** Runs `fn` until `minMs` has passed (after a warm-up) and returns MB/s over `bytes`. */
export function throughput(bytes: number, fn: () => unknown, minMs = process.env.BENCH_QUICK ? 300 : 1500): number {
  for (let i = 0; i < 3; i++) fn();
  let runs = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    fn();
    runs++;
    elapsed = performance.now() - start;
  } while (elapsed < minMs);
  return (bytes * runs) / 1e6 / (elapsed / 1000);
}
