import type { RewriteContext } from '../context.js';
import { applyEdits } from '../domain/index.js';
import { decodeEscapes, decodeValue } from './decoded-text.js';
import { changedRegions, rawEdit, type TokenQuote } from './token-text.js';

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
 * The length of the shortest protected host name: a string shorter than it cannot hold
 * one as text in any spelling (decoding escapes never lengthens a value), so the code
 * rule does not look at it.
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
 * and `)` without the surrounding whitespace; `quote` says which). Escapes are decoded
 * before any rule looks at the value, since the browser sees the decoded value (`\2e `
 * is a dot, `\\` a backslash); only the changed part is written back, escaped for where
 * it stands, so bytes outside it stay identical.
 */
export function rewriteBody(ctx: RewriteContext, raw: string, role: BodyRole, quote: TokenQuote, bytes = false): string {
  if (role === 'none') return raw;
  const rewrite = role === 'code' ? rewriteCodeBody : rewriteUrlBody;
  return bytes ? rewriteAsUtf8(ctx, raw, quote, rewrite) : rewrite(ctx, raw, quote);
}

const NON_ASCII = /[\x80-\xff]/;

/**
 * A value given as bytes read as Latin-1 (the stream): one holding non-ASCII is read
 * as UTF-8 when it is valid UTF-8, as the browser decodes a UTF-8 stylesheet before its
 * tokenizer and URL parser see it (a full-width `ｅ` is then a letter the host parser
 * maps, not three Latin-1 characters), and written back as UTF-8. Bytes that are not
 * UTF-8 (a legacy stylesheet) are read one character each, as before.
 */
function rewriteAsUtf8(ctx: RewriteContext, raw: string, quote: TokenQuote, rewrite: typeof rewriteUrlBody): string {
  if (!NON_ASCII.test(raw)) return rewrite(ctx, raw, quote);
  const bytes = Buffer.from(raw, 'latin1');
  const text = bytes.toString('utf8');
  if (!Buffer.from(text, 'utf8').equals(bytes)) return rewrite(ctx, raw, quote);
  const next = rewrite(ctx, text, quote);
  return next === text ? raw : Buffer.from(next, 'utf8').toString('latin1');
}

/**
 * A URL position: the decoded value goes to the URL rule, which decides as the
 * browser's URL parser does (a host spelled `%61`, with a tab inside, in full-width
 * letters; a scheme that is never rewritten; a nested URL in the query).
 */
function rewriteUrlBody(ctx: RewriteContext, raw: string, quote: TokenQuote): string {
  const decoded = raw.indexOf('\\') < 0 && raw.indexOf('\0') < 0 ? null : decodeEscapes(raw);
  const value = decoded === null ? raw : decoded.value;
  const regions = changedRegions(value, ctx.hosts.url(value));
  if (regions.length === 0) return raw;
  const map = decoded ?? decodeEscapes(raw);
  return applyEdits(raw, regions.map((r) => rawEdit(raw, map, r, quote)));
}

/** Any other string: the code rule on the decoded value, each edit mapped back onto the raw text. */
function rewriteCodeBody(ctx: RewriteContext, raw: string, quote: TokenQuote): string {
  if (raw.length < shortestHost(ctx)) return raw;
  const code = ctx.hosts.code;
  if (raw.indexOf('\\') < 0) {
    if (!code.mayContain(raw, 0, 'value')) return raw;
    // data: URLs are left whole wherever they stand, even the SVG `xmlns` URLs inside them.
    return DATA_URL.test(raw) ? raw : ctx.hosts.codeString(raw);
  }
  if (!code.mayContain(decodeValue(raw), 0, 'value')) return raw;
  const decoded = decodeEscapes(raw);
  const value = decoded.value;
  if (DATA_URL.test(value)) return raw;
  const edits = code.edits(value, 0, value.length, 'value');
  if (edits.length === 0) return raw;
  return applyEdits(raw, edits.map((e) => rawEdit(raw, decoded, e, quote)));
}
