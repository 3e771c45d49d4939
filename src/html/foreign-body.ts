import type { RewriteContext } from '../context.js';
import { applyEdits } from '../domain/index.js';
import type { CodeView } from './code-view.js';
import { decodeForeignText, foreignTextContent } from './foreign-text.js';
import { rewriteInlineBody } from './inline-code.js';
import type { PageText } from './page-text.js';
import type { CharMap, RefView } from './xml-char-data.js';
import { changedRegions, rewriteWholeContent } from './xml-splice.js';

/** How the page holds text (from its codec; all null for a page read as a string). */
export interface ForeignBodyCodec {
  readonly pageText: PageText | null;
  readonly refView: RefView;
  readonly codeView: CodeView | null;
}

/**
 * An SVG `<script>` or `<style>` body inside an HTML page (see foreign-text.ts): the
 * text the browser runs (references decoded, CDATA joined, comments out) goes through
 * the JS or CSS rules, and only the changed regions are written back, each escaped for
 * where it lands (a reference in text, raw inside CDATA, see xml-splice.ts). On a page
 * held as bytes the body is decoded with the page's charset first; new characters the
 * charset may not hold are written as references (`0x7f` and up, outside UTF-8).
 * Returns null when this reading of the body is not parse5's (the caller then takes the
 * lexical rules); the body itself when nothing changes.
 */
export function rewriteForeignBody(ctx: RewriteContext, tag: 'script' | 'style', kind: 'classic' | 'module' | 'json' | 'css', body: string, codec: ForeignBodyCodec): string | null {
  // CSS decides for itself (an escape spells a host with no host text); JS needs host text.
  if (kind !== 'css' && !ctx.hosts.code.mayContain(body) && !body.includes('&') && !body.includes('<')) return body;
  const run = (text: string) => rewriteInlineBody(ctx, kind, text);
  const pageText = codec.pageText;
  const source = pageText === null ? body : pageText.toText(body);
  if (source === null || (pageText === null && codec.refView)) return rewriteInView(ctx, tag, body, codec, run);
  const map = decodeForeignText(source);
  if (map.text !== foreignTextContent(tag, source)) return null;
  const next = run(map.text);
  if (next === map.text) return body;
  const rawMax = pageText === null || pageText.holdsAll ? 0x10ffff : 0x7e;
  const out = splice(source, map, next, rawMax);
  if (out === null) return null;
  return pageText === null ? out : pageText.toView(out);
}

/** A body whose bytes have no exact text (see PageText): the byte view, references as bytes. */
function rewriteInView(ctx: RewriteContext, tag: 'script' | 'style', body: string, codec: ForeignBodyCodec, run: (text: string) => string): string | null {
  if (decodeForeignText(body).text !== foreignTextContent(tag, body)) return null;
  const map = decodeForeignText(body, codec.refView);
  const code = map.text;
  const next = codec.codeView !== null ? codec.codeView.rewrite(ctx, code, run) : run(code);
  if (next === code) return body;
  return splice(body, map, next, 0xff, codec.refView);
}

/** `source` whose decoding `map` becomes `next`: the changed regions, else all the text anew; checked by decoding back. */
function splice(source: string, map: CharMap, next: string, rawMax: number, view?: RefView): string | null {
  const regions = changedRegions(map, next, '"', rawMax);
  if (regions !== null) {
    const out = applyEdits(source, regions);
    if (decodeForeignText(out, view).text === next) return out;
  }
  const whole = rewriteWholeContent(source, map, next, rawMax, (from, to) => source.slice(from, to));
  return decodeForeignText(whole, view).text === next ? whole : null;
}
