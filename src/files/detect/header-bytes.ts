/**
 * Header values reach us as byte strings: Node's parser and Fetch's `Headers` give one
 * character per byte (ISO-8859-1). Servers very often write a file name as raw UTF-8
 * bytes (`filename="résumé.pdf"`), and Chrome reads them as UTF-8 when they are valid
 * UTF-8: HttpContentDisposition's DecodeWord tries UTF-8 first (its unit test notes that
 * for tc2231 `attwithutf8fnplain` it departs from tc2231 on purpose). Anything else
 * stays as it was written (ISO-8859-1).
 */
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The UTF-8 reading of a byte string when it is valid UTF-8 with a non-ASCII byte; else the string as given. */
export function decodeHeaderBytes(value: string): string {
  let nonAscii = false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c > 0xff) return value; // already text, not bytes
    if (c >= 0x80) nonAscii = true;
  }
  if (!nonAscii) return value;
  try {
    return utf8.decode(Buffer.from(value, 'latin1'));
  } catch {
    return value;
  }
}

/** Decodes `bytes` in the charset named by `label` (WHATWG Encoding labels); null when the label is unknown or the bytes are not valid in it. */
export function decodeInCharset(bytes: Uint8Array, label: string): string | null {
  try {
    return new TextDecoder(label.trim(), { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** `%XX` escapes as bytes, other characters as their low byte; null on a `%` not followed by two hex digits. */
export function percentDecodeBytes(text: string): Uint8Array | null {
  const out = new Uint8Array(text.length);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x25) {
      out[n++] = c & 0xff;
      continue;
    }
    const hi = hexValue(text.charCodeAt(i + 1));
    const lo = hexValue(text.charCodeAt(i + 2));
    if (hi < 0 || lo < 0) return null;
    out[n++] = hi * 16 + lo;
    i += 2;
  }
  return out.subarray(0, n);
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const lower = c | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return -1;
}
