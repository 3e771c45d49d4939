/**
 * The extra fields of every event the library emits, keyed by event type. This is the
 * one place that lists the event types: add a type here and it is part of
 * {@link RewriteEvent}, {@link RewriteEventType} and the emit sites' type checks.
 */
export interface RewriteEventFields {
  /** `Set-Cookie` `Domain` removed in the flat scheme: the cookie is host-only on the proxied host. */
  'cookie-host-only': { readonly cookie: string | undefined; readonly domain: string };
  /** A `Set-Cookie` value dropped (the caller must not send it). */
  'cookie-refused': {
    readonly reason: 'control-character' | 'public-suffix' | 'proxy-suffix' | 'mapping-error' | 'insecure-prefix';
    readonly cookie?: string | undefined;
    readonly domain?: string;
  };
  /** `Secure` removed from a cookie because the proxy's public scheme is `http`. */
  'cookie-secure-dropped': { readonly cookie: string | undefined; readonly sameSiteNone: boolean };
  /** A bug in the CSS rewriter was caught: the rest of the stylesheet passed unchanged. */
  'css-error': {};
  /** A CSS string or `url()` longer than the buffer cap, rewritten in windows or passed through. */
  'css-token-too-long': { readonly length: number };
  /** A header dropped: `reason` is `invalid-name`, `not-a-string` or `control-character`. */
  'header-dropped': { readonly header: string; readonly reason: string };
  /** A bug in one header's rewriter was caught: that value passed unchanged. */
  'header-rewrite-failed': { readonly header: string };
  /** Inline code of a legacy-charset page that does not round-trip, rewritten byte by byte. */
  'html-charset-fallback': { readonly charset: string };
  /** Rewrites pushed the end of the charset `<meta>` past the 1,024-byte prescan, to `offset`. */
  'html-charset-meta-moved': { readonly offset: number };
  /** A bug in the HTML rewriter was caught: the rest of the document passed unchanged. */
  'html-error': {};
  /** An inline `<script>`/`<style>` over the buffer cap, rewritten by the streaming fallback. */
  'html-inline-cap': { readonly tag: string };
  /** An inline body's rewriter failed; the lexical fallback rewrote it. */
  'html-inline-fallback': {};
  /** Documents nested `depth` deep (`<noscript>`, `srcdoc`), rewritten lexically. */
  'html-nesting-limit': { readonly depth: number };
  /** A bug in the JavaScript rewriter was caught: the rest of the body passed unchanged. */
  'js-error': {};
  /** The exact JavaScript rewriter gave way to the lexical fallback. */
  'js-fallback': { readonly reason: 'syntax-error' | 'over-cap' | 'invalid-utf8' };
  /** A host that code begins and a literal ends, which the flat scheme cannot rewrite. */
  /**
   * A URL host that code writes part of and no static rewrite can map: the flat scheme, or
   * `value-dependent` (protected for some values only). `host` shows code as `*`.
   */
  'js-unmappable': { readonly host: string; readonly reason?: 'flat-scheme' | 'value-dependent' };
  /** A bug in the JSON rewriter was caught: the rest of the body passed unchanged. */
  'json-error': {};
  /** A protected host with no proxied twin (a flat label over 63 characters): left as it is. */
  'mapping-error': { readonly host: string };
  /** Binary bytes under a text type (a font as `text/css`): the body passed untouched. */
  'pipeline-binary-body': { readonly kind: string };
  /** An exchange failed (upstream unreachable, aborted, a decode limit): the client got a 502 or a broken-off body. */
  'pipeline-error': {};
  /** A `Range` dropped from a request whose response will be rewritten whole. */
  'pipeline-range-dropped': {};
  /** Upstream answered a range of a rewritten type with 206: the whole body must be fetched again. */
  'pipeline-range-refetch': {};
  /** A Content-Encoding the pipeline cannot undo: the body passed unrewritten. */
  'pipeline-unknown-coding': { readonly codings: readonly string[] };
  /** A bug in a request-body rewriter was caught: the rest of the body went upstream unchanged. */
  'request-body-error': {};
  /** A request body or part not readable as its type says (no multipart boundary, part headers over 16 KiB): passed unchanged. */
  'request-body-unreadable': { readonly reason: 'no-boundary' | 'part-headers-too-long' };
  /** A bug in the URL rule was caught: that value alone was decided again on its own host (a protected one still proxied). */
  'url-error': {};
}

/** Every event type the library emits. */
export type RewriteEventType = keyof RewriteEventFields;

/**
 * One event of type `T`. Besides its own fields it admits others (read as `unknown`), so
 * a listener written today keeps compiling when a type gains a field.
 */
export type RewriteEventOf<T extends RewriteEventType> = {
  /** What happened. */
  readonly type: T;
  /** One human-readable line. */
  readonly message: string;
  readonly [field: string]: unknown;
} & RewriteEventFields[T];

/**
 * Something a rewriter did that the caller may want to log or count: a fallback to the
 * lexical rewriter, a refused cookie, a host that could not be mapped. Rewriting never
 * stops for these; they are reports, not errors. A union discriminated by `type`:
 * `if (e.type === 'cookie-refused') e.reason` is typed.
 */
export type RewriteEvent = { [T in RewriteEventType]: RewriteEventOf<T> }[RewriteEventType];

/** Receives every {@link RewriteEvent}. Must not throw; a throwing listener is ignored. */
export type EventListener = (event: RewriteEvent) => void;

/** Calls the listener, shielding the rewriter from a listener that throws. */
export function emitEvent(listener: EventListener | undefined, event: RewriteEvent): void {
  if (!listener) return;
  try {
    listener(event);
  } catch {
    // A faulty logger must not take the user's session down.
  }
}
