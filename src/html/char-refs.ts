import { parseFragment, type DefaultTreeAdapterMap } from 'parse5';

/**
 * Just enough of HTML character references to map a decoded attribute value back onto
 * its source bytes, and to escape a new value without creating references by accident.
 * Common references are decoded here; any other `&name` is asked of parse5 itself. The
 * parser's own decoding stays the authority: callers compare against it and fall back
 * to re-escaping the whole value when this decoder disagrees.
 */

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', colon: ':', sol: '/', period: '.',
  comma: ',', quest: '?', equals: '=', num: '#', percnt: '%', lpar: '(', rpar: ')', plus: '+', ast: '*',
  excl: '!', dollar: '$', semi: ';', lowbar: '_', bsol: '\\', commat: '@', lsqb: '[', rsqb: ']',
  lcub: '{', rcub: '}', verbar: '|', grave: '`', Hat: '^', Tab: '\t', NewLine: '\n', hyphen: '\u2010',
  AMP: '&', LT: '<', GT: '>', QUOT: '"', copy: '\u00a9', reg: '\u00ae',
};

/** Entities a browser also decodes without `;` (a subset of the legacy list; enough for URLs). */
const LEGACY_NO_SEMICOLON = new Set(['amp', 'lt', 'gt', 'quot', 'nbsp', 'copy', 'reg', 'AMP', 'LT', 'GT', 'QUOT']);

/** Every legacy name a browser decodes without `;` (the WHATWG list), for escaping decisions. */
const LEGACY_ALL = new Set(('AElig AMP Aacute Acirc Agrave Aring Atilde Auml COPY Ccedil ETH Eacute Ecirc Egrave Euml GT ' +
  'Iacute Icirc Igrave Iuml LT Ntilde Oacute Ocirc Ograve Oslash Otilde Ouml QUOT REG THORN Uacute Ucirc Ugrave ' +
  'Uuml Yacute aacute acirc acute aelig agrave amp aring atilde auml brvbar ccedil cedil cent copy curren deg ' +
  'divide eacute ecirc egrave eth euml frac12 frac14 frac34 gt iacute icirc iexcl igrave iquest iuml laquo lt ' +
  'macr micro middot nbsp not ntilde oacute ocirc ograve ordf ordm oslash otilde ouml para plusmn pound quot ' +
  'raquo reg sect shy sup1 sup2 sup3 szlig thorn times uacute ucirc ugrave uml uuml yacute yen yuml').split(' '));

/** One stretch of source that decodes as a unit (a reference, a CR LF pair, a NUL). */
export interface DecodedValue {
  /** The decoded text, in the view asked for (references through `view`). */
  readonly text: string;
  /** The decoded text as the parser has it (equal to `text` without a view). */
  readonly parsed: string;
  /** For each segment: where it starts in the decoded text and in the source. Ends with the totals. */
  readonly decodedStarts: number[];
  readonly rawStarts: number[];
  /** Whether each segment is source text copied as is. */
  readonly plain: boolean[];
}

function isAlnum(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a);
}

const C1: Record<number, number> = {
  0x80: 0x20ac, 0x82: 0x201a, 0x83: 0x0192, 0x84: 0x201e, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021, 0x88: 0x02c6,
  0x89: 0x2030, 0x8a: 0x0160, 0x8b: 0x2039, 0x8c: 0x0152, 0x8e: 0x017d, 0x91: 0x2018, 0x92: 0x2019, 0x93: 0x201c,
  0x94: 0x201d, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02dc, 0x99: 0x2122, 0x9a: 0x0161, 0x9b: 0x203a,
  0x9c: 0x0153, 0x9e: 0x017e, 0x9f: 0x0178,
};

