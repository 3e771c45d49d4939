// Streams a SpilledText's file out as one JSON string, never holding it whole.
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import type { SpilledText } from '../har-types.js';
import { JsonStringEscaper } from './json-string-escaper.js';

/** Pieces of the file are read this big (small: see WRITE_CHARS in string-collector.ts). */
const READ_BYTES = 1 << 15;

/** Calls `write` with the JSON string's text in pieces, quotes included; awaits each.
 *  `readBytes`: how much of the file is read at a time (tests make it tiny). */
export async function writeSpilledText(
  text: SpilledText,
  write: (piece: string) => Promise<void>,
  readBytes: number = READ_BYTES,
): Promise<void> {
  // StringDecoder keeps an incomplete UTF-8 sequence for the next piece; the escaper keeps a
  // high surrogate for the next piece; so every piece is whole text, escaped.
  const decoder = new StringDecoder('utf8');
  const escaper = new JsonStringEscaper();
  await write('"');
  for await (const chunk of createReadStream(text.path, { highWaterMark: readBytes })) {
    const piece = escaper.push(decoder.write(chunk as Buffer));
    if (piece) await write(piece);
  }
  await write(escaper.push(decoder.end()) + escaper.end() + '"');
}
