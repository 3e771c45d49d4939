/** How an upstream exchange that gave no response head failed, for the page the browser gets. */
export type UpstreamFailure = 'unreachable' | 'timeout';

// undici's codes for a connection or a response head that took too long (RFC 9110 §15.6.5: 504).
const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'ETIMEDOUT']);

/** A timeout is a 504; every other failure (refused, reset, DNS, TLS, a bad answer) is a 502. */
export function upstreamFailureOf(err: unknown): UpstreamFailure {
  const code = typeof err === 'object' && err !== null && 'code' in err ? (err as { code?: unknown }).code : undefined;
  return typeof code === 'string' && TIMEOUT_CODES.has(code) ? 'timeout' : 'unreachable';
}
