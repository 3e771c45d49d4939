import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** The bundle `npm run build` writes next to the built `index.js` (scripts/build-runtime.mjs). */
export const BUNDLE_FILE = 'runtime.min.js';

let cached: string | undefined;

/**
 * The minified client runtime (an IIFE reading the free name `__SPR_CONFIG__`). From
 * `dist` it is the file the build wrote; from `src` (tsx, vitest) it is built from
 * `client/` on first use with the same script, so it is never stale there.
 */
export function runtimeSource(): string {
  cached ??= loadBundle();
  return cached;
}

function loadBundle(): string {
  const built = fileURLToPath(new URL(BUNDLE_FILE, import.meta.url));
  if (existsSync(built)) return readFileSync(built, 'utf8').trimEnd();
  const script = fileURLToPath(new URL('../../../scripts/build-runtime.mjs', import.meta.url));
  if (!existsSync(script)) throw new Error(`client runtime bundle ${built} is missing: run "npm run build"`);
  const build = createRequire(import.meta.url)(script) as { buildRuntimeSync(): string };
  return build.buildRuntimeSync();
}
