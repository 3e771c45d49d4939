import { decodeInCharset, percentDecodeBytes } from './header-bytes.js';

/**
 * An RFC 8187 (formerly 5987) `ext-value`, `charset'[language]'value-chars`, decoded as
 * Chromium's DecodeExtValue decodes it: not quoted (tc2231 `attwithfn2231quot`), a
 * charset is required (`attwithfn2231noc`), the value is ASCII with valid `%XX` escapes
 * (`attwithfn2231nbadpct1`), and its bytes must be valid in the charset
 * (`attwithfn2231iso_bad`: `utf-8''foo-%E4.html` is ignored), any charset the WHATWG
 * Encoding standard knows; the result in Unicode NFC (`attwithfn2231utf8comp`). Null
 * when it cannot be read, so the plain `filename` applies.
 */
export function decodeExtValue(raw: string): string | null {
  if (raw.includes('"')) return null;
  const first = raw.indexOf("'");
  const second = first === -1 ? -1 : raw.indexOf("'", first + 1);
  if (second === -1 || raw.indexOf("'", second + 1) !== -1) return null;
  const charset = raw.slice(0, first);
  const chars = raw.slice(second + 1);
  if (charset === '' || chars === '') return null;
  for (let i = 0; i < chars.length; i++) if (chars.charCodeAt(i) > 0x7f) return null;
  const bytes = percentDecodeBytes(chars);
  if (bytes === null) return null;
  const text = decodeInCharset(bytes, charset);
  return text === null || text === '' ? null : text.normalize('NFC');
}
