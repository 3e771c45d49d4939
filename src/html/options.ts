/** Options of the HTML rewriter. */
export interface HtmlOptions {
  /** The charset parameter of the HTTP `Content-Type`, if any (a label such as `utf-8` or `Shift_JIS`). */
  charset?: string;
  /**
   * Markup injected once at the start of `<head>` (created if absent), after any
   * `<meta charset>`. Off unless given.
   */
  snippet?: string;
  /**
   * Which parser the browser runs on this body: `html` (the default) for `text/html`,
   * `xml` for XHTML (`application/xhtml+xml`), SVG (`image/svg+xml`) and any other XML
   * (`text/xml`, `application/xml`, `*+xml`): every element read the XML way (no
   * raw-text elements, self-closing tags, CDATA sections), the charset from the BOM,
   * the HTTP charset or the XML declaration (UTF-8 by default), and never a snippet.
   */
  document?: 'html' | 'xml';
}
