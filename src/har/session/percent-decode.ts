/**
 * Percent-decoding as the WHATWG URL Standard's "percent-decode" does it (`%XX` with two
 * hex digits is that byte, any other `%` is itself), the bytes read as UTF-8 (invalid
 * sequences as U+FFFD), and with `plus` the application/x-www-form-urlencoded reading
 * (`+` is a space). Never throws, unlike `decodeURIComponent`.
 */
export function percentDecode(text: string, plus: boolean): string {
  const source = plus ? text.replaceAll('+', ' ') : text;
  if (!source.includes('%')) return source;
  return Buffer.from(percentDecodeBytes(source)).toString('utf8');
}

/** The bytes of `text` (UTF-8) with each valid `%XX` escape replaced by its byte. */
export function percentDecodeBytes(text: string): Uint8Array {
  const bytes = Buffer.from(text, 'utf8');
  const out = new Uint8Array(bytes.length);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0x25 && i + 2 < bytes.length) {
      const high = hex(bytes[i + 1]);
      const low = hex(bytes[i + 2]);
      if (high !== -1 && low !== -1) {
        out[n++] = high * 16 + low;
        i += 2;
        continue;
      }
    }
    out[n++] = b;
  }
  return out.subarray(0, n);
}

function hex(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const lower = c | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x61 + 10 : -1;
}
