/**
 * `src/html`: streaming HTML rewriting (DESIGN section 4) on parse5's rewriting stream,
 * and the same rules for XML documents (XHTML, SVG, feeds) on an XML tokenizer
 * (`document: 'xml'`). Untouched bytes come out as they came in; changed attribute
 * values are spliced in place; inline scripts, styles and JSON go to the JS, CSS and
 * JSON rewriters.
 */
import type { Transform } from 'node:stream';
import type { RewriteContext } from '../context.js';
import { HtmlByteRewriter } from './byte-rewriter.js';
import { toNodeTransform, toWebTransformStream } from '../stream/index.js';
import { rewriteHtmlText } from './engine.js';
import type { HtmlOptions } from './options.js';
import { XmlSpliceEngine } from './xml-engine.js';

export type { HtmlOptions } from './options.js';
export { HtmlByteRewriter } from './byte-rewriter.js';
export { sniffCharset, encodingForLabel, type SniffedCharset, type CharsetSource } from './charset.js';
export { prescanCharset, prescanCharsetDeclaration, type CharsetDeclaration } from './prescan.js';
export { srcsetUrls, rewriteSrcset, type SrcsetUrl } from './srcset.js';
export { refreshUrl, rewriteRefresh, type RefreshUrl } from './meta-refresh.js';
export { urlAttributeKind, type UrlAttributeKind } from './url-attributes.js';
export { scriptKind, type ScriptKind } from './script-type.js';
export { sniffXmlCharset, type XmlSniffedCharset, type XmlCharsetSource } from './xml-charset.js';

/**
 * Rewrites an HTML (or, with `document: 'xml'`, XML) document given as a string
 * (already decoded: no charset handling). Equal to what {@link createHtmlStream}
 * produces for the same page in UTF-8.
 */
export function rewriteHtml(ctx: RewriteContext, source: string, options: HtmlOptions = {}): string {
  if (options.document === 'xml') return rewriteXml(ctx, source);
  // A BOM is no content: it stays first, and the snippet goes where it would without it
  // (the byte stream does the same with the BOM's bytes).
  if (source.charCodeAt(0) === 0xfeff) return '\ufeff' + rewriteHtmlText(ctx, source.slice(1), { snippet: options.snippet });
  return rewriteHtmlText(ctx, source, { snippet: options.snippet });
}

/** Rewrites an XML document (XHTML, SVG, a feed) given as a string; never a snippet. */
export function rewriteXml(ctx: RewriteContext, source: string): string {
  const engine = new XmlSpliceEngine(ctx);
  engine.feed(source);
  engine.finish();
  return engine.takeOutput();
}

/** A Node `Transform`, bytes in and bytes out, in the page's own charset. */
export function createHtmlStream(ctx: RewriteContext, options: HtmlOptions = {}): Transform {
  return toNodeTransform(new HtmlByteRewriter(ctx, options));
}

/** The same as a Web `TransformStream` (for fetch, undici and workers). */
export function createHtmlTransformStream(ctx: RewriteContext, options: HtmlOptions = {}): TransformStream<Uint8Array, Uint8Array> {
  return toWebTransformStream(new HtmlByteRewriter(ctx, options));
}
