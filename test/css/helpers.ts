import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RewriteContext } from '../../src/context.js';
import { createCssStream } from '../../src/css/index.js';
import { recordingContext } from '../helpers/context.js';
import { runChunks, splitAt } from '../helpers/streams.js';

/** A context protecting `example.com` and its subdomains, collecting events. */
export const exampleContext = recordingContext;

/** Runs `chunks` through a fresh CSS stream and returns the output bytes. */
export function streamChunks(ctx: RewriteContext, chunks: readonly Buffer[]): Promise<Buffer> {
  return runChunks(createCssStream(ctx), chunks);
}

export { splitAt };

/** The shared real-world corpus beside the repository. */
export const corpusCssDir = fileURLToPath(new URL('../../../shared/corpus/css/', import.meta.url));
export const corpusExists = existsSync(corpusCssDir);

/** Every `.css` file of the corpus, recursively: [relative name, bytes]. */
export function corpusCssFiles(): Array<[string, Buffer]> {
  if (!corpusExists) return [];
  const files: Array<[string, Buffer]> = [];
  const walk = (dir: string, prefix: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = dir + name;
      if (statSync(full).isDirectory()) walk(full + '/', prefix + name + '/');
      else if (name.endsWith('.css')) files.push([prefix + name, readFileSync(full)]);
    }
  };
  walk(corpusCssDir, '');
  return files;
}

/** Bootstrap's unminified stylesheet (a devDependency). */
export const bootstrapCssPath = fileURLToPath(new URL('../../node_modules/bootstrap/dist/css/bootstrap.css', import.meta.url));
