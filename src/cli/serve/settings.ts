import { closeSync, openSync } from 'node:fs';
import type { BlockList } from 'node:net';
import type { FileControlOptions, SessionContext } from '../../files/index.js';
import { createRewriter, type RewriterOptions } from '../../rewriter.js';
import { rewriterOptionsFrom, UsageError, type HostCliOptions } from '../config.js';
import { parseSessionContext, policyFileControl } from '../file-control-options.js';
import { parseTrustedProxies } from './forwarded-for.js';
import { parseIntegerOption } from './integer-option.js';
import { parseResolveOptions } from './resolve-option.js';
import { readTlsFiles, type TlsFiles } from './tls-files.js';

/** `spr serve`'s flags as commander hands them over. */
export interface ServeCliOptions extends HostCliOptions {
  port?: string;
  host?: string;
  resolve?: string[];
  upstreamScheme?: string;
  policy?: string;
  context?: string;
  recipientKey?: string[];
  audit?: string;
  runtime: boolean;
  cert?: string;
  key?: string;
  deviceCa?: string;
  workers?: string;
  timeoutConnect?: string;
  timeoutHeaders?: string;
  timeoutBody?: string;
  trustedProxy?: string[];
}

/** Everything `spr serve` runs with, checked: the primary checks it before forking, each worker reads it again the same way. */
export interface ServeSettings {
  /** The rewriter's options; `publicPort` absent means the port the server listens on (known after listening, when it is 0). */
  readonly rewriter: RewriterOptions;
  readonly port: number;
  readonly host: string;
  readonly tls: TlsFiles | null;
  readonly resolve: Readonly<Record<string, string>>;
  readonly files: Pick<FileControlOptions, 'policy' | 'protectors' | 'defaultProtector'> | null;
  /** `--context`: the default session; null when not given (the handler's default: the socket's IP and the User-Agent). */
  readonly session: SessionContext | null;
  /** `--trusted-proxy`: the balancers whose `X-Forwarded-For` names the client; null reads the socket's peer alone. */
  readonly trustedProxies: BlockList | null;
  /** `--audit FILE`; null writes audit events to stdout. */
  readonly auditPath: string | null;
  readonly runtime: boolean;
  /** `--workers N`; null runs one process without node:cluster. */
  readonly workers: number | null;
  readonly timeouts: { connect?: number; headers?: number; body?: number };
}

/** The most workers `--workers` takes: past a few per core they only add memory. */
const MAX_WORKERS = 256;
/** The longest timeout an option takes: a day, in ms. */
const MAX_TIMEOUT_MS = 86_400_000;

/** Reads and checks every option; any problem is a {@link UsageError} (or the policy's `PolicyError`): exit 2 before listening. */
export async function serveSettingsFrom(opts: ServeCliOptions): Promise<ServeSettings> {
  if (opts.port === undefined) throw new UsageError('--port is required (0 picks a free port)');
  const tls = readTlsFiles(opts);
  const rewriter = rewriterOptionsOf(opts, tls !== null);
  if (opts.policy === undefined && opts.recipientKey !== undefined) throw new UsageError('--recipient-key goes with --policy');
  const settings: ServeSettings = {
    rewriter,
    port: parseIntegerOption(opts.port, '--port', 0, 65535),
    host: opts.host ?? '127.0.0.1',
    tls,
    resolve: parseResolveOptions(opts.resolve ?? []),
    files: opts.policy === undefined ? null : await readPolicy(opts.policy, opts.recipientKey),
    session: opts.context === undefined ? null : parseSessionContext(opts.context),
    trustedProxies: parseTrustedProxies(opts.trustedProxy ?? []),
    auditPath: opts.audit ?? null,
    runtime: opts.runtime,
    workers: opts.workers === undefined ? null : parseIntegerOption(opts.workers, '--workers', 1, MAX_WORKERS),
    timeouts: {
      ...timeout(opts.timeoutConnect, 'connect'),
      ...timeout(opts.timeoutHeaders, 'headers'),
      ...timeout(opts.timeoutBody, 'body'),
    },
  };
  if (settings.auditPath !== null) checkWritable(settings.auditPath);
  return settings;
}

/**
 * The rewriter's options from `--config` and the flags, with `spr serve`'s defaults: the
 * public scheme is https when spr itself holds the certificate, else http; the upstream
 * scheme https. Tried once here, so that a bad suffix or pattern exits 2 before listening.
 */
function rewriterOptionsOf(opts: ServeCliOptions, tls: boolean): RewriterOptions {
  const base = rewriterOptionsFrom(opts);
  const options: RewriterOptions = {
    ...base,
    publicScheme: base.publicScheme ?? (tls ? 'https' : 'http'),
    upstreamScheme: (opts.upstreamScheme ?? base.upstreamScheme ?? 'https') as RewriterOptions['upstreamScheme'],
  };
  createRewriter(options); // throws ConfigError (exit 2) for what it refuses
  return options;
}

async function readPolicy(path: string, recipientKeys: readonly string[] | undefined): Promise<NonNullable<ServeSettings['files']>> {
  try {
    return await policyFileControl(path, recipientKeys, 'spr serve');
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (typeof e.code === 'string' && typeof e.path === 'string') throw new UsageError(`cannot read ${e.path}: ${e.code}`);
    throw err;
  }
}

function timeout(text: string | undefined, name: 'connect' | 'headers' | 'body'): { [K in typeof name]?: number } {
  return text === undefined ? {} : { [name]: parseIntegerOption(text, `--timeout-${name}`, 1, MAX_TIMEOUT_MS) };
}

/** The audit file is opened for appending now, so a missing folder or a read-only file exits 2 instead of losing every event later. */
function checkWritable(path: string): void {
  try {
    closeSync(openSync(path, 'a'));
  } catch (err) {
    throw new UsageError(`cannot write --audit ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}
