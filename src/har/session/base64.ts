import { createReadStream } from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';

/**
 * Base64 of HAR bodies (RFC 4648 §4). Captures write it in one line; line breaks (CR, LF)
 * are allowed, as MIME writers add them, and padding may be missing. Anything else (a
 * space, `-`, text such as "MANUALLY REMOVED") means the text is not base64: Node's own
 * decoder would skip such characters and make up bytes.
 */
const ALPHABET = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') ALPHABET[c.charCodeAt(0)] = 1;

/** Checks base64 text piece by piece: {@link Base64Check.end} says whether the whole was base64. */
export class Base64Check {
  private symbols = 0;
  private padding = 0;
  private valid = true;

  push(text: string): void {
    for (let i = 0; i < text.length && this.valid; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x0d || c === 0x0a) continue;
      if (c === 0x3d /* = */) {
        this.padding++;
        this.valid = this.padding <= 2;
      } else if (c < 128 && ALPHABET[c] === 1 && this.padding === 0) {
        this.symbols++;
      } else {
        this.valid = false;
      }
    }
  }

  end(): boolean {
    if (!this.valid) return false;
    const rest = this.symbols % 4;
    // One symbol left over holds no whole byte; padding must complete the last group exactly.
    if (rest === 1) return false;
    return this.padding === 0 || (rest !== 0 && rest + this.padding === 4);
  }
}

export function isBase64(text: string): boolean {
  const check = new Base64Check();
  check.push(text);
  return check.end();
}

/** Whether a temp file's text is base64, read as a stream. */
export async function isBase64File(path: string): Promise<boolean> {
  const check = new Base64Check();
  for await (const chunk of createReadStream(path, { encoding: 'latin1' })) {
    check.push(chunk as string);
  }
  return check.end();
}

/** Base64 text in, its bytes out, whatever the chunking (checked text only: see {@link Base64Check}). */
export class Base64Decoder extends Transform {
  private carry = '';

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    const text = this.carry + chunk.toString('latin1').replace(/[\r\n]/g, '');
    const whole = text.length - (text.length % 4);
    this.carry = text.slice(whole);
    done(null, whole === 0 ? undefined : Buffer.from(text.slice(0, whole), 'base64'));
  }

  override _flush(done: TransformCallback): void {
    done(null, this.carry === '' ? undefined : Buffer.from(this.carry, 'base64'));
  }
}

/** Bytes in, base64 text out (one line, padded), whatever the chunking. */
export class Base64Encoder extends Transform {
  private carry = Buffer.alloc(0);

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    const bytes = this.carry.length === 0 ? chunk : Buffer.concat([this.carry, chunk]);
    const whole = bytes.length - (bytes.length % 3);
    this.carry = Buffer.from(bytes.subarray(whole));
    done(null, whole === 0 ? undefined : Buffer.from(bytes.subarray(0, whole).toString('base64'), 'latin1'));
  }

  override _flush(done: TransformCallback): void {
    done(null, this.carry.length === 0 ? undefined : Buffer.from(this.carry.toString('base64'), 'latin1'));
  }
}
