import { isToken, trimOws } from './http-token.js';

/**
 * The disposition type of a `Content-Disposition` value as Chromium reads it
 * (net/http/http_content_disposition.cc, ConsumeDispositionType): the text before the
 * first `;`, trimmed; when it is not a token (`"attachment"`, `filename=x`) the value has
 * no type. Lower case; null when there is none. The parameters need not parse: a
 * header whose parameters are broken still has its type.
 */
export function dispositionTypeOf(contentDisposition: string | undefined): string | null {
  if (contentDisposition === undefined) return null;
  const semicolon = contentDisposition.indexOf(';');
  const type = trimOws(semicolon === -1 ? contentDisposition : contentDisposition.slice(0, semicolon));
  return isToken(type) ? type.toLowerCase() : null;
}

/**
 * True when the browser saves the response instead of showing it: the type is
 * `attachment` (any case), or a type it does not know, which RFC 6266 §4.2 says to treat
 * as `attachment` and Chromium does (tc2231 `dispext`: `foobar` is an attachment). False
 * for `inline`, for no type (`filename=foo.html`, tc2231 `attmissingdisposition`), and for
 * no header.
 */
export function isAttachment(contentDisposition: string | undefined): boolean {
  const type = dispositionTypeOf(contentDisposition);
  return type !== null && type !== 'inline';
}
