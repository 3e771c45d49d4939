import { attachmentDisposition } from './attachment.js';

/** Header values as the pipeline keeps them (lower-case names; repeated headers as lists). */
export type HeaderMap = Readonly<Record<string, string | readonly string[]>>;

/** The file that replaces the upstream body: a protected file or a blocked-download notice. */
export interface Replacement {
  readonly name: string;
  readonly contentType: string;
  /** The body's length when known (a notice); null for a body that streams (a protected file). */
  readonly size: number | null;
}

/**
 * Upstream headers that describe the original representation or how it may be cached,
 * ranged or checked: none of it is true of the replacement. The validators and digests
 * would let a cache or a client take one for the other; Content-Range and Accept-Ranges
 * would let a Range retry fetch part of a file it cannot see whole; a cached copy would
 * outlive the session decision it was made for. Framing is the replacement's own.
 */
const ORIGINAL_ONLY = new Set([
  'content-type',
  'content-length',
  'content-range',
  'content-encoding',
  'content-disposition',
  'content-language',
  'content-location',
  'content-md5',
  'digest',
  'content-digest',
  'repr-digest',
  'etag',
  'last-modified',
  'accept-ranges',
  'cache-control',
  'expires',
  'pragma',
  'age',
  'vary',
  'transfer-encoding',
  'trailer',
  'x-content-type-options',
]);

/**
 * The response head for a replaced download: `200` (also for a `206`: the replacement is
 * a whole file), the replacement's type, `Content-Disposition: attachment` with its name,
 * `Content-Length` only when its size is known, never stored, never sniffed, no ranges.
 * Every other upstream header (Set-Cookie, Date, CSP, …) stays as it was. Pure: the
 * input is not changed.
 */
export function replacementHead(original: HeaderMap, replacement: Replacement): { status: 200; headers: Record<string, string | readonly string[]> } {
  const headers: Record<string, string | readonly string[]> = {};
  for (const [name, value] of Object.entries(original)) {
    if (!ORIGINAL_ONLY.has(name.toLowerCase())) headers[name] = value;
  }
  headers['content-type'] = replacement.contentType;
  headers['content-disposition'] = attachmentDisposition(replacement.name);
  if (replacement.size !== null) headers['content-length'] = String(replacement.size);
  headers['cache-control'] = 'no-store';
  headers['x-content-type-options'] = 'nosniff';
  headers['accept-ranges'] = 'none';
  return { status: 200, headers };
}
