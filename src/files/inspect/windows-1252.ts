/**
 * WHATWG Encoding's index-windows-1252 for bytes 0x80–0x9F (every other byte is its own
 * code point). Node's `TextDecoder('windows-1252')` reads these bytes as Latin-1 since
 * 20.18.3 (nodejs/node#60888: 0x80 gives U+0080, not €), and iconv-lite leaves five of
 * them undefined where WHATWG has the C1 control, so the 32 differences are kept here.
 */
const C1_TABLE =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/** Decodes windows-1252 as the Encoding standard does: every byte is one character. */
export function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return latin1.replace(/[\x80-\x9f]/g, (c) => C1_TABLE[c.charCodeAt(0) - 0x80]);
}
