import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import { createRewriter, type ContentKind } from '../rewriter.js';
import { rewriterOptionsFrom, UsageError, type HostCliOptions } from './config.js';
import { addHostOptions } from './host-options.js';

const KINDS: readonly ContentKind[] = ['html', 'js', 'css', 'json'];

interface RewriteCliOptions extends HostCliOptions {
  type?: string;
  charset?: string;
  module?: boolean;
}

/** `spr rewrite`: one body from FILE or stdin to stdout, through the same streams a proxy uses. */
export function registerRewrite(program: Command): void {
  const cmd = program
    .command('rewrite')
    .description('rewrite one body (FILE or stdin) to stdout')
    .argument('[file]', 'input file; stdin when absent')
    .option('--type <type>', `content type: ${KINDS.join('|')}`)
    .option('--charset <label>', 'HTML: the charset the HTTP Content-Type header would give')
    .option('--module', 'JS: parse as an ES module');
  addHostOptions(cmd).action(async (file: string | undefined, opts: RewriteCliOptions) => {
    const kind = opts.type as ContentKind | undefined;
    if (!kind || !KINDS.includes(kind)) throw new UsageError(`--type must be one of ${KINDS.join(', ')}`);
    const rw = createRewriter({
      ...rewriterOptionsFrom(opts),
      onEvent: (e) => process.stderr.write(`spr: ${e.type}: ${e.message}\n`),
    });
    const input = file ? createReadStream(file) : process.stdin;
    const transform =
      kind === 'html' ? rw.html({ charset: opts.charset }) :
      kind === 'js' ? rw.js({ sourceType: opts.module ? 'module' : 'auto' }) :
      kind === 'css' ? rw.css() : rw.json();
    await pipeline(input, transform, process.stdout);
  });
}
