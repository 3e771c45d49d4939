import { decodeHeaderBytes, decodeInCharset, percentDecodeBytes } from './header-bytes.js';

/**
 * RFC 2047 encoded words in a `filename` value (`=?UTF-8?Q?r=C3=A9sum=C3=A9.pdf?=`).
 * RFC 6266 §C.3 says they are not part of HTTP, but Chromium decodes them
 * (HttpContentDisposition's DecodeWord: "one of encoding methods supported by Firefox
 * and relatively widely used by web servers"), so the name a user sees is the decoded
 * one. As Chromium does: the value is split at
 * whitespace, each word that is an encoded word is decoded in its charset (B or Q), the
 * whitespace after an encoded word is dropped, other words keep their bytes (read as
 * UTF-8 when valid). A value with a malformed encoded word is returned unchanged.
 */
export function decodeEncodedWords(value: string): string {
  if (!value.includes('=?')) return decodeHeaderBytes(value);
  let out = '';
  let afterEncodedWord = false;
  let i = 0;
  while (i < value.length) {
    if (isWhitespace(value.charCodeAt(i))) {
      if (!afterEncodedWord) out += ' ';
      i++;
      continue;
    }
    let end = i;
    while (end < value.length && !isWhitespace(value.charCodeAt(end))) end++;
    const word = value.slice(i, end);
    i = end;
    if (word.startsWith('=?')) {
      const decoded = decodeEncodedWord(word);
      if (decoded === null) return decodeHeaderBytes(value);
      out += decoded;
      afterEncodedWord = true;
    } else {
      out += decodeHeaderBytes(word);
      afterEncodedWord = false;
    }
  }
  return out;
}

function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** `=?charset?B|Q?text?=` decoded, or null when it is not one (RFC 2047 §2, §4). */
function decodeEncodedWord(word: string): string | null {
  if (!word.endsWith('?=') || word.length < 8) return null;
  const inner = word.slice(2, -2).split('?');
  if (inner.length !== 3) return null;
  const [charsetAndLanguage, encoding, text] = inner as [string, string, string];
  const charset = charsetAndLanguage.split('*')[0] as string; // RFC 2231 §5 language suffix
  if (charset === '') return null;
  const bytes = encoding === 'B' || encoding === 'b' ? base64Bytes(text) : encoding === 'Q' || encoding === 'q' ? qBytes(text) : null;
  return bytes === null ? null : decodeInCharset(bytes, charset);
}

function base64Bytes(text: string): Uint8Array | null {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const ok = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2f || c === 0x3d;
    if (!ok) return null;
  }
  return Buffer.from(text, 'base64');
}

/** RFC 2047 §4.2 "Q": `_` is a space, `=XX` a byte, other printable ASCII itself. */
function qBytes(text: string): Uint8Array | null {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5f) out.push(0x20);
    else if (c === 0x3d) {
      const hex = percentDecodeBytes(`%${text.slice(i + 1, i + 3)}`);
      if (hex === null || hex.length !== 1) return null;
      out.push(hex[0] as number);
      i += 2;
    } else if (c > 0x20 && c < 0x7f) out.push(c);
    else return null;
  }
  return Uint8Array.from(out);
}
