import { parseFragment, type DefaultTreeAdapterMap } from 'parse5';

/**
 * XML character data as the XML parser reads it (XML 1.0 sections 2.11, 3.3.3, 4.1,
 * 4.6): references decoded, line ends normalised (CR LF and lone CR become LF), and in
 * attribute values each tab, LF and CR (after that) a space. The decoded text keeps a
 * segment map back onto the source, so a rewrite of the text can be written back as a
 * splice of the changed regions only, each escaped for where it lands.
 */

/** Where a stretch of character data was written, which decides how new text is escaped there. */
export type CharContext =
  /** A quoted attribute value. */
  | 'attr'
  /** A pseudo-attribute value of `<?xml-stylesheet?>` (no `?>`, `<` or `&` may appear raw). */
  | 'pi'
  /** Element content outside CDATA sections. */
  | 'text'
  /** The inside of a CDATA section: raw, but never `]]>`, and no references. */
  | 'cdata';

/** Source copied as is. */
export const SEG_PLAIN = 0;
/** A reference or a normalised line end or space: decodes as a whole, never split. */
export const SEG_UNIT = 1;
/** Markup with no character data (a comment, a child tag): decodes to nothing. */
export const SEG_MARKUP = 2;
/** A CDATA section's `<![CDATA[` or `]]>`: decodes to nothing, belongs to the character data. */
export const SEG_DELIM = 3;
/** Character data of a child element (inside a `<script>`'s child): not part of the text. */
export const SEG_INNER = 4;

/** Decoded character data with its map onto the source. */
export class CharMap {
  /** The decoded text (references through the view, see {@link decodeValue}). */
  text = '';
  readonly rawStart: number[] = [];
  readonly rawEnd: number[] = [];
  /** Where each segment starts in `text` (it ends where the next starts). */
  readonly decStart: number[] = [];
  readonly kind: number[] = [];
  readonly ctx: CharContext[] = [];
  /**
   * `]]>` written in element content outside a CDATA section: not well-formed. The
   * source may have some; a splice must not add one.
   */
  cdataEndsInText = 0;

  get length(): number {
    return this.kind.length;
  }

  /** Appends a segment; consecutive plain segments of one context merge. */
  push(kind: number, ctx: CharContext, rawStart: number, rawEnd: number, decoded: string): void {
    const last = this.kind.length - 1;
    if (kind === SEG_PLAIN && last >= 0 && this.kind[last] === SEG_PLAIN && this.ctx[last] === ctx && this.rawEnd[last] === rawStart) {
      this.rawEnd[last] = rawEnd;
    } else {
      this.rawStart.push(rawStart);
      this.rawEnd.push(rawEnd);
      this.decStart.push(this.text.length);
      this.kind.push(kind);
      this.ctx.push(ctx);
    }
    this.text += decoded;
  }

  /** Where segment `k` ends in `text`. */
  decEnd(k: number): number {
    return k + 1 < this.kind.length ? this.decStart[k + 1] as number : this.text.length;
  }
}

/** Maps what a reference decodes to into the caller's view of text (the page's bytes as Latin-1). */
export type RefView = ((decoded: string) => string) | null | undefined;

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

type Element = DefaultTreeAdapterMap['element'];

/** HTML's named references, asked of parse5 once per name (bounded cache). */
const htmlNames = new Map<string, string | null>();

/**
 * What `&name;` decodes to. XML knows five names; a browser also decodes HTML's names in
 * an XHTML document whose doctype names an XHTML DTD, and elsewhere an unknown name is a
 * fatal error (the browser shows an error page). So every HTML name is decoded: what
 * the rules see is what any browser could see.
 */
function namedReference(name: string): string | null {
  const own = PREDEFINED[name];
  if (own !== undefined) return own;
  let known = htmlNames.get(name);
  if (known === undefined) {
    const element = parseFragment(`<a b="&${name};">`).childNodes[0] as Element | undefined;
    const value = element?.attrs[0]?.value;
    known = value === undefined || value === `&${name};` ? null : value;
    if (htmlNames.size < 512) htmlNames.set(name, known);
  }
  return known;
}

function isNameChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) || c === 0x5f || c === 0x2d || c === 0x2e || c === 0x3a;
}

function isHexDigit(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66);
}

/** The reference at `raw[amp]` (`&name;`, `&#10;`, `&#x2F;`) and where it ends, or null (a bare `&`). */
export function readXmlReference(raw: string, amp: number, to: number): { end: number; text: string } | null {
  let i = amp + 1;
  if (raw.charCodeAt(i) === 0x23) {
    i++;
    const hex = raw.charCodeAt(i) === 0x78;
    if (hex) i++;
    const from = i;
    let cp = 0;
    while (i < to && (hex ? isHexDigit(raw.charCodeAt(i)) : raw.charCodeAt(i) >= 0x30 && raw.charCodeAt(i) <= 0x39)) {
      cp = Math.min(cp * (hex ? 16 : 10) + parseInt(raw[i] as string, 16), 0x110000);
      i++;
    }
    if (i === from || i >= to || raw.charCodeAt(i) !== 0x3b) return null;
    const bad = cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff);
    return { end: i + 1, text: bad ? '\ufffd' : String.fromCodePoint(cp) };
  }
  const from = i;
  const max = Math.min(to, from + 64);
  while (i < max && isNameChar(raw.charCodeAt(i))) i++;
  if (i === from || i >= to || raw.charCodeAt(i) !== 0x3b) return null;
  const text = namedReference(raw.slice(from, i));
  return text === null ? null : { end: i + 1, text };
}

