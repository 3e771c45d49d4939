import { Transform, type TransformCallback } from 'node:stream';

/** FLG bits of a gzip member header (RFC 1952 section 2.3.1). */
const FHCRC = 0x02;
const FEXTRA = 0x04;
const FNAME = 0x08;
const FCOMMENT = 0x10;
/** Bits 5 to 7 are reserved: "a compliant decompressor must give an error indication if any reserved bit is non-zero". */
const FLG_RESERVED = 0xe0;

/** Where the parser stands in the header: the fields, in the order RFC 1952 puts them. */
type Field = 'fixed' | 'xlen' | 'extra' | 'name' | 'comment' | 'hcrc' | 'done';

/** The error of a malformed gzip header, with a code a caller can test. */
export class GzipHeaderError extends Error {
  readonly code = 'ERR_SPR_GZIP_HEADER';
  constructor(message: string) {
    super(`gzip header: ${message}`);
    this.name = 'GzipHeaderError';
  }
}

/**
 * Removes the header of one gzip member (RFC 1952) and passes every byte after it on
 * unchanged: the raw deflate data, then whatever follows it. A state machine over single
 * bytes, so a header split across any chunks parses the same, in constant memory: names
 * and comments are skipped, never kept. `maxBytes` bounds the header (a NUL-less comment
 * never ends it); past it, and for a wrong magic, method or reserved flag, and for input
 * ending inside the header, the stage errors. FHCRC is skipped unchecked, as Chromium does.
 */
export class GzipHeaderStage extends Transform {
  #field: Field = 'fixed';
  /** Bytes still to read in the current counted field (fixed part, XLEN, extra data, header CRC). */
  #left = 10;
  #flags = 0;
  #xlen = 0;
  /** Header bytes consumed so far. */
  headerBytes = 0;

  /** `onBody` sees every byte passed on after the header (the footer is read from them). */
  constructor(readonly maxBytes: number, readonly onBody: (chunk: Buffer) => void = () => {}) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.#field === 'done') {
      this.onBody(chunk);
      return callback(null, chunk);
    }
    const start = this.headerBytes;
    let i = 0;
    try {
      while (i < chunk.length && (this.#field as Field) !== 'done') i = this.#step(chunk, i, start);
    } catch (error) {
      return callback(error as Error);
    }
    if (this.headerBytes > this.maxBytes) return callback(new GzipHeaderError(`longer than ${this.maxBytes} bytes`));
    const body = i < chunk.length ? chunk.subarray(i) : undefined;
    if (body !== undefined) this.onBody(body);
    callback(null, body);
  }

  override _flush(callback: TransformCallback): void {
    callback(this.#field === 'done' ? null : new GzipHeaderError(`input ended inside the header (${this.#field} field)`));
  }

  /** Consumes bytes of `chunk` from `i` for the current field; the index after them. */
  #step(chunk: Buffer, i: number, start: number): number {
    if (this.#field === 'name' || this.#field === 'comment') {
      const nul = chunk.indexOf(0, i);
      const end = nul === -1 ? chunk.length : nul + 1;
      this.headerBytes = start + end;
      if (nul !== -1) this.#next();
      return end;
    }
    const take = Math.min(this.#left, chunk.length - i);
    for (let k = i; k < i + take; k++) this.#counted(chunk[k] as number, this.#left - (k - i));
    this.#left -= take;
    this.headerBytes = start + i + take;
    if (this.#left === 0) this.#next();
    return i + take;
  }

  /** One byte of a counted field; `left` counts down to 1 at its last byte. */
  #counted(byte: number, left: number): void {
    if (this.#field === 'fixed') {
      const at = 10 - left;
      if (at === 0 && byte !== 0x1f) throw new GzipHeaderError('not gzip (first byte is not 0x1f)');
      if (at === 1 && byte !== 0x8b) throw new GzipHeaderError('not gzip (second byte is not 0x8b)');
      if (at === 2 && byte !== 8) throw new GzipHeaderError(`unknown compression method ${byte}`);
      if (at === 3 && (byte & FLG_RESERVED) !== 0) throw new GzipHeaderError('reserved flag bits set');
      if (at === 3) this.#flags = byte;
    } else if (this.#field === 'xlen') {
      this.#xlen = left === 2 ? byte : this.#xlen | (byte << 8); // little-endian
    }
  }

  /** Moves to the next field present after the current one. */
  #next(): void {
    const order: Field[] = ['fixed', 'xlen', 'extra', 'name', 'comment', 'hcrc', 'done'];
    for (let at = order.indexOf(this.#field) + 1; ; at++) {
      const field = order[at] as Field;
      const present =
        field === 'done' ||
        (field === 'xlen' && (this.#flags & FEXTRA) !== 0) ||
        (field === 'extra' && this.#xlen > 0) ||
        (field === 'name' && (this.#flags & FNAME) !== 0) ||
        (field === 'comment' && (this.#flags & FCOMMENT) !== 0) ||
        (field === 'hcrc' && (this.#flags & FHCRC) !== 0);
      if (!present) continue;
      this.#field = field;
      this.#left = field === 'xlen' || field === 'hcrc' ? 2 : field === 'extra' ? this.#xlen : 0;
      return;
    }
  }
}

