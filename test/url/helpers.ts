import { createRewriter, type Rewriter, type RewriterOptions } from '../../src/rewriter.js';

// The oracle of these tests is the WHATWG URL parser (Node's `URL`), applied to the
// input and to the output: never the rewriter's own code.

export const SUFFIX = 'proxy.test';
export const DOMAINS = ['acme-docs.com', '*.acme-docs.com'];

export function rewriter(options: Partial<RewriterOptions> = {}): Rewriter {
  return createRewriter({ suffix: SUFFIX, domains: DOMAINS, ...options });
}

/** The page the value stands on (its host is never protected). */
export function pageBase(scheme: 'http' | 'https' = 'https'): string {
  return `${scheme}://page.invalid/dir/doc`;
}

export function parse(value: string, base = pageBase()): URL | null {
  try {
    return new URL(value, base);
  } catch {
    return null;
  }
}

const SPECIAL = new Set(['http:', 'https:', 'ws:', 'wss:']);

/** `acme-docs.com` and its subdomains, as the suffix scheme's patterns say (trailing dot ignored). */
export function isProtectedHost(hostname: string): boolean {
  const h = hostname.endsWith('.') ? hostname.slice(0, -1) : hostname;
  return h === 'acme-docs.com' || h.endsWith('.acme-docs.com');
}

/** The twin of a protected host in the suffix scheme, trailing dot kept. */
export function suffixTwin(hostname: string): string {
  return hostname.endsWith('.') ? `${hostname.slice(0, -1)}.${SUFFIX}.` : `${hostname}.${SUFFIX}`;
}

/** The twin of a protected host in the flat scheme (dots to `-`, `-` doubled), trailing dot kept. */
export function flatTwin(hostname: string): string {
  const dot = hostname.endsWith('.') ? '.' : '';
  return hostname.slice(0, hostname.length - dot.length).replaceAll('-', '--').replaceAll('.', '-') + `.${SUFFIX}` + dot;
}

/** Whether the browser, on `base`, would fetch a protected host for `value`. */
export function reachesProtectedHost(value: string, base = pageBase()): boolean {
  const u = parse(value, base);
  return u !== null && SPECIAL.has(u.protocol) && isProtectedHost(u.hostname);
}

/**
 * The URL the proxied value must parse to: the input's parse with the twin for its host,
 * and (when given) the proxy's scheme and port.
 */
export function proxiedHref(value: string, base: string, twin: (h: string) => string, scheme?: 'http' | 'https', port?: number): string {
  const u = parse(value, base) as URL;
  if (scheme !== undefined) u.protocol = u.protocol.startsWith('ws') ? (scheme === 'https' ? 'wss' : 'ws') : scheme;
  u.hostname = twin(u.hostname);
  if (port !== undefined) u.port = String(port);
  return u.href;
}
