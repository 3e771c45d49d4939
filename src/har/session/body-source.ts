import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { isSpilledText, type HarContent, type HarText, type SpilledText } from '../har-types.js';
import { Base64Decoder, isBase64, isBase64File } from './base64.js';

/**
 * A body as the capture holds it: none, a string, or a spilled temp file; text (already
 * decoded from its charset and Content-Encoding: HAR holds what the browser read) or
 * base64 of the bytes.
 */
export type BodySource =
  | { readonly kind: 'none' }
  | { readonly kind: 'string'; readonly base64: boolean; readonly text: string; readonly bytes: Buffer }
  | { readonly kind: 'spilled'; readonly base64: boolean; readonly text: SpilledText };

/** What reading the body found wrong: `encoding: "base64"` on text that is not. */
export interface BodySourceRead {
  readonly source: BodySource;
  readonly notBase64: boolean;
}

/**
 * The body of `content.text` (or `postData.text`), its encoding checked: text that says
 * base64 but is not is read as text (and said so), never decoded into made-up bytes.
 */
export async function bodySourceOf(text: HarText | undefined, encoding: HarContent['encoding']): Promise<BodySourceRead> {
  const saysBase64 = typeof encoding === 'string' && encoding.toLowerCase() === 'base64';
  if (typeof text === 'string') {
    const base64 = saysBase64 && isBase64(text);
    return { source: { kind: 'string', base64, text, bytes: Buffer.from(text, base64 ? 'base64' : 'utf8') }, notBase64: saysBase64 && !base64 };
  }
  if (isSpilledText(text)) {
    const base64 = saysBase64 && (await isBase64File(text.path));
    return { source: { kind: 'spilled', base64, text }, notBase64: saysBase64 && !base64 };
  }
  return { source: { kind: 'none' }, notBase64: false };
}

/** The body's bytes as a new stream (text as UTF-8). */
export function openBody(source: BodySource): Readable {
  switch (source.kind) {
    case 'none':
      return Readable.from([]);
    case 'string':
      return Readable.from(source.bytes.length === 0 ? [] : [source.bytes]);
    case 'spilled': {
      const file = createReadStream(source.text.path);
      if (!source.base64) return file;
      const decoder = new Base64Decoder();
      file.on('error', (err) => decoder.destroy(err));
      return file.pipe(decoder);
    }
  }
}

/** The body's length in bytes when known without reading it. */
export function bodyLength(source: BodySource): number | null {
  if (source.kind === 'none') return 0;
  if (source.kind === 'string') return source.bytes.length;
  return source.base64 ? null : source.text.bytes;
}
