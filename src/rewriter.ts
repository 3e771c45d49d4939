import type { Transform } from 'node:stream';
import type { SourceMap } from 'magic-string';
import { createContext, type RewriteContext } from './context.js';
import { createCssProcessor, createCssStream, rewriteCss } from './css/index.js';
import { MappingError, type EventListener, type HostMapOptions } from './domain/index.js';
import { rewriteRequestHeaders, rewriteRequestTarget, rewriteResponseHeaders, type HeadersInput, type HeadersOutput, type ResponseHeaderOptions } from './headers/index.js';
import { rewriteSetCookie } from './cookies/index.js';
import { createHtmlStream, createHtmlTransformStream, rewriteHtml, type HtmlOptions } from './html/index.js';
import { createJsStream, JsByteProcessor, rewriteJs, rewriteJsWithMap, type JsMapOptions, type JsOptions } from './js/index.js';
import { createJsonProcessor, createJsonStream, rewriteJson } from './json/index.js';
import { toWebTransformStream } from './stream/index.js';

/** Everything {@link createRewriter} takes. */
export interface RewriterOptions extends HostMapOptions {
  /** Receives every report (fallbacks, refused cookies, unmappable hosts). */
  onEvent?: EventListener;
  /** Per-unit buffer cap, see {@link RewriteLimits}. Default 16 MiB. */
  maxBufferBytes?: number;
  /** HTML injected once at the start of `<head>`; off unless given. */
  snippet?: string;
}

/** What {@link Rewriter.rewriteJsWithMap} returns. */
export interface RewrittenJs {
  readonly code: string;
  /** From `code` back to the source (magic-string, one segment per character); null when nothing changed. */
  readonly map: SourceMap | null;
}

/** The content types that have a rewriter. */
export type ContentKind = 'html' | 'js' | 'css' | 'json';

/** A configured rewriter: streams, string helpers, URL and host mapping, headers and cookies. */
export interface Rewriter {
  readonly context: RewriteContext;
  /** HTML Transform (bytes in, bytes out); `charset` is the HTTP Content-Type parameter, if any. */
  html(options?: HtmlOptions): Transform;
  js(options?: JsOptions): Transform;
  css(): Transform;
  json(): Transform;
  /** The same rewriters as Web `TransformStream`s. */
  webStream(kind: ContentKind, options?: HtmlOptions & JsOptions): TransformStream<Uint8Array, Uint8Array>;
  rewriteHtml(source: string, options?: HtmlOptions): string;
  rewriteJs(source: string, options?: JsOptions): string;
  /** {@link rewriteJs} with a source map from the output back to `source`. */
  rewriteJsWithMap(source: string, options?: JsMapOptions): RewrittenJs;
  rewriteCss(source: string): string;
  rewriteJson(source: string): string;
  /** A URL, forward; what is not protected comes back unchanged. */
  url(url: string): string;
  /** A proxied URL mapped back to upstream (request side). */
  upstreamUrl(url: string): string;
  /**
   * A host, forward; what is not protected comes back unchanged, and so does a protected
   * host that has no twin (a flat label over 63 characters), reported as `mapping-error`.
   */
  host(host: string): string;
  /**
   * The upstream host of a proxied host or `Host` header value (a port, `:1`–`:65535`, is
   * dropped), or null unless it is the twin of a protected host.
   */
  upstreamHost(host: string): string | null;
  /** One `Set-Cookie` value rewritten, or null when it must be dropped (reported). */
  setCookie(value: string): string | null;
  responseHeaders(headers: HeadersInput, options?: ResponseHeaderOptions): HeadersOutput;
  requestHeaders(headers: HeadersInput): HeadersOutput;
  /** The request target (path and query) with proxied URLs in the query mapped back. */
  requestTarget(target: string): string;
}

/**
 * Builds a rewriter. Throws {@link ConfigError} for a configuration it refuses (a
 * pattern covering a public suffix, a bad suffix or port).
 *
 * ```ts
 * const rw = createRewriter({ suffix: 'proxy.test', domains: ['example.com', '*.example.com'] });
 * response.pipe(rw.html()).pipe(res);
 * ```
 */
export function createRewriter(options: RewriterOptions): Rewriter {
  const ctx = createContext(options);
  const withSnippet = (o?: HtmlOptions): HtmlOptions => ({ snippet: options.snippet, ...o });
  const webStreams: Record<ContentKind, (o?: HtmlOptions & JsOptions) => TransformStream<Uint8Array, Uint8Array>> = {
    html: (o) => createHtmlTransformStream(ctx, withSnippet(o)),
    js: (o) => toWebTransformStream(new JsByteProcessor(ctx, o)),
    css: () => toWebTransformStream(createCssProcessor(ctx)),
    json: () => toWebTransformStream(createJsonProcessor(ctx)),
  };
  return {
    context: ctx,
    html: (o) => createHtmlStream(ctx, withSnippet(o)),
    js: (o) => createJsStream(ctx, o),
    css: () => createCssStream(ctx),
    json: () => createJsonStream(ctx),
    webStream: (kind, o) => {
      const make = webStreams[kind];
      if (!make) throw new TypeError(`webStream: unknown kind ${JSON.stringify(kind)}; use html, js, css or json`);
      return make(o);
    },
    rewriteHtml: (s, o) => rewriteHtml(ctx, s, withSnippet(o)),
    rewriteJs: (s, o) => rewriteJs(ctx, s, o),
    rewriteJsWithMap: (s, o) => rewriteJsWithMap(ctx, s, o),
    rewriteCss: (s) => rewriteCss(ctx, s),
    rewriteJson: (s) => rewriteJson(ctx, s),
    url: (u) => ctx.hosts.url(u),
    upstreamUrl: (u) => ctx.hosts.upstreamUrl(u),
    host: (h) => forwardHost(ctx, h),
    upstreamHost: (h) => ctx.hosts.map.upstreamHost(h),
    setCookie: (v) => rewriteSetCookie(ctx, v),
    responseHeaders: (h, o) => rewriteResponseHeaders(ctx, h, o),
    requestHeaders: (h) => rewriteRequestHeaders(ctx, h),
    requestTarget: (t) => rewriteRequestTarget(ctx, t),
  };
}

/** `rw.host()`: never throws; a host without a twin stays as it is, like every unmappable occurrence in a body. */
function forwardHost(ctx: RewriteContext, host: string): string {
  try {
    return ctx.hosts.map.host(host);
  } catch (err) {
    if (!(err instanceof MappingError)) throw err;
    ctx.emit({ type: 'mapping-error', message: err.message, host: err.host });
    return host;
  }
}
