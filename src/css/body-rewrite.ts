import type { RewriteContext } from '../context.js';
import { applyEdits, codeStringEdits, editsOf, isUrlOccurrence, type Edit } from '../domain/index.js';
import { isHexCode, isWhitespaceCode } from './chars.js';
import { decodeEscapes, decodeValue } from './escapes.js';

/**
 * What a CSS string or url token body is:
 * - `url`: a URL position (`url()`, `@import`, `image-set()`, `src()`): DESIGN rules 1–2;
 * - `code`: any other string: rule 3;
 * - `none`: never rewritten (`@namespace`: a namespace name is compared, never fetched).
 */
export type BodyRole = 'url' | 'code' | 'none';

const DATA_URL = /^[\t\n\f\r ]*data:/i;

const shortestHosts = new WeakMap<RewriteContext, number>();

/**
 * The length of the shortest protected host name: a body shorter than it cannot hold one
 * in any spelling (decoding escapes never lengthens a value), so it is not looked at.
 */
function shortestHost(ctx: RewriteContext): number {
  let n = shortestHosts.get(ctx);
  if (n === undefined) {
    n = Math.min(...ctx.hosts.map.bases().map((b) => b.length));
    shortestHosts.set(ctx, n);
  }
  return n;
}

/**
 * The new raw text of one token body (what lies between the quotes, or between `url(`
 * and `)` without the surrounding whitespace). Escapes are decoded before the host rules
 * look at the value (the browser sees the decoded value, so `\2F\2F` is `//`); only the
 * edited spans are re-emitted, so bytes outside an edit stay identical.
 */
export function rewriteBody(ctx: RewriteContext, raw: string, role: BodyRole): string {
  if (role === 'none' || raw.length < shortestHost(ctx)) return raw;
  const scanner = ctx.hosts.scanner;
  if (raw.indexOf('\\') < 0) {
    if (!scanner.mayContain(raw)) return raw;
    if (role === 'url') return ctx.hosts.url(raw);
    // data: URLs are left whole wherever they stand, even the SVG `xmlns` URLs inside them.
    return DATA_URL.test(raw) ? raw : ctx.hosts.codeString(raw);
  }
  if (!scanner.mayContain(decodeValue(raw))) return raw;
  const decoded = decodeEscapes(raw);
  const value = decoded.value;
  let edits: Edit[];
  if (role === 'url') {
    // `url()` decides what is never rewritten (data:, blob:, …); the edits are then its own.
    if (ctx.hosts.url(value) === value) return raw;
    edits = editsOf(scanner.scan(value), isUrlOccurrence);
  } else {
    if (DATA_URL.test(value)) return raw;
    edits = codeStringEdits(scanner, value, 0, value.length);
  }
  if (edits.length === 0) return raw;
  const rawEdits: Edit[] = edits.map((e) => {
    const start = decoded.starts[e.start];
    let text = e.text;
    // Keep an unterminated hex escape from swallowing the first character of the new text.
    if (text.length > 0 && decoded.openHexEnds.has(start)) {
      const c = text.charCodeAt(0);
      if (isHexCode(c) || isWhitespaceCode(c)) text = ' ' + text;
    }
    return { start, end: decoded.starts[e.end], text };
  });
  return applyEdits(raw, rawEdits);
}
