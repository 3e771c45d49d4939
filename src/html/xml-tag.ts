/** One attribute of a tag, by offsets into the tag's source. */
export interface XmlAttribute {
  /** The qualified name as written (`xlink:href`, `href`, `HREF`). */
  readonly name: string;
  /** Where the attribute starts (its name) and ends (after its value or name). */
  readonly start: number;
  readonly end: number;
  /** The value without its quotes; -1 when the attribute has no value (not well-formed). */
  readonly valueStart: number;
  readonly valueEnd: number;
  /** The quote it was written with; '' when unquoted (not well-formed). */
  readonly quote: '"' | "'" | '';
}

/** A start or empty-element tag, parsed from its whole source. */
export interface XmlTag {
  /** The qualified name (`svg:script`). */
  readonly name: string;
  /** The local name (`script`) and the prefix (`svg`, '' when none). */
  readonly local: string;
  readonly prefix: string;
  readonly attrs: readonly XmlAttribute[];
  /** `<a/>`: an element with no content. */
  readonly selfClosing: boolean;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** `prefix:local` split at its first colon. */
export function splitName(name: string): { prefix: string; local: string } {
  const colon = name.indexOf(':');
  return colon <= 0 ? { prefix: '', local: name } : { prefix: name.slice(0, colon), local: name.slice(colon + 1) };
}

/**
 * The attributes of `src[from, to)`: `name="value"` pairs (XML's Attribute production),
 * read leniently as the tokenizer reads them (a value unquoted or missing is taken as
 * it is). Also reads `<?xml-stylesheet?>` pseudo-attributes. A `/` just before `to`
 * makes the tag self-closing.
 */
export function parseAttributes(src: string, from: number, to: number): { attrs: XmlAttribute[]; selfClosing: boolean } {
  const attrs: XmlAttribute[] = [];
  let selfClosing = false;
  let i = from;
  while (i < to) {
    const c = src.charCodeAt(i);
    if (isSpace(c)) { i++; continue; }
    if (c === 0x2f) {
      if (i + 1 === to) selfClosing = true;
      i++;
      continue;
    }
    const start = i;
    i++;
    while (i < to && !isSpace(src.charCodeAt(i)) && src.charCodeAt(i) !== 0x3d && !(src.charCodeAt(i) === 0x2f && i + 1 === to)) i++;
    const name = src.slice(start, i);
    let j = i;
    while (j < to && isSpace(src.charCodeAt(j))) j++;
    if (j >= to || src.charCodeAt(j) !== 0x3d) {
      attrs.push({ name, start, end: i, valueStart: -1, valueEnd: -1, quote: '' });
      continue;
    }
    j++;
    while (j < to && isSpace(src.charCodeAt(j))) j++;
    const q = src.charCodeAt(j);
    if (q === 0x22 || q === 0x27) {
      const close = src.indexOf(q === 0x22 ? '"' : "'", j + 1);
      const valueEnd = close < 0 || close >= to ? to : close;
      attrs.push({ name, start, end: Math.min(valueEnd + 1, to), valueStart: j + 1, valueEnd, quote: q === 0x22 ? '"' : "'" });
      i = valueEnd + 1;
      continue;
    }
    let k = j;
    while (k < to && !isSpace(src.charCodeAt(k))) k++;
    // `<a b=c/>`: the slash ends the tag (XML has no unquoted values to hold it).
    if (k === to && k > j && src.charCodeAt(k - 1) === 0x2f) {
      k--;
      selfClosing = true;
    }
    attrs.push({ name, start, end: k, valueStart: j, valueEnd: k, quote: '' });
    i = selfClosing && k === to - 1 ? to : k;
  }
  return { attrs, selfClosing };
}

/** A start tag's whole source (`<name …>` or `<name …/>`), parsed. */
export function parseTag(raw: string): XmlTag {
  let i = 1;
  const to = raw.endsWith('>') ? raw.length - 1 : raw.length;
  while (i < to && !isSpace(raw.charCodeAt(i)) && raw.charCodeAt(i) !== 0x2f) i++;
  const name = raw.slice(1, i);
  const { attrs, selfClosing } = parseAttributes(raw, i, to);
  const { prefix, local } = splitName(name);
  return { name, local, prefix, attrs, selfClosing };
}

/** The unprefixed attribute `name` with a value, or null. */
export function findAttribute(tag: XmlTag, name: string): XmlAttribute | null {
  for (const a of tag.attrs) if (a.name === name && a.valueStart >= 0) return a;
  return null;
}
