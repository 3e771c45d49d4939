import iconv from 'iconv-lite';

/**
 * Decoding and re-encoding one page in its own charset, streaming (a multi-byte
 * character split across chunks comes out whole). Single-byte charsets use a table
 * built from iconv-lite in which bytes iconv-lite leaves unmapped keep their own code
 * point, so every byte survives the round trip; UTF-8 uses the platform decoder.
 */
export interface TextCodec {
  readonly encoding: string;
  /** Whether new text must stay ASCII (the charset cannot hold every character). */
  readonly asciiOnly: boolean;
  decode(bytes: Uint8Array): string;
  /** The rest of a character cut at the end of input. */
  end(): string;
  encode(text: string): Buffer;
}

const SINGLE_BYTE = new Set([
  'IBM866', 'ISO-8859-2', 'ISO-8859-3', 'ISO-8859-4', 'ISO-8859-5', 'ISO-8859-6', 'ISO-8859-7', 'ISO-8859-8',
  'ISO-8859-8-I', 'ISO-8859-10', 'ISO-8859-13', 'ISO-8859-14', 'ISO-8859-15', 'ISO-8859-16', 'KOI8-R', 'KOI8-U',
  'macintosh', 'windows-874', 'windows-1250', 'windows-1251', 'windows-1252', 'windows-1253', 'windows-1254',
  'windows-1255', 'windows-1256', 'windows-1257', 'windows-1258', 'x-mac-cyrillic',
]);

class Utf8Codec implements TextCodec {
  readonly encoding = 'UTF-8';
  readonly asciiOnly = false;
  // The BOM is kept as a character so that it is written back.
  private readonly decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  decode(bytes: Uint8Array): string { return this.decoder.decode(bytes, { stream: true }); }
  end(): string { return this.decoder.decode(); }
  encode(text: string): Buffer { return Buffer.from(text, 'utf8'); }
}

/** Latin-1 maps bytes to code points one to one: used when nothing better is known. */
class Latin1Codec implements TextCodec {
  readonly asciiOnly = true;
  constructor(readonly encoding: string) {}
  decode(bytes: Uint8Array): string { return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'); }
  end(): string { return ''; }
  encode(text: string): Buffer { return Buffer.from(text, 'latin1'); }
}

const tables = new Map<string, { decode: string[]; encode: Map<number, number> }>();

function tableFor(encoding: string): { decode: string[]; encode: Map<number, number> } {
  let t = tables.get(encoding);
  if (t === undefined) {
    const decode: string[] = [];
    const encode = new Map<number, number>();
    const name = encoding === 'ISO-8859-8-I' ? 'ISO-8859-8' : encoding;
    for (let b = 0; b < 256; b++) {
      let ch = iconv.decode(Buffer.from([b]), name);
      if (ch.length !== 1 || ch === '\ufffd' || encode.has(ch.charCodeAt(0))) ch = String.fromCharCode(b);
      decode.push(ch);
      encode.set(ch.charCodeAt(0), b);
    }
    t = { decode, encode };
    tables.set(encoding, t);
  }
  return t;
}

class SingleByteCodec implements TextCodec {
  readonly asciiOnly = true;
  private readonly table: { decode: string[]; encode: Map<number, number> };
  constructor(readonly encoding: string) { this.table = tableFor(encoding); }
  decode(bytes: Uint8Array): string {
    const d = this.table.decode;
    let out = '';
    for (let i = 0; i < bytes.length; i++) out += d[bytes[i] as number];
    return out;
  }
  end(): string { return ''; }
  encode(text: string): Buffer {
    const e = this.table.encode;
    const out = Buffer.allocUnsafe(text.length);
    for (let i = 0; i < text.length; i++) out[i] = e.get(text.charCodeAt(i)) ?? 0x3f;
    return out;
  }
}

class IconvCodec implements TextCodec {
  readonly asciiOnly = true;
  private readonly decoder: iconv.DecoderStream;
  private readonly encoder: iconv.EncoderStream;
  constructor(readonly encoding: string) {
    this.decoder = iconv.getDecoder(encoding, { stripBOM: false });
    this.encoder = iconv.getEncoder(encoding, { addBOM: false });
  }
  decode(bytes: Uint8Array): string { return this.decoder.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)); }
  end(): string { return this.decoder.end() ?? ''; }
  encode(text: string): Buffer { return this.encoder.write(text); }
}

/** A codec for a WHATWG encoding name; Latin-1 (lossless) for what cannot be decoded faithfully. */
export function createCodec(encoding: string): TextCodec {
  if (encoding === 'UTF-8') return new Utf8Codec();
  if (SINGLE_BYTE.has(encoding) && iconv.encodingExists(encoding === 'ISO-8859-8-I' ? 'ISO-8859-8' : encoding)) return new SingleByteCodec(encoding);
  if (encoding !== 'replacement' && encoding !== 'x-user-defined' && iconv.encodingExists(encoding)) return new IconvCodec(encoding);
  return new Latin1Codec(encoding);
}
