/**
 * The few signatures content inspection decides by itself, whatever the file's name and
 * declared type say (a PDF named `.txt` is read as a PDF), and the MIME Sniffing rule
 * that tells text from binary when nothing names the format.
 */

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const ZIP = [0x50, 0x4b, 0x03, 0x04]; // a local file header
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06]; // an end of central directory record alone
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]; // compound file binary

export function startsWith(bytes: Uint8Array, signature: readonly number[], at = 0): boolean {
  if (bytes.length < at + signature.length) return false;
  for (let i = 0; i < signature.length; i++) if (bytes[at + i] !== signature[i]) return false;
  return true;
}

export const isPdf = (bytes: Uint8Array): boolean => startsWith(bytes, PDF);
export const isZip = (bytes: Uint8Array): boolean => startsWith(bytes, ZIP) || startsWith(bytes, EMPTY_ZIP);
export const isOle = (bytes: Uint8Array): boolean => startsWith(bytes, OLE);

/** How many first bytes the MIME Sniffing standard looks at ("resource header"). */
const SNIFF_BYTES = 1445;

/**
 * MIME Sniffing §7.2, "rules for distinguishing if a resource is text or binary": a
 * UTF-16 or UTF-8 BOM means text; else any binary data byte (C0 controls other than
 * TAB, LF, FF, CR and ESC) in the first 1445 bytes means binary.
 */
export function looksBinary(bytes: Uint8Array): boolean {
  if (bytes.length >= 2 && ((bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xff && bytes[1] === 0xfe))) return false;
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return false;
  const end = Math.min(bytes.length, SNIFF_BYTES);
  for (let i = 0; i < end; i++) if (isBinaryDataByte(bytes[i])) return true;
  return false;
}

function isBinaryDataByte(b: number): boolean {
  return b <= 0x08 || b === 0x0b || (b >= 0x0e && b <= 0x1a) || (b >= 0x1c && b <= 0x1f);
}
