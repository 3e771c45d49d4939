// Builds the client runtime (src/proxy/runtime/client) into one minified IIFE with esbuild.
// `node scripts/build-runtime.mjs [outDir]` (part of `npm run build`; outDir defaults to
// dist) writes it next to the built Node side, <outDir>/proxy/runtime/runtime.min.js, where
// runtimeSource() reads it; from src
// (tsx, vitest) runtimeSource() calls buildRuntimeSync() itself. esbuild is a devDependency:
// the published package carries the built file and never builds.
import { buildSync } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'src/proxy/runtime/client/index.ts');

/** The bundle's text. ASCII only (the HTML rewriter writes the snippet in the page's charset). */
export function buildRuntimeSync() {
  const result = buildSync({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['chrome100', 'firefox100', 'safari15'],
    charset: 'ascii',
    legalComments: 'none',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0].text.trimEnd();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const output = join(resolve(process.argv[2] ?? join(root, 'dist')), 'proxy/runtime/runtime.min.js');
  mkdirSync(dirname(output), { recursive: true });
  writeFileSync(output, buildRuntimeSync() + '\n');
}