/**
 * Appends `raw[from, to)` read in `ctx` to `map`: references (not in CDATA), line ends,
 * and in `attr` the whitespace that becomes a space.
 */
export function decodeInto(map: CharMap, raw: string, from: number, to: number, ctx: CharContext, view?: RefView): void {
  const refs = ctx !== 'cdata';
  const spaces = ctx === 'attr';
  let plain = from;
  for (let i = from; i < to; i++) {
    const c = raw.charCodeAt(i);
    let end = -1;
    let text = '';
    if (c === 0x0d) {
      end = raw.charCodeAt(i + 1) === 0x0a && i + 1 < to ? i + 2 : i + 1;
      text = spaces ? ' ' : '\n';
    } else if (spaces && (c === 0x0a || c === 0x09)) {
      end = i + 1;
      text = ' ';
    } else if (c === 0x26 && refs) {
      const ref = readXmlReference(raw, i, to);
      if (ref === null) continue;
      end = ref.end;
      text = view ? view(ref.text) : ref.text;
    } else {
      if (c === 0x3e && ctx === 'text' && i >= from + 2 && raw.charCodeAt(i - 1) === 0x5d && raw.charCodeAt(i - 2) === 0x5d) map.cdataEndsInText++;
      continue;
    }
    if (plain < i) map.push(SEG_PLAIN, ctx, plain, i, raw.slice(plain, i));
    map.push(SEG_UNIT, ctx, i, end, text);
    plain = end;
    i = end - 1;
  }
  if (plain < to) map.push(SEG_PLAIN, ctx, plain, to, raw.slice(plain, to));
}

/** An attribute or pseudo-attribute value `raw[from, to)` (without its quotes), decoded. */
export function decodeValue(raw: string, from: number, to: number, ctx: 'attr' | 'pi', view?: RefView): CharMap {
  const map = new CharMap();
  decodeInto(map, raw, from, to, ctx, view);
  return map;
}

/** The highest character code written as is, per escape mode of the page's codec. */
export function rawMaxOf(escape: 'unicode' | 'bytes' | 'ascii'): number {
  return escape === 'unicode' ? 0x10ffff : escape === 'bytes' ? 0xff : 0x7e;
}

function numericRef(cp: number): string {
  return `&#x${cp.toString(16)};`;
}

/**
 * `text[from, to)` written in `ctx` so that the XML parser reads it back exactly: in an
 * attribute `&`, `<`, the quote and tab, LF, CR as references (a raw one would read as a
 * space); in content `&`, `<`, `>` (so no `]]>` forms) and CR; in a CDATA section as
 * is, with `]]>` split across two sections and what CDATA cannot hold (CR, characters
 * past `rawMax`) written between two sections as a reference.
 */
export function escapeChars(text: string, from: number, to: number, ctx: CharContext, quote: '"' | "'", rawMax: number): string {
  let out = '';
  let plain = from;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    let esc: string | null = null;
    const wide = c >= 0xd800 && c <= 0xdbff && i + 1 < to;
    if (ctx === 'cdata') {
      if (c === 0x3e && i >= 2 && text.charCodeAt(i - 1) === 0x5d && text.charCodeAt(i - 2) === 0x5d && i - 2 >= from) esc = ']]><![CDATA[>';
      else if (c === 0x0d || c > rawMax) esc = `]]>${numericRef(text.codePointAt(i) as number)}<![CDATA[`;
    } else if (c === 0x26) {
      esc = '&amp;';
    } else if (c === 0x3c) {
      esc = '&lt;';
    } else if (c === 0x3e) {
      if (ctx !== 'attr') esc = '&gt;';
    } else if (c === 0x0d || ((c === 0x0a || c === 0x09) && ctx === 'attr')) {
      esc = numericRef(c);
    } else if (c === 0x22 && quote === '"' && ctx !== 'text') {
      esc = '&quot;';
    } else if (c === 0x27 && quote === "'" && ctx !== 'text') {
      esc = '&apos;';
    } else if (c > rawMax) {
      esc = numericRef(text.codePointAt(i) as number);
    }
    if (esc !== null) {
      out += text.slice(plain, i) + esc;
      plain = i + (wide && c > rawMax ? 2 : 1);
      if (wide && c > rawMax) i++;
    }
  }
  return out + text.slice(plain, to);
}

/** A whole new value in double quotes: for values the splice cannot map (or that were unquoted). */
export function wholeValue(next: string, ctx: 'attr' | 'pi', rawMax: number): string {
  return '"' + escapeChars(next, 0, next.length, ctx, '"', rawMax) + '"';
}
