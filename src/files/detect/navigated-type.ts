import type { SniffedType } from './sniff.js';

/** Content-Type values browsers treat as no type (MIME Sniffing's "unknown" types; `*\/*` never reaches here, Fetch drops it). */
const UNKNOWN_TYPES = new Set(['unknown/unknown', 'application/unknown']);

/**
 * The type a navigation is displayed as, approximating Chromium's sniffing
 * (net/base/mime_sniffer.cc) with what is known here: with no usable declared type, the
 * sniffed type, else `application/octet-stream` for binary bytes and `text/plain` for
 * text; `text/plain` holding binary bytes is `application/octet-stream` (unless
 * `X-Content-Type-Options: nosniff`); any other declared type as declared.
 */
export function navigatedType(declared: string | null, sniffed: SniffedType | null, binary: boolean, nosniff: boolean): string {
  if (declared === null || UNKNOWN_TYPES.has(declared)) return sniffed?.mime ?? (binary ? 'application/octet-stream' : 'text/plain');
  if (declared === 'text/plain' && binary && !nosniff) return 'application/octet-stream';
  return declared;
}
