/**
 * The two questions the pipeline asks of a body's first bytes, answered as WHATWG MIME
 * Sniffing answers them: does a body without a usable type sniff as HTML (or XML), and do
 * bytes served under a text type hold binary data (a font served as `text/css`)?
 */

/** MIME Sniffing §3 "resource header": the most bytes the algorithms look at. */
export const RESOURCE_HEADER_BYTES = 1445;

const HTML_PATTERNS = [
  '<!DOCTYPE HTML', '<HTML', '<HEAD', '<SCRIPT', '<IFRAME', '<H1', '<DIV', '<FONT', '<TABLE', '<A', '<STYLE',
  '<TITLE', '<B', '<BODY', '<BR', '<P', '<!--',
].map((p) => Buffer.from(p, 'latin1'));

const XML_PATTERN = Buffer.from('<?xml', 'latin1');

function isWhitespaceByte(b: number): boolean {
  return b === 0x09 || b === 0x0a || b === 0x0c || b === 0x0d || b === 0x20;
}

/** Matches `pattern` at `at`, ASCII letters case-insensitively (the spec's masks). */
function matchesAt(bytes: Uint8Array, at: number, pattern: Uint8Array): boolean {
  if (at + pattern.length > bytes.length) return false;
  for (let k = 0; k < pattern.length; k++) {
    let b = bytes[at + k] as number;
    if (b >= 0x61 && b <= 0x7a) b -= 0x20;
    if (b !== pattern[k]) return false;
  }
  return true;
}

/**
 * MIME Sniffing §7.1 "rules for identifying an unknown MIME type" (sniff-scriptable) on
 * the resource header, cut down to what decides the pipeline: `html` for the HTML
 * patterns (each followed by a space or `>`), `xml` for `<?xml`, leading whitespace
 * skipped for both, `null` for anything else (which no rewriter gets).
 */
export function sniffUnknownType(bytes: Uint8Array): 'html' | 'xml' | null {
  let at = 0;
  while (at < bytes.length && isWhitespaceByte(bytes[at] as number)) at++;
  for (const pattern of HTML_PATTERNS) {
    const end = at + pattern.length;
    if (end < bytes.length && matchesAt(bytes, at, pattern)) {
      const next = bytes[end] as number;
      if (next === 0x20 || next === 0x3e) return 'html';
    }
  }
  // The XML row's mask is all ones: `<?xml` exactly, in this case.
  return Buffer.from(bytes.buffer, bytes.byteOffset + at, Math.min(bytes.length - at, XML_PATTERN.length)).equals(XML_PATTERN) ? 'xml' : null;
}

/**
 * MIME Sniffing §3 "binary data byte": 0x00-0x08, 0x0B, 0x0E-0x1A, 0x1C-0x1F. No text in
 * an ASCII-compatible charset holds one (ESC, 0x1B, is left out for ISO-2022-JP), while
 * fonts, images, archives and compressed data have them in their first bytes. UTF-16 text
 * (NUL in every ASCII character) is the one exception: the caller skips the test for it.
 */
export function hasBinaryDataByte(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, RESOURCE_HEADER_BYTES);
  for (let i = 0; i < n; i++) {
    const b = bytes[i] as number;
    if (b < 0x20 && (b <= 0x08 || b === 0x0b || (b >= 0x0e && b <= 0x1a) || b >= 0x1c)) return true;
  }
  return false;
}

/** A UTF-16 byte order mark at the start. */
export function hasUtf16Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && ((bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xff && bytes[1] === 0xfe));
}

const PDF_SIGNATURE = Buffer.from('%PDF-', 'latin1');

/**
 * Bytes that must not be rewritten as text although served under a text type: a binary
 * data byte in the resource header, or a PDF (whose first object may be all text before
 * the first binary stream, and whose cross-reference offsets any splice would break).
 */
export function looksBinary(bytes: Uint8Array): boolean {
  return hasBinaryDataByte(bytes) || matchesAt(bytes, 0, PDF_SIGNATURE);
}
