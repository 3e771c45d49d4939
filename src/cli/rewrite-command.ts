import { PassThrough, type Duplex, type Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import { encodingForLabel } from '../html/index.js';
import { createPipeline, parseContentEncoding, planRequestBody, supportedCodings } from '../pipeline/index.js';
import { createRewriter, type ContentKind, type Rewriter } from '../rewriter.js';
import { rewriterOptionsFrom, UsageError, type HostCliOptions } from './config.js';
import { addHostOptions } from './host-options.js';
import { inputStream } from './io.js';

/** `--type` values: the rewriters' kinds, and `xml` for the HTML rewriter's XML-document mode. */
const KINDS: readonly (ContentKind | 'xml')[] = ['html', 'xml', 'js', 'css', 'json'];

interface RewriteCliOptions extends HostCliOptions {
  type?: string;
  charset?: string;
  module?: boolean;
  contentType?: string;
  contentEncoding?: string;
  direction?: string;
}

/** `spr rewrite`: one body from FILE or stdin to stdout, through the same streams a proxy uses. */
export function registerRewrite(program: Command): void {
  const cmd = program
    .command('rewrite')
    .description('rewrite one body (FILE or stdin) to stdout')
    .argument('[file]', 'input file; stdin when absent or -')
    .option('--type <type>', `content type: ${KINDS.join('|')}`)
    .option('--charset <label>', 'HTML: the charset the HTTP Content-Type header would give (a WHATWG label)')
    .option('--module', 'JS: parse as an ES module')
    .option('--content-type <type>', 'the whole pipeline on one body: the HTTP Content-Type (dispatch, charset), instead of --type')
    .option('--content-encoding <coding>', 'with --content-type: the body is in this Content-Encoding (gzip, deflate, br, stacked "gzip, br"); decoded, rewritten, re-encoded')
    .option('--direction <direction>', 'with --content-type: response (default) or request (map a request body back to upstream)');
  addHostOptions(cmd).action(async (file: string | undefined, opts: RewriteCliOptions) => {
    // The options are checked before the rewriter is built, so a usage error never half-runs.
    const transform = opts.contentType !== undefined ? pipelineTransform(opts) : typeTransform(opts);
    const rw = createRewriter({
      ...rewriterOptionsFrom(opts),
      onEvent: (e) => process.stderr.write(`spr: ${e.type}: ${e.message}\n`),
    });
    await pipeline(inputStream(file), transform(rw), process.stdout);
  });
}

/** `--type KIND`: the content rewriter of that kind, its own options checked. */
function typeTransform(opts: RewriteCliOptions): (rw: Rewriter) => Transform {
  if (opts.contentEncoding !== undefined || opts.direction !== undefined) throw new UsageError('--content-encoding and --direction go with --content-type');
  const kind = opts.type as ContentKind | 'xml' | undefined;
  if (!kind || !KINDS.includes(kind)) throw new UsageError(`--type must be one of ${KINDS.join(', ')}`);
  const charset = opts.charset;
  if (charset !== undefined && encodingForLabel(charset) === null) {
    throw new UsageError(`--charset ${JSON.stringify(charset)} is not a WHATWG encoding label (e.g. utf-8, windows-1252, shift_jis)`);
  }
  switch (kind) {
    case 'html': return (rw) => rw.html({ charset });
    case 'xml': return (rw) => rw.html({ charset, document: 'xml' });
    case 'js': return (rw) => rw.js({ sourceType: opts.module ? 'module' : 'auto' });
    case 'css': return (rw) => rw.css();
    case 'json': return (rw) => rw.json();
  }
}

/**
 * `--content-type TYPE`: the body as a proxy would treat it (the pipeline): dispatched by
 * type (or passed byte-identical), decoded, rewritten, re-encoded in the same coding; a
 * request body mapped back with `--direction request`.
 */
function pipelineTransform(opts: RewriteCliOptions): (rw: Rewriter) => Transform | Duplex {
  if (opts.type !== undefined) throw new UsageError('give --type or --content-type, not both');
  if (opts.charset !== undefined || opts.module) throw new UsageError('with --content-type the charset comes from its charset parameter; --charset and --module go with --type');
  const direction = opts.direction ?? 'response';
  if (direction !== 'response' && direction !== 'request') throw new UsageError('--direction must be response or request');
  const contentType = opts.contentType as string;
  const encoding = opts.contentEncoding;
  if (encoding !== undefined) {
    const parsed = parseContentEncoding(encoding);
    if (parsed.unknown.length > 0) throw new UsageError(`--content-encoding ${JSON.stringify(parsed.unknown.join(', '))} is not a coding this machine can decode (${supportedCodings().join(', ')})`);
  }
  const headers: Record<string, string> = { 'content-type': contentType };
  if (encoding !== undefined) headers['content-encoding'] = encoding;
  const pass = () => new PassThrough();
  if (direction === 'request') {
    // The proxy passes a compressed upload as it came: there is no text to map in it.
    return (rw) => (encoding !== undefined ? pass() : (planRequestBody(rw.context, contentType).transform ?? pass()));
  }
  return (rw) => createPipeline(rw).response({ method: 'GET', headers: { 'sec-fetch-dest': 'document' } }, { status: 200, headers }).body ?? pass();
}
