import iconv from 'iconv-lite';

/**
 * How new text (a changed attribute value) is written: `unicode` as is (the page is a JS
 * string or UTF-16), `bytes` as is up to U+00FF and as a character reference beyond (the
 * page is processed as Latin-1, one character per byte), `ascii` as a reference beyond
 * U+007E (a legacy multi-byte charset that cannot hold every character).
 */
export type EscapeMode = 'unicode' | 'bytes' | 'ascii';

/**
 * Decoding and re-encoding one page, streaming. For UTF-8 and the ASCII-compatible
 * single-byte charsets the page is not decoded at all: each byte becomes the character
 * of the same code (Latin-1) and goes back as that byte, so every byte survives, valid
 * UTF-8 or not, and a chunk split inside a multi-byte sequence needs no care. That is
 * sound because all HTML syntax and every host name is ASCII, and in UTF-8 no byte of a
 * multi-byte sequence is below 0x80. UTF-16 and the legacy multi-byte charsets (whose
 * second bytes can look like ASCII) are really decoded, with iconv-lite.
 */
export interface TextCodec {
  readonly encoding: string;
  readonly escape: EscapeMode;
  decode(bytes: Uint8Array): string;
  /** The rest of a character cut at the end of input. */
  end(): string;
  encode(text: string): Buffer;
  /** A JS string (the snippet) as the engine must see it: its bytes in this charset, in this codec's view. */
  view(text: string): string;
  /**
   * In byte mode, what a character reference decodes to, in the byte view (its bytes in
   * the page's charset as Latin-1); null when the view is Unicode already.
   */
  readonly refView: ((text: string) => string) | null;
}

/** ASCII-compatible single-byte charsets (WHATWG names). */
const SINGLE_BYTE = new Set([
  'IBM866', 'ISO-8859-2', 'ISO-8859-3', 'ISO-8859-4', 'ISO-8859-5', 'ISO-8859-6', 'ISO-8859-7', 'ISO-8859-8',
  'ISO-8859-8-I', 'ISO-8859-10', 'ISO-8859-13', 'ISO-8859-14', 'ISO-8859-15', 'ISO-8859-16', 'KOI8-R', 'KOI8-U',
  'macintosh', 'windows-874', 'windows-1250', 'windows-1251', 'windows-1252', 'windows-1253', 'windows-1254',
  'windows-1255', 'windows-1256', 'windows-1257', 'windows-1258', 'x-mac-cyrillic', 'x-user-defined',
]);

function iconvName(encoding: string): string | null {
  const name = encoding === 'ISO-8859-8-I' ? 'ISO-8859-8' : encoding;
  return iconv.encodingExists(name) ? name : null;
}

/** Bytes as Latin-1 characters and back: the page's bytes, untouched, in a string. */
class ByteCodec implements TextCodec {
  readonly escape = 'bytes';
  readonly refView: (text: string) => string;
  private readonly toBytes: (text: string) => Buffer;

  constructor(readonly encoding: string) {
    const name = encoding === 'UTF-8' ? null : iconvName(encoding);
    this.toBytes = name === null ? (t) => Buffer.from(t, 'utf8') : (t) => iconv.encode(t, name);
    this.refView = (text) => {
      // Characters this charset cannot hold stay as they are (escaped as references on output).
      let out = '';
      for (const ch of text) {
        const b = this.toBytes(ch);
        out += name !== null && iconv.decode(b, name) !== ch ? ch : b.toString('latin1');
      }
      return out;
    };
  }

  decode(bytes: Uint8Array): string { return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'); }
  end(): string { return ''; }
  encode(text: string): Buffer { return Buffer.from(text, 'latin1'); }
  view(text: string): string { return this.toBytes(text).toString('latin1'); }
}

class IconvCodec implements TextCodec {
  readonly escape: EscapeMode;
  readonly refView = null;
  private readonly decoder: iconv.DecoderStream;
  private readonly encoder: iconv.EncoderStream;
  constructor(readonly encoding: string, name: string) {
    // A BOM is passed through as bytes by the caller, never decoded or added here.
    this.decoder = iconv.getDecoder(name, { stripBOM: false });
    this.encoder = iconv.getEncoder(name, { addBOM: false });
    this.escape = encoding.startsWith('UTF-16') ? 'unicode' : 'ascii';
  }
  decode(bytes: Uint8Array): string { return this.decoder.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)); }
  end(): string { return this.decoder.end() ?? ''; }
  encode(text: string): Buffer { return this.encoder.write(text); }
  view(text: string): string { return text; }
}

/**
 * A codec for a WHATWG encoding name: byte mode (Latin-1) for UTF-8, the ASCII-compatible
 * single-byte charsets and anything iconv-lite does not know (the bytes then pass as
 * they are); iconv-lite for UTF-16 and the legacy multi-byte charsets.
 */
export function createCodec(encoding: string): TextCodec {
  if (encoding === 'UTF-8' || SINGLE_BYTE.has(encoding) || encoding === 'replacement') return new ByteCodec(encoding);
  const name = iconvName(encoding);
  return name === null ? new ByteCodec(encoding) : new IconvCodec(encoding, name);
}
