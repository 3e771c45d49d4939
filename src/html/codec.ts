import iconv from 'iconv-lite';
import { CharsetCodeView, type CodeView } from './code-view.js';
import { pageTextFor, type PageText } from './page-text.js';
import { Utf16Decoder } from './utf16.js';

/**
 * How new text (a changed attribute value) is written: `unicode` as is (the page is a JS
 * string or UTF-16), `bytes` as is up to U+00FF and as a character reference beyond (the
 * page is processed as Latin-1, one character per byte), `ascii` as a reference beyond
 * U+007E (output that must stay ASCII; no page codec uses it since the legacy
 * multi-byte charsets take the byte view).
 */
export type EscapeMode = 'unicode' | 'bytes' | 'ascii';

/**
 * Decoding and re-encoding one page, streaming. For every ASCII-compatible charset
 * (UTF-8, the single-byte ones and the legacy multi-byte ones: Shift_JIS, EUC-JP,
 * EUC-KR, GBK/gb18030, Big5) the page is not decoded at all: each byte becomes the
 * character of the same code (Latin-1) and goes back as that byte, so every byte
 * survives, valid or not, and a chunk split inside a multi-byte sequence needs no care.
 * That is sound for markup because all HTML syntax is ASCII, and in these charsets no
 * byte of a multi-byte sequence is one of HTML's syntax bytes (`<>"'=&/`, ASCII
 * whitespace; checked per charset in test/html/charset-bytes.test.ts). What the rules
 * read (attribute values, inline code) is decoded with the real charset first, through
 * {@link PageText} and {@link CodeView}: a URL parser must see `bücher`, not the Latin-1
 * reading of its bytes, and a legacy multi-byte trail byte can be `\`, which matters to
 * JS and CSS. UTF-16 is really decoded (see utf16.ts).
 */
export interface TextCodec {
  readonly encoding: string;
  readonly escape: EscapeMode;
  decode(bytes: Uint8Array): string;
  /** The rest of a character cut at the end of input. */
  end(): string;
  /** Input bytes that no character holds (an odd last byte of UTF-16): written after everything, as they are. */
  leftover(): Buffer | null;
  encode(text: string): Buffer;
  /** A JS string (the snippet) as the engine must see it: its bytes in this charset, in this codec's view. */
  view(text: string): string;
  /**
   * In byte mode, what a character reference decodes to, in the byte view (its bytes in
   * the page's charset as Latin-1); null when the view is Unicode already.
   */
  readonly refView: ((text: string) => string) | null;
  /** Inline code seen as real text (null: the view is the text, or no decoder knows the charset). */
  readonly codeView: CodeView | null;
  /** The page's characters behind the byte view (null: the view is the text, or no decoder knows the charset). */
  readonly pageText: PageText | null;
}

/**
 * The WHATWG legacy multi-byte charsets that are ASCII-compatible (every byte below 0x80
 * stands alone, and trail bytes avoid HTML syntax). ISO-2022-JP is not (a 7-bit stateful
 * encoding); whatwg-encoding 3 does not resolve its labels, so it never gets here.
 */
const LEGACY_MULTI_BYTE = new Set(['Shift_JIS', 'EUC-JP', 'EUC-KR', 'GBK', 'gb18030', 'Big5']);

function iconvName(encoding: string): string | null {
  const name = encoding === 'ISO-8859-8-I' ? 'ISO-8859-8' : encoding;
  return iconv.encodingExists(name) ? name : null;
}

/**
 * `text` in `encode`'s charset, each character it cannot hold written as a numeric
 * character reference (never iconv-lite's `?`): for the snippet, which is markup.
 */
function encodeOrReference(text: string, encode: (t: string) => Buffer, decode: (b: Buffer) => string): Buffer {
  const whole = encode(text);
  if (decode(whole) === text) return whole;
  const parts: Buffer[] = [];
  for (const ch of text) {
    const b = encode(ch);
    parts.push(decode(b) === ch ? b : Buffer.from(`&#x${(ch.codePointAt(0) as number).toString(16)};`, 'latin1'));
  }
  return Buffer.concat(parts);
}

/** Bytes as Latin-1 characters and back: the page's bytes, untouched, in a string. */
class ByteCodec implements TextCodec {
  readonly escape = 'bytes';
  readonly refView: (text: string) => string;
  readonly codeView: CodeView | null;
  readonly pageText: PageText | null;
  private readonly toBytes: (text: string) => Buffer;

  constructor(readonly encoding: string, multiByte: boolean) {
    const name = encoding === 'UTF-8' ? null : iconvName(encoding);
    this.pageText = pageTextFor(encoding, name, multiByte);
    this.codeView = this.pageText === null ? null : new CharsetCodeView(this.pageText);
    if (name === null) {
      this.toBytes = (t) => Buffer.from(t, 'utf8');
    } else {
      const decode = (b: Buffer) => iconv.decode(b, name, { stripBOM: false });
      const encode = (t: string) => iconv.encode(t, name, { addBOM: false });
      this.toBytes = (t) => encodeOrReference(t, encode, decode);
    }
    this.refView = (text) => {
      // Characters this charset cannot hold stay as they are (escaped as references on output).
      let out = '';
      for (const ch of text) {
        const b = name === null ? Buffer.from(ch, 'utf8') : iconv.encode(ch, name);
        out += name !== null && iconv.decode(b, name) !== ch ? ch : b.toString('latin1');
      }
      return out;
    };
  }

  decode(bytes: Uint8Array): string { return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'); }
  end(): string { return ''; }
  leftover(): Buffer | null { return null; }
  encode(text: string): Buffer { return Buffer.from(text, 'latin1'); }
  view(text: string): string { return this.toBytes(text).toString('latin1'); }
}

/**
 * UTF-16LE/BE, really decoded (it is not ASCII-compatible), losslessly: code units map
 * one to one onto string characters, lone surrogates included, and an odd last byte is
 * handed back by `leftover`.
 */
class Utf16Codec implements TextCodec {
  readonly escape = 'unicode';
  readonly refView = null;
  readonly codeView = null;
  readonly pageText = null;
  private readonly decoder: Utf16Decoder;
  constructor(readonly encoding: 'UTF-16LE' | 'UTF-16BE') {
    this.decoder = new Utf16Decoder(encoding === 'UTF-16BE');
  }
  decode(bytes: Uint8Array): string { return this.decoder.write(bytes); }
  end(): string { return ''; }
  leftover(): Buffer | null { return this.decoder.leftover(); }
  encode(text: string): Buffer { return this.decoder.encode(text); }
  view(text: string): string { return text; }
}

/**
 * A codec for a WHATWG encoding name: the real decode for UTF-16, the byte view
 * (Latin-1) for everything else: UTF-8, the single-byte and legacy multi-byte charsets,
 * and anything iconv-lite does not know (the bytes then pass as they are).
 */
export function createCodec(encoding: string): TextCodec {
  if (encoding === 'UTF-16LE' || encoding === 'UTF-16BE') return new Utf16Codec(encoding);
  return new ByteCodec(encoding, LEGACY_MULTI_BYTE.has(encoding));
}
