import { readFileSync } from 'node:fs';
import type { RewriterOptions } from '../rewriter.js';

/** Command-line options shared by every command that builds a rewriter. */
export interface HostCliOptions {
  config?: string;
  suffix?: string;
  domain?: string[];
  scheme?: string;
  publicScheme?: string;
  publicPort?: string;
  maxBuffer?: string;
}

/** A problem with what the user asked for: printed as one line, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * The keys a `--config` file may hold: the API's option names that JSON can express.
 * Anything else is a typo (`domain` for `domains`) that would otherwise be ignored in
 * silence, so it is a usage error. A command with more options extends this list.
 */
export const CONFIG_KEYS = [
  'suffix', 'domains', 'scheme', 'publicScheme', 'publicPort', 'upstreamScheme', 'maxBufferBytes', 'snippet',
] as const satisfies readonly (keyof RewriterOptions)[];

function readConfig(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read config ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`config ${path} is not valid JSON: ${(err as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new UsageError(`config ${path} is not a JSON object`);
  checkKeys(path, parsed as Record<string, unknown>);
  return parsed as Record<string, unknown>;
}

function checkKeys(path: string, config: Record<string, unknown>): void {
  const known: readonly string[] = CONFIG_KEYS;
  const unknown = Object.keys(config).filter((k) => !known.includes(k));
  if (unknown.length === 0) return;
  const named = unknown.map((k) => {
    const near = known.find((c) => c.toLowerCase().startsWith(k.toLowerCase()) || k.toLowerCase().startsWith(c.toLowerCase()));
    return near ? `${JSON.stringify(k)} (did you mean ${JSON.stringify(near)}?)` : JSON.stringify(k);
  });
  throw new UsageError(`config ${path}: unknown key${unknown.length > 1 ? 's' : ''} ${named.join(', ')}; known keys: ${known.join(', ')}`);
}

function toPort(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(n)) throw new UsageError(`${name} must be an integer, not ${JSON.stringify(value)}`);
  return n;
}

/**
 * Merges `--config FILE` (JSON with the same option names as the API) with the flags;
 * flags win, and `--domain` flags replace the config's list.
 */
export function rewriterOptionsFrom(cli: HostCliOptions): RewriterOptions {
  const file = cli.config ? readConfig(cli.config) : {};
  const suffix = cli.suffix ?? file.suffix;
  const domains = cli.domain && cli.domain.length > 0 ? cli.domain : file.domains;
  if (typeof suffix !== 'string') throw new UsageError('--suffix is required (or "suffix" in --config)');
  if (!Array.isArray(domains) || domains.length === 0 || !domains.every((d) => typeof d === 'string')) {
    throw new UsageError('at least one --domain is required (or "domains" in --config)');
  }
  return {
    ...(file as Partial<RewriterOptions>),
    suffix,
    domains,
    scheme: (cli.scheme ?? file.scheme) as RewriterOptions['scheme'],
    publicScheme: (cli.publicScheme ?? file.publicScheme) as RewriterOptions['publicScheme'],
    publicPort: toPort(cli.publicPort ?? file.publicPort, '--public-port'),
    maxBufferBytes: toPort(cli.maxBuffer ?? file.maxBufferBytes, '--max-buffer'),
  };
}
