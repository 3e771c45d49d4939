import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { recordingContext } from '../helpers/context.js';

/** A context protecting example.com and its subdomains, recording events. */
export const exampleContext = recordingContext;

/** Where the real bundles are installed (devDependencies). */
export const modules = fileURLToPath(new URL('../../node_modules/', import.meta.url));

function monacoEditor(): string {
  const dir = modules + 'monaco-editor/min/vs/';
  const name = existsSync(dir) ? readdirSync(dir).find((f) => /^editor-.*\.js$/.test(f)) : undefined;
  return name ? 'monaco-editor/min/vs/' + name : 'monaco-editor/min/vs/editor.js';
}

/** A real bundle, how it is loaded, and domains that occur in its string literals. */
export interface Bundle { file: string; sourceType: 'script' | 'module'; domains: string[]; minChanges: number }

// Each domain occurs in the bundle's string literals (minChanges counts them, by hand with grep);
// lodash has hosts only in comments, so it must come out byte-identical.
export const bundles: Bundle[] = [
  { file: 'react-dom/cjs/react-dom-client.production.js', sourceType: 'script', domains: ['react.dev', 'w3.org', '*.w3.org'], minChanges: 19 },
  { file: 'echarts/dist/echarts.js', sourceType: 'script', domains: ['*.w3.org'], minChanges: 4 },
  { file: 'd3/dist/d3.js', sourceType: 'script', domains: ['*.w3.org'], minChanges: 6 },
  { file: 'three/build/three.core.js', sourceType: 'module', domains: ['*.w3.org'], minChanges: 1 },
  { file: 'lodash/lodash.js', sourceType: 'script', domains: ['ecma-international.org', '*.ecma-international.org', 'mdn.io'], minChanges: 0 },
  { file: 'moment/moment.js', sourceType: 'script', domains: ['momentjs.com'], minChanges: 7 },
  { file: 'typescript/lib/typescript.js', sourceType: 'script', domains: ['aka.ms', 'github.com'], minChanges: 15 },
  { file: monacoEditor(), sourceType: 'module', domains: ['*.w3.org', 'github.com', '*.visualstudio.com'], minChanges: 20 },
];

/** The bundles installed in node_modules. */
export const presentBundles = bundles.filter((b) => existsSync(modules + b.file));
