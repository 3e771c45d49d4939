import { decodeAttributeValue, startsReference, type DecodedValue } from './char-refs.js';
import type { EscapeMode } from './codec.js';

/** The quote an attribute value was written with; '' for unquoted. */
export type Quote = '"' | "'" | '';

/** Where an attribute's value lies in the source, found from parse5's attribute location. */
export interface ValueSpan {
  /** First character of the value (after the opening quote). */
  readonly start: number;
  /** End of the value (before the closing quote). */
  readonly end: number;
  readonly quote: Quote;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;
}

/**
 * The value inside `src[start, end)`, which parse5 reports as the whole `name=value`
 * attribute. Null for an attribute written without a value.
 */
export function locateValue(src: string, start: number, end: number): ValueSpan | null {
  // The first character belongs to the name even when it is `=` (`<a =x>`).
  let i = start + 1;
  while (i < end) {
    const c = src.charCodeAt(i);
    if (isSpace(c) || c === 0x2f || c === 0x3e || c === 0x3d) break;
    i++;
  }
  while (i < end && isSpace(src.charCodeAt(i))) i++;
  if (i >= end || src.charCodeAt(i) !== 0x3d) return null;
  i++;
  while (i < end && isSpace(src.charCodeAt(i))) i++;
  const q = src.charCodeAt(i);
  if ((q === 0x22 || q === 0x27) && end - 1 > i && src.charCodeAt(end - 1) === q) {
    return { start: i + 1, end: end - 1, quote: q === 0x22 ? '"' : "'" };
  }
  return { start: i, end, quote: '' };
}

/** What an unquoted value cannot hold (ASCII whitespace only: 0xA0 may be a byte of a UTF-8 sequence). */
const NEEDS_QUOTES = /[\t\n\f\r "'=<>`]/;

/** The highest character code written as is, per escape mode. */
const RAW_MAX: Record<EscapeMode, number> = { unicode: 0x10ffff, bytes: 0xff, ascii: 0x7e };

function escapeChar(c: string, quote: Quote, rawMax: number, text: string, i: number): string {
  if (c === '&') return startsReference(text, i) ? '&amp;' : c;
  if (c === '"' && quote !== "'") return '&quot;';
  if (c === "'" && quote === "'") return '&#39;';
  if (c.charCodeAt(0) > rawMax) return `&#x${(c.codePointAt(0) as number).toString(16)};`;
  return c;
}

/** Escapes `text[from, to)` (a decoded value) for an attribute quoted with `quote`. */
function escapeRange(text: string, from: number, to: number, quote: Quote, escape: EscapeMode): string {
  const rawMax = RAW_MAX[escape];
  let out = '';
  let plain = from;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x26 || c === 0x22 || c === 0x27 || c > rawMax) {
      const ch = c >= 0xd800 && c <= 0xdbff && i + 1 < to ? text.slice(i, i + 2) : text[i] as string;
      const esc = escapeChar(ch, quote, rawMax, text, i);
      if (esc !== ch) {
        out += text.slice(plain, i) + esc;
        plain = i + ch.length;
      }
      i += ch.length - 1;
    }
  }
  return out + text.slice(plain, to);
}

/**
 * The new source of an attribute value (quotes included) whose decoded value changes
 * from `decoded` to `next`: only the changed stretch is spliced, every other source
 * character (references, case, whitespace) is kept. `escape` says which characters of
 * new text must become references (see {@link EscapeMode}). `decodedMap` is the value's
 * decoding when the caller already has it (in the caller's view).
 */
export function spliceValue(raw: string, quote: Quote, decoded: string, next: string, escape: EscapeMode, decodedMap?: DecodedValue): string {
  let p = 0;
  const max = Math.min(decoded.length, next.length);
  while (p < max && decoded.charCodeAt(p) === next.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && decoded.charCodeAt(decoded.length - 1 - s) === next.charCodeAt(next.length - 1 - s)) s++;
  let rawFrom: number;
  let rawTo: number;
  let newFrom = p;
  let newTo = next.length - s;
  if (raw === decoded) {
    rawFrom = p;
    rawTo = decoded.length - s;
  } else {
    const map = decodedMap ?? decodeAttributeValue(raw);
    if (map.text !== decoded) return wholeValue(next, escape);
    // Map the changed stretch onto the source, widened to whole references (one never splits).
    const { decodedStarts: d, rawStarts: r, plain } = map;
    const last = d.length - 1;
    let k = 0;
    while (k + 1 < last && d[k + 1] <= p) k++;
    if (p === d[k] || plain[k]) rawFrom = r[k] + (p - d[k]);
    else { rawFrom = r[k]; newFrom = d[k]; }
    const e = decoded.length - s;
    if (e === 0) {
      rawTo = 0;
    } else {
      let j = last - 1;
      while (j > 0 && d[j] >= e) j--;
      if (e === d[j + 1]) rawTo = r[j + 1];
      else if (plain[j]) rawTo = r[j] + (e - d[j]);
      else { rawTo = r[j + 1]; newTo = next.length - (decoded.length - d[j + 1]); }
    }
  }
  const middle = escapeRange(next, newFrom, newTo, quote === '' ? '"' : quote, escape);
  const inner = raw.slice(0, rawFrom) + middle + raw.slice(rawTo);
  if (quote !== '') return quote + inner + quote;
  if (inner.length > 0 && !NEEDS_QUOTES.test(inner)) return inner;
  return '"' + inner.replaceAll('"', '&quot;') + '"';
}

/** A whole new value, double-quoted and escaped: used when the source cannot be mapped. */
export function wholeValue(next: string, escape: EscapeMode): string {
  const rawMax = RAW_MAX[escape];
  let out = '';
  for (const ch of next) {
    if (ch === '&') out += '&amp;';
    else if (ch === '"') out += '&quot;';
    else if (ch.charCodeAt(0) > rawMax) out += `&#x${(ch.codePointAt(0) as number).toString(16)};`;
    else out += ch;
  }
  return '"' + out + '"';
}
