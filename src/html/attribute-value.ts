import { spliceValue, type Quote } from './attribute-splice.js';
import { decodeAttributeValue, decodeInView } from './char-refs.js';
import type { EscapeMode } from './codec.js';
import { numericReference, type PageText } from './page-text.js';

/** How the page's attribute values are read and written (from its codec, see codec.ts). */
export interface ValueCodec {
  /** Which characters of new text become references, in the engine's view. */
  readonly escape: EscapeMode;
  /** Byte view: what a character reference decodes to, as the page's bytes. */
  readonly refView: ((decoded: string) => string) | null;
  /** Byte view: the page's characters behind the bytes. */
  readonly pageText: PageText | null;
}

/**
 * The rules on one value: `value` is real text when `asText`, else the engine's view
 * (bytes as Latin-1, where the page's charset gave no exact text).
 */
export type ValueRules = (value: string, asText: boolean) => string;

/**
 * The new source (quotes included) of an attribute value, or null when the rules leave
 * it as it is. `raw` is the value's source between its quotes and `parsed` the value as
 * the parser decoded it, both in the engine's view.
 *
 * On a page held as bytes, the rules must read what the browser reads: the bytes decoded
 * with the page's charset, then the references (HTML spec: the tokenizer works on the
 * decoded characters; a URL attribute is then parsed as a string, its host and path
 * UTF-8-encoded whatever the page's charset). So the source is decoded into text, the
 * value rewritten and spliced as text (only the changed regions, see attribute-splice.ts)
 * and the result encoded back, a character the charset cannot hold as a numeric
 * reference. A page read as a string (the helpers, UTF-16) is already text. Bytes of a
 * legacy multi-byte charset that do not decode exactly keep the byte view.
 */
export function rewriteValueSource(raw: string, quote: Quote, parsed: string, codec: ValueCodec, rules: ValueRules): string | null {
  const refView = codec.refView;
  const pageText = codec.pageText;
  if (pageText !== null) {
    const rawText = pageText.toText(raw);
    // ASCII source: the parser's reading is the text itself.
    if (rawText === raw) return rewriteAsText(raw, parsed, quote, pageText, rules);
    // Else the references are read again on the text; parse5 must agree on where they are.
    const agreed = raw === parsed || (refView !== null && decodeInView(raw, parsed, refView) !== undefined);
    if (rawText !== null && agreed) return rewriteAsText(rawText, raw === parsed ? rawText : decodeAttributeValue(rawText).text, quote, pageText, rules);
  }
  // The byte view: parse5 decoded references to Unicode among the page's bytes. Redo the
  // value with references as bytes, so the view is one (the page's bytes) and the value
  // splices back as bytes; parse5's decoding stays the authority (undefined: it disagrees).
  const map = refView !== null && raw !== parsed ? decodeInView(raw, parsed, refView) : undefined;
  const decoded = map?.text ?? parsed;
  const next = rules(decoded, false);
  if (next === decoded) return null;
  return spliceValue(raw, quote, decoded, next, codec.escape, map, refView ?? undefined);
}

/** The value as text (`rawText` its source, `text` its decoding), rewritten, spliced and encoded back. */
function rewriteAsText(rawText: string, text: string, quote: Quote, pageText: PageText, rules: ValueRules): string | null {
  const next = rules(text, true);
  if (next === text) return null;
  return pageText.toView(spliceValue(rawText, quote, text, next, 'unicode'), numericReference);
}
