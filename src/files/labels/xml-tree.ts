import { SaxesParser, type SaxesTagNS } from 'saxes';

/**
 * A small element tree of the package metadata parts (relationships, content types,
 * LabelInfo.xml, custom.xml), built by saxes, a linear, non-validating parser that never
 * fetches or expands anything outside the document. Comments and processing instructions
 * are dropped: these parts carry none that matter.
 */
export interface XmlElement {
  /** The qualified name as written (`clbl:label`). */
  readonly name: string;
  /** The namespace URI ('' for none). */
  readonly uri: string;
  readonly local: string;
  /** Attributes in document order, qualified names as written (namespace declarations included). */
  readonly attributes: Array<{ readonly name: string; readonly uri: string; readonly local: string; value: string }>;
  readonly children: Array<XmlElement | string>;
}

/** Metadata parts are shallow; a limit keeps the tree's recursive walks off the stack's edge. */
const MAX_DEPTH = 256;

/** Parses a whole XML part; throws on any error of well-formedness, and on a DOCTYPE (OPC parts may not have one). */
export function parseXml(input: Uint8Array | string): XmlElement {
  const parser = new SaxesParser({ xmlns: true, position: false });
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  parser.on('error', (err) => {
    throw err;
  });
  parser.on('doctype', () => {
    throw new Error('a DOCTYPE in a package part');
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    if (stack.length >= MAX_DEPTH) throw new Error(`elements nested deeper than ${MAX_DEPTH}`);
    const element: XmlElement = {
      name: tag.name,
      uri: tag.uri,
      local: tag.local,
      attributes: Object.values(tag.attributes).map((a) => ({ name: a.name, uri: a.uri, local: a.local, value: a.value })),
      children: [],
    };
    const parent = stack.at(-1);
    if (parent) parent.children.push(element);
    else root = element;
    stack.push(element);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  const addText = (text: string) => stack.at(-1)?.children.push(text);
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.write(typeof input === 'string' ? input : decodeXml(input)).close();
  if (!root) throw new Error('no root element');
  return root;
}

/** UTF-8 unless a UTF-16 byte order mark says otherwise (XML 1.0 appendix F). */
function decodeXml(bytes: Uint8Array): string {
  const encoding = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : 'utf-8';
  return new TextDecoder(encoding, { fatal: true }).decode(bytes);
}

/** The value of an attribute without a namespace (`id`, `Type`), or null. */
export function attribute(element: XmlElement, local: string): string | null {
  return element.attributes.find((a) => a.uri === '' && a.local === local)?.value ?? null;
}

/** The child elements in a namespace with a local name. */
export function childElements(element: XmlElement, uri: string, local: string): XmlElement[] {
  return element.children.filter((c): c is XmlElement => typeof c !== 'string' && c.uri === uri && c.local === local);
}

/** The concatenated text inside an element (all descendants). */
export function textOf(element: XmlElement): string {
  return element.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('');
}

/** Writes a tree back as a UTF-8 part with a standalone declaration, as Office writes its parts. */
export function serializeXml(root: XmlElement): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n${serializeElement(root)}`;
}

function serializeElement(element: XmlElement): string {
  const attrs = element.attributes.map((a) => ` ${a.name}="${escapeAttribute(a.value)}"`).join('');
  if (element.children.length === 0) return `<${element.name}${attrs}/>`;
  const inner = element.children.map((c) => (typeof c === 'string' ? escapeText(c) : serializeElement(c))).join('');
  return `<${element.name}${attrs}>${inner}</${element.name}>`;
}

/** Escapes character data. */
export function escapeText(value: string): string {
  return escapeChars(value, false);
}

/** Escapes an attribute value (quotes and white space too, so a reader gets the same value back). */
export function escapeAttribute(value: string): string {
  return escapeChars(value, true);
}

function escapeChars(value: string, inAttribute: boolean): string {
  let out = '';
  for (const ch of value) {
    if (ch === '&') out += '&amp;';
    else if (ch === '<') out += '&lt;';
    else if (ch === '>') out += '&gt;';
    else if (inAttribute && ch === '"') out += '&quot;';
    else if (inAttribute && (ch === '\t' || ch === '\n' || ch === '\r')) out += `&#${ch.charCodeAt(0)};`;
    else if (ch === '\r') out += '&#13;';
    else out += ch;
  }
  return out;
}

/** A new element with attributes given as pairs (qualified names; namespaces from the parent's declarations). */
export function element(
  name: string,
  uri: string,
  attributes: ReadonlyArray<readonly [string, string]>,
  children: Array<XmlElement | string> = [],
): XmlElement {
  const local = name.includes(':') ? name.slice(name.indexOf(':') + 1) : name;
  return {
    name,
    uri,
    local,
    attributes: attributes.map(([n, value]) => ({ name: n, uri: '', local: n, value })),
    children,
  };
}

/** A local name with the prefix of another qualified name in the same namespace (`op:Properties` → `op:property`). */
export function withPrefixOf(qualifiedName: string, local: string): string {
  const colon = qualifiedName.indexOf(':');
  return colon < 0 ? local : `${qualifiedName.slice(0, colon)}:${local}`;
}
