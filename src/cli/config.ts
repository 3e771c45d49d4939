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

function readConfig(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read config ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not a JSON object');
    return parsed as Record<string, unknown>;
  } catch (err) {
    throw new UsageError(`config ${path} is not valid JSON: ${(err as Error).message}`);
  }
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
