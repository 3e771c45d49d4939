import { createReadStream, createWriteStream, rmSync } from 'node:fs';
import { mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { Command } from 'commander';
import { createSessionRun, EscapeFinder, formatSummary, HarFormatError, rewriteHar, type SessionRun, type SessionRunOptions, type SessionStats, type SessionSummary } from '../har/index.js';
import type { RewriterOptions } from '../rewriter.js';
import { rewriterOptionsFrom, UsageError, type HostCliOptions } from './config.js';
import { parseSessionContext, policyFileControl } from './file-control-options.js';
import { addHostOptions } from './host-options.js';
import { progressBar } from './progress.js';

interface HarCliOptions extends HostCliOptions {
  output?: string;
  report?: string;
  policy?: string;
  context?: string;
  recipientKey?: string[];
}

/**
 * `spr har`: a captured session as the browser would see it through the proxy, streamed
 * entry by entry (bounded memory for any size, long bodies through temp files). The HAR
 * goes to `-o` or stdout, the summary to stderr (and `--report` as JSON); a progress bar
 * when stderr is a terminal. A file that is not a HAR exits 2.
 */
export function registerHar(program: Command): void {
  const cmd = program
    .command('har')
    .description('write a captured session (HAR) as the browser would see it through the proxy; a summary on stderr')
    .argument('<file>', 'the HAR file; - for stdin')
    .option('-o, --output <file>', 'write the HAR here (default: stdout)')
    .option('--report <file>', 'write the summary here as JSON')
    .option('--policy <file>', 'classify downloads and uploads by this policy (JSON)')
    .option('--context <json>', 'with --policy, the session: {"user","groups","device","ip","location","userAgent"}')
    .option('--recipient-key <file>', 'with --policy, an armored OpenPGP public key for the openpgp protector (repeatable)', (v: string, prev: string[] = []) => [...prev, v]);
  addHostOptions(cmd).action(async (file: string, opts: HarCliOptions) => {
    // Everything the command line says is checked before a byte is read or written.
    const rewriter = rewriterOptionsFrom(opts);
    if (opts.policy === undefined && (opts.context !== undefined || opts.recipientKey !== undefined)) throw new UsageError('--context and --recipient-key go with --policy');
    const session = parseSessionContext(opts.context);
    const files = opts.policy === undefined ? undefined : await policyFileControl(opts.policy, opts.recipientKey, 'spr har');
    const tempDir = await mkdtemp(join(tmpdir(), 'spr-har-'));
    // Spilled bodies can be gigabytes: the temp dir goes also when the run is cut short
    // (the reader of stdout went away, Ctrl-C).
    const cleanup = () => rmSync(tempDir, { recursive: true, force: true });
    const interrupted = () => {
      cleanup();
      process.exit(130);
    };
    process.once('exit', cleanup);
    process.once('SIGINT', interrupted);
    try {
      const escapes = summaryEscapeCounter(rewriter);
      const run = createSessionRun({ rewriter, session, tempDir, escapesLeft: escapes.count, ...(files === undefined ? {} : { files }) });
      escapes.reportTo(run.stats);
      await runHar(file, opts, run);
    } finally {
      process.off('exit', cleanup);
      process.off('SIGINT', interrupted);
      await rm(tempDir, { recursive: true, force: true });
    }
  });
}

/**
 * The most of one body the summary's escape count reads (512 KiB). The audit parses what
 * it reads into a full tree: 1 MiB of link-dense HTML costs parse5 some 150 MB for a
 * moment, which took `spr har` on a 1 GB HAR with a 600 MB body from 190 MB peak RSS to
 * 310 MB on a loaded machine; at 512 KiB it stays near 200 MB (bench/har.bench.ts). A body
 * past it is counted in part, and said so; `spr audit --max-body` reads as much as asked.
 */
const SUMMARY_AUDIT_BYTES = 512 * 1024;

/** The summary's "escapes left": the independent audit (src/har/audit) on each entry written. */
function summaryEscapeCounter(rewriter: RewriterOptions): { count: NonNullable<SessionRunOptions['escapesLeft']>; reportTo: (stats: SessionStats) => void } {
  const finder = new EscapeFinder({ suffix: rewriter.suffix, domains: rewriter.domains, scheme: rewriter.scheme, maxBodyBytes: SUMMARY_AUDIT_BYTES });
  let stats: SessionStats | undefined;
  let index = 0;
  return {
    reportTo: (s) => (stats = s),
    count(entry) {
      const audit = finder.entry(entry, index);
      if (audit.body === 'truncated') {
        stats?.problem(index, 'escapes-counted-in-part', `the body is audited up to ${SUMMARY_AUDIT_BYTES / 1024} KiB: escapes past that are not in "escapes left" (spr audit --max-body reads more)`);
      }
      index++;
      return audit.escapes.length;
    },
  };
}

async function runHar(file: string, opts: HarCliOptions, run: SessionRun): Promise<void> {
  const stdin = file === '-';
  const size = stdin ? null : (await stat(file)).size;
  const input = stdin ? process.stdin : createReadStream(file);
  // A file output is written beside its place and renamed at the end: a run that fails leaves no half HAR behind.
  const partial = opts.output === undefined ? undefined : `${opts.output}.partial-${process.pid}`;
  const out: Writable = partial === undefined ? process.stdout : createWriteStream(partial);
  // An output that cannot be opened (no such folder) fails here, before anything is read.
  if (partial !== undefined) {
    await once(out, 'open').catch((err: NodeJS.ErrnoException) => {
      throw new Error(`cannot write ${opts.output}: ${err.code ?? err.message}`);
    });
  }
  const progress = progressBar(size, 'spr har', 'entries');
  let summary: SessionSummary;
  try {
    summary = await rewriteHar(input, out, run, { endStream: partial !== undefined, onProgress: (bytes, entries) => progress.update(bytes, entries) });
    if (partial !== undefined) {
      await finished(out);
      await rename(partial, opts.output as string);
    }
  } catch (err) {
    if (partial !== undefined) {
      out.destroy();
      await rm(partial, { force: true });
    }
    if (err instanceof HarFormatError) throw new UsageError(`${file}: ${err.message}`);
    throw err;
  } finally {
    progress.stop();
  }
  process.stderr.write(formatSummary(summary).map((line) => `${line}\n`).join(''));
  if (opts.report !== undefined) await writeFile(opts.report, `${JSON.stringify(summary, null, 2)}\n`);
}
