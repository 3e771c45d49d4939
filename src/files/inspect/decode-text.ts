import { isUtf8 } from 'node:buffer';
import { decodeWindows1252 } from './windows-1252.js';

/** The WHATWG Encoding name a text file is decoded with. */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/**
 * The encoding of a text file without a declared charset: its BOM (UTF-8, UTF-16LE,
 * UTF-16BE, as the Encoding standard's "decode" reads it), else UTF-8 when the bytes are
 * valid UTF-8, else windows-1252 (what browsers use for latin1 and unlabelled legacy text;
 * every byte decodes, so nothing is lost).
 */
export function textEncodingOf(bytes: Uint8Array): TextEncoding {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return isUtf8(bytes) ? 'utf-8' : 'windows-1252';
}

/** Bytes that always decode to more than `chars` code units (UTF-8 spends at most 3 bytes on one; a 4-byte sequence gives 2). */
function bytesFor(encoding: TextEncoding, chars: number): number {
  if (encoding === 'utf-8') return chars * 3 + 6;
  if (encoding === 'windows-1252') return chars + 1;
  return chars * 2 + 8;
}

/**
 * Decodes a text file (the BOM dropped, malformed sequences as U+FFFD). With `maxChars`,
 * decodes only a prefix long enough to give more than `maxChars` code units when the file
 * has that many, so a 30 MB file is not decoded whole to keep its first million characters.
 */
export function decodeText(bytes: Uint8Array, maxChars = Infinity): string {
  const encoding = textEncodingOf(bytes);
  const end = Math.min(bytes.length, bytesFor(encoding, maxChars));
  const prefix = bytes.subarray(0, end);
  if (encoding === 'windows-1252') return decodeWindows1252(prefix);
  return new TextDecoder(encoding).decode(prefix, { stream: end < bytes.length });
}
