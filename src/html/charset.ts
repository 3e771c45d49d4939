import whatwgEncoding from 'whatwg-encoding';
import { prescanCharsetDeclaration } from './prescan.js';

/** Where the page's encoding came from. */
export type CharsetSource = 'bom' | 'http' | 'meta' | 'default';

/** The page's encoding (a WHATWG name) and how many leading bytes are its BOM. */
export interface SniffedCharset {
  readonly encoding: string;
  readonly source: CharsetSource;
  /** For `meta`: the byte offset just past the declaring `<meta>` tag. */
  readonly declarationEnd?: number;
}

/** Bytes needed before deciding: the BOM needs 3, the prescan 1,024. */
export const PRESCAN_BYTES = 1024;

/** The encoding a byte order mark at the start of `b` names, or null. */
export function bomEncoding(b: Uint8Array): string | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return 'UTF-8';
  if (b[0] === 0xfe && b[1] === 0xff) return 'UTF-16BE';
  if (b[0] === 0xff && b[1] === 0xfe) return 'UTF-16LE';
  return null;
}

/** A label resolved to a WHATWG encoding name, or null when the label is unknown. */
export function encodingForLabel(label: string | undefined | null): string | null {
  if (label === undefined || label === null) return null;
  return whatwgEncoding.labelToName(label.trim().replace(/^["']|["']$/g, ''));
}

/**
 * The WHATWG encoding sniffing algorithm, as far as a proxy can run it: the BOM, then
 * the HTTP charset, then the prescan, then windows-1252. Returns null while more bytes
 * could still change the answer (`final` says no more will come).
 */
export function sniffCharset(head: Uint8Array, httpCharset: string | undefined, final: boolean): SniffedCharset | null {
  if (head.length < 3 && !final) return null;
  const bom = bomEncoding(head);
  if (bom !== null) return { encoding: bom, source: 'bom' };
  const http = encodingForLabel(httpCharset);
  if (http !== null) return { encoding: http, source: 'http' };
  if (head.length < PRESCAN_BYTES && !final) return null;
  const declaration = prescanCharsetDeclaration(head);
  let meta = encodingForLabel(declaration?.label);
  if (meta === 'UTF-16LE' || meta === 'UTF-16BE') meta = 'UTF-8';
  if (meta === 'x-user-defined') meta = 'windows-1252';
  if (meta !== null) return { encoding: meta, source: 'meta', declarationEnd: declaration?.end ?? 0 };
  return { encoding: 'windows-1252', source: 'default' };
}
