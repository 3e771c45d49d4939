import type { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import { encodingForLabel } from '../html/index.js';
import { createRewriter, type ContentKind, type Rewriter } from '../rewriter.js';
import { rewriterOptionsFrom, UsageError, type HostCliOptions } from './config.js';
import { addHostOptions } from './host-options.js';
import { inputStream } from './io.js';

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
    .argument('[file]', 'input file; stdin when absent or -')
    .option('--type <type>', `content type: ${KINDS.join('|')}`)
    .option('--charset <label>', 'HTML: the charset the HTTP Content-Type header would give (a WHATWG label)')
    .option('--module', 'JS: parse as an ES module');
  addHostOptions(cmd).action(async (file: string | undefined, opts: RewriteCliOptions) => {
    // The options are checked before the rewriter is built, so a usage error never half-runs.
    // `--content-type` (the whole response pipeline on one body) will choose its own
    // transform here, in place of `typeTransform`.
    const transform = typeTransform(opts);
    const rw = createRewriter({
      ...rewriterOptionsFrom(opts),
      onEvent: (e) => process.stderr.write(`spr: ${e.type}: ${e.message}\n`),
    });
    await pipeline(inputStream(file), transform(rw), process.stdout);
  });
}

/** `--type KIND`: the content rewriter of that kind, its own options checked. */
function typeTransform(opts: RewriteCliOptions): (rw: Rewriter) => Transform {
  const kind = opts.type as ContentKind | undefined;
  if (!kind || !KINDS.includes(kind)) throw new UsageError(`--type must be one of ${KINDS.join(', ')}`);
  const charset = opts.charset;
  if (charset !== undefined && encodingForLabel(charset) === null) {
    throw new UsageError(`--charset ${JSON.stringify(charset)} is not a WHATWG encoding label (e.g. utf-8, windows-1252, shift_jis)`);
  }
  switch (kind) {
    case 'html': return (rw) => rw.html({ charset });
    case 'js': return (rw) => rw.js({ sourceType: opts.module ? 'module' : 'auto' });
    case 'css': return (rw) => rw.css();
    case 'json': return (rw) => rw.json();
  }
}
