import { domainToASCII } from 'node:url';
import { getPublicSuffix } from 'tldts';
import { ConfigError } from './errors.js';

/** A protected pattern after validation: `exact` names one host, otherwise every subdomain of `base`. */
export interface HostPattern {
  readonly source: string;
  readonly base: string;
  readonly exact: boolean;
}

const LABEL_RE = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

/**
 * Lower-cases a host and turns an IDN into punycode; returns null for anything that is
 * not a syntactically valid DNS name (empty labels, bad characters, over-long labels).
 */
export function normalizeHost(host: string): string | null {
  let h = host.trim();
  if (h.endsWith('.')) h = h.slice(0, -1);
  if (h === '' || h.length > 253) return null;
  // Only non-ASCII input needs the (slow) IDNA conversion.
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(h)) {
    h = domainToASCII(h);
    if (h === '') return null;
  }
  h = h.toLowerCase();
  for (const label of h.split('.')) if (!LABEL_RE.test(label)) return null;
  return h;
}

/** True when `host` is a public suffix (`com`, `co.uk`, `github.io`) and so may never be protected whole. */
export function isPublicSuffix(host: string): boolean {
  return getPublicSuffix(host, { allowPrivateDomains: true }) === host;
}

/**
 * Parses `example.com` or `*.example.com`. Refuses `*`, anything covering a public
 * suffix and malformed names with a {@link ConfigError} that names the pattern.
 */
export function parsePattern(source: string): HostPattern {
  const raw = source.trim();
  const exact = !raw.startsWith('*.');
  const body = exact ? raw : raw.slice(2);
  if (body.includes('*')) {
    throw new ConfigError(`protected pattern ${JSON.stringify(source)}: '*' is only allowed as the whole first label ("*.example.com")`);
  }
  const base = normalizeHost(body);
  if (base === null) throw new ConfigError(`protected pattern ${JSON.stringify(source)} is not a valid host name`);
  if (isPublicSuffix(base)) {
    throw new ConfigError(`protected pattern ${JSON.stringify(source)} would cover the public suffix "${base}"`);
  }
  return { source, base, exact };
}
