/**
 * The `Accept` request header (RFC 9110 §12.5.1): media ranges with parameters and a
 * weight. A plain left-to-right scan (commas inside quoted strings do not split), no
 * regular expression over the whole value; malformed elements are ignored, as a server
 * may ignore what it cannot read.
 */

/** One media range: lower-case type and subtype (`*` for a wildcard), its parameters, its weight. */
export interface MediaRange {
  readonly type: string;
  readonly subtype: string;
  /** Media type parameters (not `q`): lower-case names, values as written (unquoted). */
  readonly params: ReadonlyMap<string, string>;
  /** 0 to 1 (1 when the element has no weight). */
  readonly q: number;
  /** Its position in the header, from 0. */
  readonly index: number;
}

/** A representation the server can send: a concrete type with its parameters. */
export interface Offer {
  readonly type: string;
  readonly subtype: string;
  readonly params: ReadonlyMap<string, string>;
}

/** How much a client wants something: compared by weight, then specificity, then the earlier range. */
export interface Preference {
  readonly q: number;
  /** 0 for `*\/*`, 1 for `type/*`, 2 for `type/subtype`, plus one per matching parameter. */
  readonly specificity: number;
  readonly index: number;
}

/** RFC 9110 token characters (tchar). */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** qvalue of RFC 9110 §12.4.2: 0, 0.x to 0.xxx, 1, 1.0 to 1.000. Anchored, bounded, linear. */
const QVALUE = /^(?:0(?:\.[0-9]{0,3})?|1(?:\.0{0,3})?)$/;

/** The media ranges of one or more Accept header lines, in order; [] when none parses. */
export function parseAccept(value: string | readonly string[]): MediaRange[] {
  const lines = typeof value === 'string' ? [value] : value;
  const ranges: MediaRange[] = [];
  for (const element of lines.flatMap(splitOutsideQuotes)) {
    const range = parseMediaRange(element, ranges.length);
    if (range !== null) ranges.push(range);
  }
  return ranges;
}

/**
 * The preference for `offer`: that of the most specific range that matches it (RFC 9110:
 * `text/html;level=1` over `text/html` over `text/*` over `*\/*`); null when none does.
 */
export function preferenceFor(offer: Offer, ranges: readonly MediaRange[]): Preference | null {
  let best: Preference | null = null;
  for (const range of ranges) {
    if (!matches(range, offer)) continue;
    const specificity = (range.type === '*' ? 0 : range.subtype === '*' ? 1 : 2) + range.params.size;
    if (best === null || specificity > best.specificity) best = { q: range.q, specificity, index: range.index };
  }
  return best;
}

/** True when `a` is wanted more than `b` (weight, then specificity, then the earlier range); an absent or q=0 preference loses. */
export function isPreferred(a: Preference | null, b: Preference | null): boolean {
  if (a === null || a.q === 0) return false;
  if (b === null) return true;
  if (a.q !== b.q) return a.q > b.q;
  if (a.specificity !== b.specificity) return a.specificity > b.specificity;
  return a.index < b.index;
}

function matches(range: MediaRange, offer: Offer): boolean {
  if (range.type !== '*' && range.type !== offer.type) return false;
  if (range.subtype !== '*' && range.subtype !== offer.subtype) return false;
  for (const [name, value] of range.params) {
    // Parameter values compare case-insensitively for the parameters offered here (charset).
    if (offer.params.get(name)?.toLowerCase() !== value.toLowerCase()) return false;
  }
  return true;
}

/** `type "/" subtype *( OWS ";" OWS name "=" value )`, the `q` parameter being the weight; null when malformed. */
function parseMediaRange(element: string, index: number): MediaRange | null {
  const [head, ...rest] = splitParameters(element);
  const slash = (head as string).indexOf('/');
  if (slash === -1) return null;
  const type = (head as string).slice(0, slash).trim().toLowerCase();
  const subtype = (head as string).slice(slash + 1).trim().toLowerCase();
  if (!TOKEN.test(type) || !TOKEN.test(subtype) || (type === '*' && subtype !== '*')) return null;
  const params = new Map<string, string>();
  let q = 1;
  for (const param of rest) {
    const eq = param.indexOf('=');
    if (eq === -1) return null;
    const name = param.slice(0, eq).trim().toLowerCase();
    const value = unquote(param.slice(eq + 1).trim());
    if (!TOKEN.test(name) || value === null) return null;
    if (name === 'q') {
      if (!QVALUE.test(value)) return null;
      q = Number(value);
    } else if (!params.has(name)) {
      params.set(name, value);
    }
  }
  return { type, subtype, params, q, index };
}

/** A token as is, a quoted string without its quotes and escapes; null for anything else. */
function unquote(value: string): string | null {
  if (!value.startsWith('"')) return TOKEN.test(value) ? value : null;
  if (value.length < 2 || !value.endsWith('"')) return null;
  let out = '';
  for (let i = 1; i < value.length - 1; i++) {
    if (value[i] === '\\') i++;
    out += value[i] ?? '';
  }
  return out;
}

/** Splits a header line on commas outside quoted strings; trimmed, empty elements dropped. */
function splitOutsideQuotes(line: string): string[] {
  return splitOutside(line, ',').filter((e) => e !== '');
}

/** Splits a media range on semicolons outside quoted strings; trimmed, empty parts dropped after the first. */
function splitParameters(element: string): string[] {
  const [first, ...params] = splitOutside(element, ';');
  return [first as string, ...params.filter((p) => p !== '')];
}

function splitOutside(s: string, separator: string): string[] {
  const out: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') {
      quoted = true;
    } else if (c === separator) {
      out.push(s.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(s.slice(start).trim());
  return out;
}
