import { escapeRange, NEEDS_QUOTES, wholeValue, type Quote } from './attribute-escape.js';
import { decodeAttributeValue, type DecodedValue } from './char-refs.js';
import type { EscapeMode } from './codec.js';
import { diffValues, type Hunk } from './value-diff.js';

export { wholeValue, type Quote } from './attribute-escape.js';

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

/**
 * The new source of an attribute value (quotes included) whose decoded value changes
 * from `decoded` to `next`. Only the changed regions are written: a diff of the decoded
 * texts (minimal per cluster of changes) is mapped back onto the source through the
 * decoder's offset map, so
 * every source character between and around changes (references, case, whitespace)
 * is kept, and each region is escaped for the value's own quoting. An unquoted value
 * gets quotes only when an inserted region cannot stand unquoted. `escape` says which
 * characters of new text become references (see {@link EscapeMode}). `decodedMap` is the
 * value's decoding when the caller already has it, in the caller's view; `view` is that
 * view (references as the page's bytes), used to check the result. Past the diff's cap,
 * or when the regions do not check out, one stretch from the first change to the last
 * is re-escaped instead; and the whole value when even that does not.
 */
export function spliceValue(raw: string, quote: Quote, decoded: string, next: string, escape: EscapeMode, decodedMap?: DecodedValue, view?: (decoded: string) => string): string {
  let map: DecodedValue | null = null;
  if (raw !== decoded) {
    map = decodedMap ?? decodeAttributeValue(raw);
    if (map.text !== decoded) return wholeValue(next, escape);
  }
  const hunks = diffValues(decoded, next);
  if (hunks !== null) {
    const spliced = spliceRegions(raw, quote, next, hunks, map, escape);
    // Kept source next to new text could read differently (`&no` + `t`, CR + LF): then check.
    if (spliced !== null && (!spliced.suspect || decodesTo(spliced.inner, next, view))) return quoted(spliced.inner, quote, spliced.needsQuotes);
  }
  const stretch = spliceStretch(raw, quote, decoded, next, escape, map);
  if (decodesTo(stretch.inner, next, view)) return quoted(stretch.inner, quote, stretch.needsQuotes);
  return wholeValue(next, escape);
}

/** A value's new source without quotes, and whether an unquoted value must now be quoted. */
interface Spliced {
  readonly inner: string;
  readonly needsQuotes: boolean;
  /** Whether new text meets kept source in a way that may change how either reads. */
  readonly suspect?: boolean;
}

/**
 * Whether kept source ending at `raw[end]` could read differently once new text follows
 * it: it ends in an unfinished reference (`&name`, `&#12`) or a CR (a new LF would join it).
 */
function openBefore(raw: string, end: number): boolean {
  let i = end - 1;
  const stop = Math.max(0, end - 40);
  if (raw.charCodeAt(i) === 0x0d) return true;
  while (i >= stop) {
    const c = raw.charCodeAt(i);
    if (c === 0x26) return true;
    if (!((c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) || c === 0x23)) return false;
    i--;
  }
  return false;
}

function decodesTo(inner: string, next: string, view?: (decoded: string) => string): boolean {
  if (inner.indexOf('&') < 0 && inner.indexOf('\r') < 0 && inner.indexOf('\0') < 0) return inner === next;
  return decodeAttributeValue(inner, view).text === next;
}

/** Quotes `inner` as the value was, or with `"` when an unquoted value needs them. */
function quoted(inner: string, quote: Quote, needsQuotes: boolean): string {
  if (quote !== '') return quote + inner + quote;
  if (inner.length > 0 && !needsQuotes) return inner;
  return '"' + inner.replaceAll('"', '&quot;') + '"';
}

/**
 * Writes each hunk over its source region. A hunk edge inside a reference (or CR LF)
 * widens to the whole reference, whose decoded text then joins the new text; hunks
 * that come to touch merge. Null when a region cannot be mapped.
 */
function spliceRegions(raw: string, quote: Quote, next: string, hunks: Hunk[], map: DecodedValue | null, escape: EscapeMode): Spliced | null {
  const regions: { rawFrom: number; rawTo: number; bFrom: number; bTo: number }[] = [];
  let seg = 0;
  for (const h of hunks) {
    let { aFrom, aTo, bFrom, bTo } = h;
    let rawFrom = aFrom;
    let rawTo = aTo;
    if (map !== null) {
      const { decodedStarts: d, rawStarts: r, plain } = map;
      const last = d.length - 1;
      while (seg + 1 < last && d[seg + 1] <= aFrom) seg++;
      const ds = d[seg];
      if (aFrom === d[seg + 1]) rawFrom = r[seg + 1];
      else if (aFrom === ds || plain[seg]) rawFrom = r[seg] + (aFrom - ds);
      else { rawFrom = r[seg]; bFrom -= aFrom - ds; aFrom = ds; }
      let e = seg;
      while (e + 1 < last && d[e + 1] < aTo) e++;
      const de = d[e];
      if (aTo === de) rawTo = r[e];
      else if (aTo === d[e + 1]) rawTo = r[e + 1];
      else if (plain[e]) rawTo = r[e] + (aTo - de);
      else { const end = d[e + 1]; rawTo = r[e + 1]; bTo += end - aTo; aTo = end; }
    }
    const prev = regions[regions.length - 1];
    if (prev !== undefined && rawFrom <= prev.rawTo) {
      if (rawFrom < prev.rawTo && map === null) return null;
      prev.rawTo = Math.max(prev.rawTo, rawTo);
      prev.bTo = bTo;
    } else {
      regions.push({ rawFrom, rawTo, bFrom, bTo });
    }
  }
  let inner = '';
  let at = 0;
  let needsQuotes = false;
  let suspect = false;
  const q = quote === '' ? '"' : quote;
  for (const g of regions) {
    const text = escapeRange(next, g.bFrom, g.bTo, q, escape, raw.slice(g.rawTo, g.rawTo + 40));
    if (quote === '' && NEEDS_QUOTES.test(text)) needsQuotes = true;
    // New references end in `;`; an `&` was escaped by what follows; so only these remain.
    if (!suspect) suspect = openBefore(raw, g.rawFrom) || text.includes('\r') || text.includes('\0');
    inner += raw.slice(at, g.rawFrom) + text;
    at = g.rawTo;
  }
  return { inner: inner + raw.slice(at), needsQuotes, suspect };
}

/**
 * The fallback: the value's new source (without quotes) with one stretch, from the first
 * change to the last, re-escaped whole (when the diff is too large to be worth it, or
 * the regions do not check out).
 */
function spliceStretch(raw: string, quote: Quote, decoded: string, next: string, escape: EscapeMode, map: DecodedValue | null): Spliced {
  let p = 0;
  const max = Math.min(decoded.length, next.length);
  while (p < max && decoded.charCodeAt(p) === next.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && decoded.charCodeAt(decoded.length - 1 - s) === next.charCodeAt(next.length - 1 - s)) s++;
  let rawFrom: number;
  let rawTo: number;
  let newFrom = p;
  let newTo = next.length - s;
  if (map === null) {
    rawFrom = p;
    rawTo = decoded.length - s;
  } else {
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
  const middle = escapeRange(next, newFrom, newTo, quote === '' ? '"' : quote, escape, raw.slice(rawTo, rawTo + 40));
  return { inner: raw.slice(0, rawFrom) + middle + raw.slice(rawTo), needsQuotes: quote === '' && NEEDS_QUOTES.test(middle) };
}
