import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { createContext, type RewriteContext } from '../../src/context.js';
import type { RewriteEvent } from '../../src/domain/index.js';
import { createCssStream } from '../../src/css/index.js';

/** A context protecting `example.com` and its subdomains, collecting events. */
export function exampleContext(extra: { maxBufferBytes?: number; scheme?: 'suffix' | 'flat'; publicScheme?: 'http' | 'https'; publicPort?: number; domains?: string[] } = {}): { ctx: RewriteContext; events: RewriteEvent[] } {
  const events: RewriteEvent[] = [];
  const ctx = createContext({
    suffix: 'proxy.test',
    domains: extra.domains ?? ['example.com', '*.example.com'],
    scheme: extra.scheme,
    publicScheme: extra.publicScheme,
    publicPort: extra.publicPort,
    maxBufferBytes: extra.maxBufferBytes,
    onEvent: (e) => events.push(e),
  });
  return { ctx, events };
}

/** Runs `chunks` through a fresh CSS stream and returns the output bytes. */
export async function streamChunks(ctx: RewriteContext, chunks: readonly Buffer[]): Promise<Buffer> {
  const stream = createCssStream(ctx);
  const out: Buffer[] = [];
  stream.on('data', (c: Buffer) => out.push(c));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  Readable.from(chunks, { objectMode: false }).pipe(stream);
  await done;
  return Buffer.concat(out);
}

/** Splits `bytes` at the given cut points. */
export function splitAt(bytes: Buffer, cuts: readonly number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => Math.max(0, Math.min(bytes.length, c))))].sort((a, b) => a - b);
  const parts: Buffer[] = [];
  let prev = 0;
  for (const p of points) {
    if (p > prev) parts.push(bytes.subarray(prev, p));
    prev = p;
  }
  if (prev < bytes.length) parts.push(bytes.subarray(prev));
  return parts;
}

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
