import { CharMap, decodeInto, SEG_DELIM, SEG_INNER, SEG_MARKUP, type RefView } from './xml-char-data.js';
import { parseTag } from './xml-tag.js';
import { XmlTokenizer, type XmlTokenSink } from './xml-tokenizer.js';

/**
 * The character data of element content `raw`, decoded, as a `<script>` or `<style>`
 * element's child text content is (HTML "child text content"): text and CDATA sections
 * at the top level, in order. Comments, processing instructions and child tags
 * contribute nothing (in XHTML a `<!-- -->` around a script hides it), nor does the text
 * inside child elements (kept as {@link SEG_INNER}). Read by the same tokenizer as the
 * page, so the engine and this map agree on every boundary.
 */
export function decodeContent(raw: string, view?: RefView): CharMap {
  const map = new CharMap();
  let pos = 0;
  let depth = 0;
  /** Whether the next CDATA piece opens a section (`<![CDATA[`). */
  let opening = true;
  const markup = (piece: string) => {
    map.push(SEG_MARKUP, 'text', pos, pos + piece.length, '');
    pos += piece.length;
  };
  const sink: XmlTokenSink = {
    text(piece) {
      if (depth > 0) map.push(SEG_INNER, 'text', pos, pos + piece.length, '');
      else decodeInto(map, raw, pos, pos + piece.length, 'text', view);
      pos += piece.length;
    },
    cdata(piece, end) {
      const from = pos;
      pos += piece.length;
      const wasOpening = opening;
      opening = end;
      if (depth > 0) return map.push(SEG_INNER, 'cdata', from, pos, '');
      if (wasOpening) return map.push(SEG_DELIM, 'cdata', from, pos, '');
      const close = end && piece.endsWith(']]>') ? pos - 3 : pos;
      decodeInto(map, raw, from, close, 'cdata', view);
      if (close < pos) map.push(SEG_DELIM, 'cdata', close, pos, '');
    },
    markup,
    subset: markup,
    stylesheet: markup,
    oversized: markup,
    startTag(tag) {
      markup(tag);
      if (!parseTag(tag).selfClosing) depth++;
    },
    endTag(tag) {
      markup(tag);
      if (depth > 0) depth--;
    },
  };
  const tokenizer = new XmlTokenizer(sink, Infinity);
  tokenizer.write(raw);
  tokenizer.end();
  return map;
}
