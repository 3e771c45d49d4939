import { parseFragment, type DefaultTreeAdapterMap } from 'parse5';
import { readTextReference } from './char-refs.js';
import { CharMap, SEG_DELIM, SEG_MARKUP, SEG_PLAIN, SEG_UNIT, type RefView } from './xml-char-data.js';

/**
 * The script or style text of an SVG `<script>` or `<style>` inside an HTML page. In
 * foreign content these are not raw-text elements: the tokenizer stays in the data state
 * (HTML spec, "tree construction dispatcher"), so character references are decoded
 * (`location = &quot;https://…&quot;` runs as a string), CDATA sections are read raw,
 * comments are nodes of their own, CR LF and lone CR become LF, and NUL becomes U+FFFD
 * ("in foreign content"). What runs is the element's child text content: the text
 * nodes, in order. The body handed here ends before the element's end tag and holds no
 * other tag (the engine gives up on a body with a child tag).
 *
 * The decoded text keeps a segment map onto the source ({@link CharMap}, as for XML), so
 * a rewrite is written back over the changed regions only (xml-splice.ts), and
 * {@link foreignTextContent} asks parse5 for the same text, to check this reading.
 */

/** `<![CDATA[`, case-sensitive (tokenizer "markup declaration open state"). */
const CDATA_OPEN = '<![CDATA[';

function isAsciiAlpha(c: number): boolean {
  return (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a;
}

/** Where the markup starting with `<` at `raw[i]` ends, or -1 when that `<` is text. */
function markupEnd(raw: string, i: number): number {
  const n = raw.length;
  const c = raw.charCodeAt(i + 1);
  const toGt = (from: number) => {
    const gt = raw.indexOf('>', from);
    return gt < 0 ? n : gt + 1;
  };
  if (c === 0x21 /* ! */) {
    if (raw.startsWith('<!--', i)) return commentEnd(raw, i + 4);
    // `<!DOCTYPE …>` (ignored in foreign content) and bogus comments end at the first `>`.
    return toGt(i + 2);
  }
  if (c === 0x2f /* / */) {
    if (raw.charCodeAt(i + 2) === 0x3e) return i + 3;
    return toGt(i + 2);
  }
  if (c === 0x3f /* ? */ || isAsciiAlpha(c)) return toGt(i + 2);
  return -1;
}

/** The end of a comment whose `<!--` ends at `from` (`<!-->`, `<!--->`, `-->`, `--!>`). */
function commentEnd(raw: string, from: number): number {
  if (raw.charCodeAt(from) === 0x3e) return from + 1;
  if (raw.charCodeAt(from) === 0x2d && raw.charCodeAt(from + 1) === 0x3e) return from + 2;
  let k = raw.indexOf('--', from);
  while (k >= 0) {
    const c = raw.charCodeAt(k + 2);
    if (c === 0x3e) return k + 3;
    if (c === 0x21 && raw.charCodeAt(k + 3) === 0x3e) return k + 4;
    k = raw.indexOf('--', k + 1);
  }
  return raw.length;
}

/** Appends `raw[from, to)` of character data (`text` or `cdata`) to `map`. */
function decodeData(map: CharMap, raw: string, from: number, to: number, ctx: 'text' | 'cdata', view: RefView): void {
  let plain = from;
  let i = from;
  while (i < to) {
    const c = raw.charCodeAt(i);
    let end = -1;
    let text = '';
    if (c === 0x0d) {
      end = raw.charCodeAt(i + 1) === 0x0a && i + 1 < to ? i + 2 : i + 1;
      text = '\n';
    } else if (c === 0) {
      end = i + 1;
      text = view ? view('\ufffd') : '\ufffd';
    } else if (c === 0x26 && ctx === 'text') {
      // Text ends at markup (`<`) or the body's end, where no reference can go on.
      const ref = readTextReference(raw, i);
      if (ref !== null) {
        end = ref.end;
        text = view ? view(ref.text) : ref.text;
      }
    }
    if (end < 0) {
      i++;
      continue;
    }
    if (plain < i) map.push(SEG_PLAIN, ctx, plain, i, raw.slice(plain, i));
    map.push(SEG_UNIT, ctx, i, end, text);
    plain = i = end;
  }
  if (plain < to) map.push(SEG_PLAIN, ctx, plain, to, raw.slice(plain, to));
}

/**
 * The body `raw` of a foreign `<script>`/`<style>`, decoded as the HTML tokenizer and
 * tree builder read it, with its map onto the source. `view` maps what a reference (or
 * NUL) decodes to into the caller's view of text (the page's bytes as Latin-1).
 */
export function decodeForeignText(raw: string, view?: RefView): CharMap {
  const map = new CharMap();
  const n = raw.length;
  let from = 0;
  let i = raw.indexOf('<');
  while (i >= 0) {
    const end = raw.startsWith(CDATA_OPEN, i) ? -2 : markupEnd(raw, i);
    if (end === -1) {
      i = raw.indexOf('<', i + 1);
      continue;
    }
    decodeData(map, raw, from, i, 'text', view);
    if (end === -2) {
      const open = i + CDATA_OPEN.length;
      const close = raw.indexOf(']]>', open);
      const stop = close < 0 ? n : close;
      map.push(SEG_DELIM, 'cdata', i, open, '');
      decodeData(map, raw, open, stop, 'cdata', view);
      if (close >= 0) map.push(SEG_DELIM, 'cdata', close, close + 3, '');
      from = close < 0 ? n : close + 3;
    } else {
      map.push(SEG_MARKUP, 'text', i, end, '');
      from = end;
    }
    i = from < n ? raw.indexOf('<', from) : -1;
  }
  decodeData(map, raw, from, n, 'text', view);
  return map;
}

type Node = DefaultTreeAdapterMap['node'];
type ParentNode = DefaultTreeAdapterMap['parentNode'];

/**
 * The child text content parse5 gives an SVG `<script>` or `<style>` whose body is
 * `raw`: the authority {@link decodeForeignText} is checked against.
 */
export function foreignTextContent(tag: 'script' | 'style', raw: string): string {
  // Each NUL is one U+FFFD (HTML spec, "in foreign content"); parse5 8 turns a run of
  // them into one, so they are replaced before asking it.
  const body = raw.includes('\0') ? raw.replaceAll('\0', '\ufffd') : raw;
  const fragment = parseFragment(`<svg><${tag}>${body}</${tag}></svg>`);
  const svg = fragment.childNodes[0] as ParentNode | undefined;
  const element = svg?.childNodes[0] as ParentNode | undefined;
  let text = '';
  for (const child of (element?.childNodes ?? []) as Node[]) {
    if (child.nodeName === '#text') text += (child as DefaultTreeAdapterMap['textNode']).value;
  }
  return text;
}
