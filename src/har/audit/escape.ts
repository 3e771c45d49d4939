/**
 * An escape: a protected host in a URL position that the proxy did not map to its twin.
 * One is enough for the browser to leave the proxy (DESIGN.md "The job").
 */

/** Where the escaping value sits. */
export type EscapeKind =
  /** A URL attribute of HTML, SVG or MathML (`a[href]`, `img[srcset]`, `base[href]`, `meta[content]` of a refresh, …). */
  | 'html-attr'
  /** A CSS URL position: `url()`, `@import`, `image-set()`, `src()` (in a sheet, `<style>` or a `style` attribute). */
  | 'css-url'
  /** A JavaScript string literal or template chunk holding a URL (also `on*` handlers and `javascript:` URLs). */
  | 'js-string'
  /** A JSON string (a JSON body, a JSON `<script>`, an attribute holding JSON). */
  | 'json-string'
  /** Element text that is one absolute URL in an XML document (`<link>`, `<loc>`, `<guid>` of feeds and sitemaps). */
  | 'xml-text'
  /** A response header (`Location`, `Link`, `Refresh`, CSP, `Access-Control-Allow-Origin`, …). */
  | 'header'
  /** The `Domain` of a `Set-Cookie` header or of the HAR `response.cookies[].domain`. */
  | 'cookie-domain'
  /** The HAR `response.redirectURL`. */
  | 'redirect'
  /** The request URL of the entry: the browser went to the upstream host itself. */
  | 'request-url'
  /** A request header naming the upstream host (`Host`, `:authority`, `Origin`, `Referer`). */
  | 'request-header';

/** Every kind, in the order reports list them. */
export const ESCAPE_KINDS: readonly EscapeKind[] = [
  'request-url', 'request-header', 'redirect', 'header', 'cookie-domain',
  'html-attr', 'css-url', 'js-string', 'json-string', 'xml-text',
];

export interface Escape {
  /** Index of the entry in `log.entries`, from 0. */
  readonly entry: number;
  /** The entry's request URL. */
  readonly url: string;
  /** The response's content type as captured (empty when none). */
  readonly contentType: string;
  readonly kind: EscapeKind;
  /**
   * What holds the value: `a[href]`, `iframe[srcdoc] img[src]`, `style`, `script`,
   * `header Location`, `cookies[2].domain`, `request.url`, …
   */
  readonly where: string;
  /** 1-based line and column of the host in the body (absent for headers and HAR fields). */
  readonly line?: number;
  readonly column?: number;
  /** The protected host, as the URL parser gives it (lower case, punycode). */
  readonly host: string;
  /** The escaping value as decoded (a URL, a cookie domain, a header value), at most 200 characters. */
  readonly value: string;
  /** At most 120 characters of the source around the value, on one line. */
  readonly snippet: string;
}

/** "line:col" when the escape has a place in a body, else its `where`. */
export function positionOf(e: Escape): string {
  return e.line === undefined ? e.where : `${e.line}:${e.column ?? 1}`;
}
