import { createReadStream } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import {
  auditHar,
  auditReportHtml,
  auditReportJson,
  DEFAULT_MAX_BODY_BYTES,
  HarFormatError,
  positionOf,
  type AuditReportContext,
  type AuditResult,
  type Escape,
  type ReportFileDecision,
} from '../har/index.js';
import { rewriterOptionsFrom, UsageError, type HostCliOptions } from './config.js';
import { addHostOptions } from './host-options.js';

interface AuditCliOptions extends HostCliOptions {
  json?: boolean;
  html?: string;
  session?: string;
  maxBody?: string;
}

/** `spr audit` exits 1 when it finds an escape, so a read error or bad usage is 2 (never 1). */
const EXIT_ESCAPES = 1;

/**
 * `spr audit`: every escape of a HAR (a protected host in a URL position that is not its
 * proxied twin), one line each on stdout, or the report as JSON (`--json`), and the HTML
 * report (`--html`). Exit 0 when there is none, 1 when there is any, 2 on bad input.
 */
export function registerAudit(program: Command): void {
  const cmd = program
    .command('audit')
    .description('list every escape of a HAR: a protected host in a URL position that is not proxied (exit 1 when any)')
    .argument('<file>', 'the HAR file; - for stdin')
    .option('--json', 'print the report as JSON instead of one line per escape')
    .option('--html <file>', 'write the report as one self-contained HTML page')
    .option('--session <file>', "the summary `spr har --report` wrote for this HAR: its file decisions go into the report")
    .option('--max-body <bytes>', `read at most this much of one body; longer ones are audited in part, and noted (default ${DEFAULT_MAX_BODY_BYTES})`);
  addHostOptions(cmd).action(async (file: string, opts: AuditCliOptions) => {
    const { suffix, domains, scheme } = rewriterOptionsFrom(opts);
    const maxBodyBytes = opts.maxBody === undefined ? DEFAULT_MAX_BODY_BYTES : Number(opts.maxBody);
    if (!Number.isInteger(maxBodyBytes) || maxBodyBytes < 1) throw new UsageError(`--max-body must be a whole number of bytes, not ${JSON.stringify(opts.maxBody)}`);
    const files = opts.session === undefined ? undefined : await sessionDecisions(opts.session);
    const input = await openInput(file);
    const print = (escapes: readonly Escape[]) => {
      if (!opts.json) process.stdout.write(escapes.map((e) => `${escapeLine(e)}\n`).join(''));
    };
    let result: AuditResult;
    try {
      result = await auditHar(input, { suffix, domains, scheme, maxBodyBytes, onEscapes: print });
    } catch (err) {
      if (err instanceof HarFormatError) throw new UsageError(`${file}: ${err.message}`);
      if (isReadError(err)) throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code}`);
      throw err;
    }
    const context: AuditReportContext = { file, suffix, domains, ...(files === undefined ? {} : { files }) };
    if (opts.json) process.stdout.write(`${JSON.stringify(auditReportJson(result, context), null, 2)}\n`);
    if (opts.html !== undefined) await writeFile(opts.html, auditReportHtml(result, context));
    process.stderr.write(`${summaryLine(result)}\n`);
    if (result.summary.escapes > 0) process.exitCode = EXIT_ESCAPES;
  });
}

/** `#12 html-attr a[href] https://app.example.com/x 3:14  …<a href="https://app.example.com/x">…` */
export function escapeLine(e: Escape): string {
  const position = e.line === undefined ? '' : ` ${positionOf(e)}`;
  return `#${e.entry} ${e.kind} ${e.where} ${e.value}${position}  ${e.snippet}`;
}

function summaryLine(r: AuditResult): string {
  const s = r.summary;
  if (s.escapes === 0) return `spr audit: no escapes (${s.entries} entries, ${s.proxied} through the proxy)`;
  const kinds = Object.entries(s.byKind).filter(([, n]) => n > 0).map(([k, n]) => `${k} ${n}`).join(', ');
  return `spr audit: ${s.escapes} escape${s.escapes === 1 ? '' : 's'} in ${s.entriesWithEscapes} of ${s.proxied} entries through the proxy (${s.entries} in all): ${kinds}`;
}

/** The HAR's bytes: stdin for `-`, else the file, checked now so that a missing one is a usage error. */
async function openInput(file: string): Promise<NodeJS.ReadableStream & AsyncIterable<Uint8Array | string>> {
  if (file === '-') return process.stdin;
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw new UsageError(`cannot read ${file}: EISDIR`);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  return createReadStream(file);
}

function isReadError(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR' || code === 'EIO';
}

/** The file decisions of a `spr har --report` summary (`files.list`). */
async function sessionDecisions(path: string): Promise<ReportFileDecision[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw new UsageError(`--session ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const list = (parsed as { files?: { list?: unknown } } | null)?.files?.list;
  if (!Array.isArray(list)) throw new UsageError(`--session ${path}: no files.list (is it the JSON of spr har --report?)`);
  return list as ReportFileDecision[];
}
