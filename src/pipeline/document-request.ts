import { headerValue, type HeaderLike } from './header-values.js';

// Fetch destinations whose response is a document the page's user sees.
const DOCUMENT_DESTINATIONS = new Set(['document', 'iframe', 'frame', 'embed', 'object']);

const DOCUMENT_START = ['<!doctype', '<html', '<head', '<meta', '<title', '<base', '<link', '<body'];

/**
 * Whether an HTML response is a document (which gets the snippet) or a fragment that a
 * script fetched to insert into a page (which must not: it would run the runtime twice, or
 * show up as markup). `Sec-Fetch-Dest` answers when the request has it; browsers send it
 * only to secure origins, so a proxy on plain `http` falls back on what is left: an
 * `X-Requested-With` or `HX-Request` header marks a script's request; a body that opens as a
 * document (a doctype, `<html>`, `<head>` or a head element first, after whitespace and
 * comments) or a request that asked for `text/html` marks a document.
 */
export function isDocumentResponse(requestHeaders: HeaderLike, head: Uint8Array): boolean {
  const dest = headerValue(requestHeaders, 'sec-fetch-dest');
  if (dest !== undefined) return DOCUMENT_DESTINATIONS.has(dest.trim().toLowerCase());
  if (headerValue(requestHeaders, 'x-requested-with') !== undefined || headerValue(requestHeaders, 'hx-request') !== undefined) return false;
  if (opensAsDocument(head)) return true;
  return (headerValue(requestHeaders, 'accept') ?? '').toLowerCase().includes('text/html');
}

function opensAsDocument(bytes: Uint8Array): boolean {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1').toLowerCase();
  let at = text.startsWith('\xef\xbb\xbf') ? 3 : 0;
  for (;;) {
    while (at < text.length && ' \t\n\r\f'.includes(text[at] as string)) at++;
    if (!text.startsWith('<!--', at)) break;
    const close = text.indexOf('-->', at + 4);
    if (close === -1) return false;
    at = close + 3;
  }
  return DOCUMENT_START.some((tag) => text.startsWith(tag, at) && /[\s>/]/.test(text[at + tag.length] ?? '>'));
}