function numeric(cp: number): string {
  if (cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return '\ufffd';
  return String.fromCodePoint(C1[cp] ?? cp);
}

/**
 * Decodes an attribute value's source as the tokenizer does (references, CR LF → LF,
 * NUL → U+FFFD), recording segment boundaries so positions map back to the source.
 * `view` maps what a reference decodes to into the caller's view of text (the page's
 * bytes as Latin-1, where the source itself is bytes).
 */
export function decodeAttributeValue(raw: string, view?: (decoded: string) => string): DecodedValue {
  let text = '';
  // The parser's reading of the references whose view differs, by segment: usually none,
  // and then `parsed` is `text` itself rather than a second copy of a long value.
  let unviewed: Map<number, string> | null = null;
  const decodedStarts: number[] = [];
  const rawStarts: number[] = [];
  const plain: boolean[] = [];
  let plainFrom = 0;
  const n = raw.length;
  const segment = (rawStart: number, rawEnd: number, decoded: string) => {
    if (plainFrom < rawStart) {
      decodedStarts.push(text.length);
      rawStarts.push(plainFrom);
      plain.push(true);
      text += raw.slice(plainFrom, rawStart);
    }
    const shown = view ? view(decoded) : decoded;
    if (shown !== decoded) (unviewed ??= new Map()).set(plain.length, decoded);
    decodedStarts.push(text.length);
    rawStarts.push(rawStart);
    plain.push(false);
    text += shown;
    plainFrom = rawEnd;
  };
  for (let i = 0; i < n; i++) {
    const c = raw.charCodeAt(i);
    if (c === 0x0d) {
      segment(i, raw.charCodeAt(i + 1) === 0x0a ? i + 2 : i + 1, '\n');
      if (raw.charCodeAt(i + 1) === 0x0a) i++;
    } else if (c === 0) {
      segment(i, i + 1, '\ufffd');
    } else if (c === 0x26) {
      const ref = readReference(raw, i);
      if (ref) {
        segment(i, ref.end, ref.text);
        i = ref.end - 1;
      }
    }
  }
  if (plainFrom < n || decodedStarts.length === 0) {
    decodedStarts.push(text.length);
    rawStarts.push(plainFrom);
    plain.push(true);
    text += raw.slice(plainFrom);
  }
  decodedStarts.push(text.length);
  rawStarts.push(n);
  const parsed = unviewed === null ? text : parserReading(text, decodedStarts, unviewed);
  return { text, parsed, decodedStarts, rawStarts, plain };
}

/**
 * The value whose source is `raw` decoded in `view`, when that agrees with `parsed`, the
 * parser's reading (else undefined: the caller keeps the parser's). Where the views
 * agree (no reference to a non-ASCII character) the text is `parsed` itself: a long value
 * is then held once, not twice.
 */
export function decodeInView(raw: string, parsed: string, view: (decoded: string) => string): DecodedValue | undefined {
  const m = decodeAttributeValue(raw, view);
  if (m.parsed !== parsed) return undefined;
  return m.text === m.parsed ? { ...m, text: parsed, parsed } : m;
}

/** `text` with the segments in `unviewed` read as the parser reads them. */
function parserReading(text: string, decodedStarts: readonly number[], unviewed: ReadonlyMap<number, string>): string {
  let out = '';
  let from = 0;
  for (const [k, decoded] of unviewed) {
    out += text.slice(from, decodedStarts[k]) + decoded;
    from = decodedStarts[k + 1] as number;
  }
  return out + text.slice(from);
}

/**
 * Where a reference is read: in an attribute value a legacy name (decoded without `;`)
 * followed by `=` or an alphanumeric stays literal; in text it is decoded all the same
 * (HTML "named character reference state").
 */
type RefPlace = 'attribute' | 'text';

function readReference(raw: string, amp: number, place: RefPlace = 'attribute'): { end: number; text: string } | null {
  let i = amp + 1;
  if (raw.charCodeAt(i) === 0x23 /* # */) {
    i++;
    const hex = (raw.charCodeAt(i) | 0x20) === 0x78;
    if (hex) i++;
    const digitsFrom = i;
    let cp = 0;
    for (;;) {
      const c = raw.charCodeAt(i);
      const d = c >= 0x30 && c <= 0x39 ? c - 0x30 : hex && (c | 0x20) >= 0x61 && (c | 0x20) <= 0x66 ? (c | 0x20) - 0x57 : -1;
      if (d < 0) break;
      cp = Math.min(cp * (hex ? 16 : 10) + d, 0x110000);
      i++;
    }
    if (i === digitsFrom) return null;
    if (raw.charCodeAt(i) === 0x3b) i++;
    return { end: i, text: numeric(cp) };
  }
  const nameFrom = i;
  while (i < raw.length && isAlnum(raw.charCodeAt(i))) i++;
  const name = raw.slice(nameFrom, i);
  const ask = place === 'attribute' ? parserReference : textReference;
  if (raw.charCodeAt(i) === 0x3b) {
    const t = NAMED[name];
    return t === undefined ? ask(raw, amp) : { end: i + 1, text: t };
  }
  // Without `;`, in an attribute, a legacy name followed by `=` or alphanumerics stays literal.
  if (LEGACY_NO_SEMICOLON.has(name) && (place === 'text' || raw.charCodeAt(i) !== 0x3d)) return { end: i, text: NAMED[name] as string };
  return legacyPrefix(raw, amp, name, ask);
}

type AskParser = (raw: string, amp: number) => { end: number; text: string } | null;

/** A legacy name (decoded without `;`) that starts `name`: parse5 knows where it ends. */
function legacyPrefix(raw: string, amp: number, name: string, ask: AskParser): { end: number; text: string } | null {
  for (let k = Math.min(name.length, 6); k >= 2; k--) if (LEGACY_ALL.has(name.slice(0, k))) return ask(raw, amp);
  return null;
}

/**
 * The reference at `raw[amp]` in text (the data state), or null when it stays literal.
 * Read as `decodeAttributeValue` reads one, without the attribute exception.
 */
export function readTextReference(raw: string, amp: number): { end: number; text: string } | null {
  return readReference(raw, amp, 'text');
}

type Element = DefaultTreeAdapterMap['element'];

/**
 * The reference at `raw[amp]` as parse5 decodes it in an attribute value (any of the
 * 2,000-odd names, legacy prefixes included), or null when parse5 leaves it literal.
 * Only reached for values that change, and rarely: the common names are known above.
 */
function parserReference(raw: string, amp: number): { end: number; text: string } | null {
  let end = amp + 1;
  const max = Math.min(raw.length, amp + 40);
  while (end < max) {
    const c = raw.charCodeAt(end);
    if (c === 0x26 || c === 0x22 || c === 0x0d || c === 0) break;
    end++;
  }
  const chunk = raw.slice(amp, end);
  const element = parseFragment(`<a b="${chunk}">`).childNodes[0] as Element | undefined;
  const value = element?.attrs[0]?.value;
  if (value === undefined || value === chunk) return null;
  // What follows the reference comes through literally: the common tail.
  let s = 0;
  while (s < chunk.length - 1 && s < value.length && chunk.charCodeAt(chunk.length - 1 - s) === value.charCodeAt(value.length - 1 - s)) s++;
  return { end: end - s, text: value.slice(0, value.length - s) };
}

/**
 * The reference at `raw[amp]` as parse5 decodes it in text. Only the name and one `;`
 * are given to it, so what follows the reference in the answer is a run of ASCII
 * alphanumerics (and `;`), which no reference's own text ends in (those ending in `;`
 * are decoded above): the common tail is exactly what stayed literal.
 */
function textReference(raw: string, amp: number): { end: number; text: string } | null {
  let end = amp + 1;
  const max = Math.min(raw.length, amp + 40);
  while (end < max && isAlnum(raw.charCodeAt(end))) end++;
  if (raw.charCodeAt(end) === 0x3b) end++;
  const chunk = raw.slice(amp, end);
  const node = parseFragment(chunk).childNodes[0] as { value?: string } | undefined;
  const value = node?.value;
  if (value === undefined || value === chunk) return null;
  let s = 0;
  while (s < chunk.length - 1 && s < value.length && chunk.charCodeAt(chunk.length - 1 - s) === value.charCodeAt(value.length - 1 - s)) s++;
  return { end: end - s, text: value.slice(0, value.length - s) };
}

/** Whether the `&` at `s[i]` would start a character reference inside an attribute value. */
export function startsReference(s: string, i: number): boolean {
  const c = s.charCodeAt(i + 1);
  if (c === 0x23) return true;
  let j = i + 1;
  while (j < s.length && isAlnum(s.charCodeAt(j))) j++;
  if (j === i + 1) return false;
  if (s.charCodeAt(j) === 0x3b) return true;
  return LEGACY_ALL.has(s.slice(i + 1, j)) && s.charCodeAt(j) !== 0x3d;
}
