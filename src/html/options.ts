/** Options of the HTML rewriter. */
export interface HtmlOptions {
  /** The charset parameter of the HTTP `Content-Type`, if any (a label such as `utf-8` or `Shift_JIS`). */
  charset?: string;
  /**
   * Markup injected once at the start of `<head>` (created if absent), after any
   * `<meta charset>`. Off unless given.
   */
  snippet?: string;
}
