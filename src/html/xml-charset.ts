import { bomEncoding, encodingForLabel } from './charset.js';
import { parseAttributes } from './xml-tag.js';

/** Where an XML document's encoding came from. */
export type XmlCharsetSource = 'bom' | 'http' | 'declaration' | 'default';

/** An XML document's encoding (a WHATWG name) and where it came from. */
export interface XmlSniffedCharset {
  readonly encoding: string;
  readonly source: XmlCharsetSource;
}

/** The most bytes looked at for the XML declaration (it is a few dozen in practice). */
const DECLARATION_BYTES = 1024;

function isSpace(c: number | undefined): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/**
 * The encoding of an XML document as a browser decides it: the BOM (the Encoding
 * standard's decode), then the HTTP `charset` (authoritative for XML media types,
 * RFC 7303 section 3), then `<?xml` written in UTF-16 without a BOM (XML 1.0 appendix
 * F, as Blink and Gecko detect it), then the `encoding` of the XML declaration, then
 * UTF-8 (XML's default). A declaration naming UTF-16 in bytes that read as ASCII is
 * taken as UTF-8, as the HTML prescan does with `<meta charset=utf-16>`. Returns null
 * while more bytes could change the answer (`final` says no more will come).
 */
export function sniffXmlCharset(head: Uint8Array, httpCharset: string | undefined, final: boolean): XmlSniffedCharset | null {
  if (head.length < 3 && !final) return null;
  const bom = bomEncoding(head);
  if (bom !== null) return { encoding: bom, source: 'bom' };
  const http = encodingForLabel(httpCharset);
  if (http !== null) return { encoding: http, source: 'http' };
  if (head.length < 6 && !final) return null;
  if (head[0] === 0x3c && head[1] === 0x00 && head[2] === 0x3f && head[3] === 0x00) return { encoding: 'UTF-16LE', source: 'declaration' };
  if (head[0] === 0x00 && head[1] === 0x3c && head[2] === 0x00 && head[3] === 0x3f) return { encoding: 'UTF-16BE', source: 'declaration' };
  const start = Buffer.from(head.buffer, head.byteOffset, Math.min(head.length, DECLARATION_BYTES)).toString('latin1');
  if (!start.startsWith('<?xml') || !isSpace(start.charCodeAt(5))) return { encoding: 'UTF-8', source: 'default' };
  const end = start.indexOf('?>');
  if (end < 0) return head.length < DECLARATION_BYTES && !final ? null : { encoding: 'UTF-8', source: 'default' };
  const encoding = parseAttributes(start, 5, end).attrs.find((a) => a.name === 'encoding' && a.valueStart >= 0);
  let label = encoding === undefined ? null : encodingForLabel(start.slice(encoding.valueStart, encoding.valueEnd));
  if (label === 'UTF-16LE' || label === 'UTF-16BE') label = 'UTF-8';
  if (label === 'x-user-defined') label = 'windows-1252';
  return label === null ? { encoding: 'UTF-8', source: 'default' } : { encoding: label, source: 'declaration' };
}
