/** Which parser a browser runs on a markup body. */
export type DocumentKind = 'html' | 'xml';

/**
 * The parser for a response's `Content-Type` (MIME Sniffing, "HTML MIME type" and "XML
 * MIME type"): `html` for `text/html`; `xml` for `text/xml`, `application/xml` and every
 * `*\/*+xml` (`application/xhtml+xml`, `image/svg+xml`, `application/atom+xml`,
 * `application/rss+xml`); null for anything else (not markup: use another rewriter).
 */
export function documentKind(contentType: string | null | undefined): DocumentKind | null {
  if (contentType === null || contentType === undefined) return null;
  const semicolon = contentType.indexOf(';');
  const essence = (semicolon < 0 ? contentType : contentType.slice(0, semicolon)).trim().toLowerCase();
  if (essence === 'text/html') return 'html';
  const slash = essence.indexOf('/');
  if (slash <= 0 || slash === essence.length - 1) return null;
  if (essence === 'text/xml' || essence === 'application/xml' || essence.endsWith('+xml')) return 'xml';
  return null;
}
