/**
 * UTF-16 without loss, in either byte order. Each 16-bit code unit becomes one string
 * character as it is (a lone surrogate too: JS strings hold them, and encoding writes
 * them back unchanged), so decode then encode gives the same bytes. iconv-lite would
 * drop an odd last byte; here it is kept and handed back by {@link leftover}. A chunk
 * may end inside a code unit (its first byte waits) or between the two halves of a
 * surrogate pair (the parser waits for the second half itself).
 */
export class Utf16Decoder {
  /** The first byte of a code unit cut by the chunk boundary. */
  private pending: number | null = null;

  constructor(private readonly bigEndian: boolean) {}

  /** The code units completed by `bytes`. */
  write(bytes: Uint8Array): string {
    let b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (this.pending !== null) {
      b = Buffer.concat([Buffer.of(this.pending), b]);
      this.pending = null;
    }
    if (b.length % 2 === 1) {
      this.pending = b[b.length - 1] as number;
      b = b.subarray(0, b.length - 1);
    }
    if (b.length === 0) return '';
    if (!this.bigEndian) return b.toString('utf16le');
    const swapped = Buffer.from(b);
    swapped.swap16();
    return swapped.toString('utf16le');
  }

  /** The odd last byte of the input, if any, to be written as it is. */
  leftover(): Buffer | null {
    const p = this.pending;
    this.pending = null;
    return p === null ? null : Buffer.of(p);
  }

  /** Text as code units in this byte order (lone surrogates kept). */
  encode(text: string): Buffer {
    const b = Buffer.from(text, 'utf16le');
    if (this.bigEndian) b.swap16();
    return b;
  }
}
