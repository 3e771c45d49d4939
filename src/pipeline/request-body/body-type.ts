import { extractMimeType } from '../mime-type.js';

/** How a request body is mapped back: by its `Content-Type`. */
export type RequestBodyKind = 'form' | 'json' | 'multipart' | 'pass';

/** The kind, and for multipart the boundary; `unreadable` when a multipart type has no usable boundary. */
export interface RequestBodyType {
  readonly kind: RequestBodyKind;
  readonly boundary?: string;
  readonly unreadable?: 'no-boundary';
}

/**
 * The kind of a request body by its `Content-Type` (Fetch's "extract a MIME type", so
 * several values or a comma-joined one resolve as the browser resolves them):
 * - `application/x-www-form-urlencoded`: `form`;
 * - a JSON MIME type (MIME Sniffing: `application/json`, `text/json`, any `+json`
 *   subtype such as `application/ld+json` or `application/merge-patch+json`): `json`;
 * - `multipart/form-data` with a `boundary` of 1 to 70 characters (RFC 2046): `multipart`;
 * - anything else, no type, or multipart without a usable boundary: `pass`.
 */
export function requestBodyType(contentType: string | readonly string[] | undefined): RequestBodyType {
  const mime = extractMimeType(contentType);
  if (mime === null) return { kind: 'pass' };
  if (mime.essence === 'application/x-www-form-urlencoded') return { kind: 'form' };
  if (mime.essence === 'application/json' || mime.essence === 'text/json' || mime.subtype.endsWith('+json')) return { kind: 'json' };
  if (mime.essence === 'multipart/form-data') {
    const boundary = mime.parameters.get('boundary');
    if (boundary === undefined || boundary.length === 0 || boundary.length > 70) return { kind: 'pass', unreadable: 'no-boundary' };
    return { kind: 'multipart', boundary };
  }
  return { kind: 'pass' };
}
