import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// The layering rules of the project, checked on the real import graph of src/.
const src = fileURLToPath(new URL('../src/', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return p.endsWith('.ts') && !p.endsWith('.d.ts') ? [p] : [];
  });
}

const IMPORT = /^\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm;

const graph = new Map<string, string[]>();
for (const file of sourceFiles(src)) {
  const deps: string[] = [];
  for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
    const spec = m[1] ?? m[2];
    if (spec.startsWith('.')) deps.push(resolve(dirname(file), spec).replace(/\.js$/, '.ts'));
  }
  graph.set(file, deps);
}
const area = (file: string) => relative(src, file).split('/')[0];

describe('architecture', () => {
  it('reads a real graph', () => {
    expect(graph.size).toBeGreaterThan(40);
    expect(graph.get(join(src, 'rewriter.ts'))).toContain(join(src, 'html/index.ts'));
  });

  it('has no import cycles', () => {
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (f: string, path: string[]) => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'open') {
        cycles.push([...path.slice(path.indexOf(f)), f].map((p) => relative(src, p)).join(' → '));
        return;
      }
      state.set(f, 'open');
      for (const d of graph.get(f) ?? []) visit(d, [...path, f]);
      state.set(f, 'done');
    };
    for (const f of graph.keys()) visit(f, []);
    expect(cycles).toEqual([]);
  });

  it('lets nothing import src/cli, and only src/cli and the package face import src/proxy', () => {
    const allowed = (f: string, d: string) => area(d) === area(f) || (area(d) === 'proxy' && (area(f) === 'cli' || f === join(src, 'index.ts')));
    const offenders = [...graph].flatMap(([f, deps]) =>
      deps.filter((d) => ['cli', 'proxy'].includes(area(d)) && !allowed(f, d)).map((d) => `${relative(src, f)} → ${relative(src, d)}`),
    );
    expect(offenders).toEqual([]);
  });

  it('keeps src/domain free of every other part of the library', () => {
    const offenders = [...graph].flatMap(([f, deps]) =>
      area(f) === 'domain' ? deps.filter((d) => area(d) !== 'domain').map((d) => `${relative(src, f)} → ${relative(src, d)}`) : [],
    );
    expect(offenders).toEqual([]);
  });

  it('imports content folders only through their index.ts from outside', () => {
    const faces = new Set(['html', 'js', 'css', 'json', 'headers', 'cookies', 'domain', 'stream', 'pipeline', 'files', 'har', 'proxy']);
    const offenders = [...graph].flatMap(([f, deps]) =>
      deps
        .filter((d) => faces.has(area(d)) && area(d) !== area(f) && !d.endsWith('/index.ts'))
        .map((d) => `${relative(src, f)} → ${relative(src, d)}`),
    );
    expect(offenders).toEqual([]);
  });

  it('runs the layers one way: domain → content rewriters → pipeline → files → har / proxy → cli', () => {
    const rank = (file: string): number => {
      const a = area(file);
      if (a === 'index.ts') return 6; // the package face re-exports every layer
      const ranks: Record<string, number> = { domain: 0, pipeline: 2, files: 3, har: 4, proxy: 4, cli: 5 };
      return ranks[a] ?? 1; // html, js, css, json, headers, cookies, stream, rewriter.ts, context.ts
    };
    const offenders = [...graph].flatMap(([f, deps]) =>
      deps.filter((d) => rank(d) > rank(f)).map((d) => `${relative(src, f)} → ${relative(src, d)}`),
    );
    expect(offenders).toEqual([]);
  });
});
