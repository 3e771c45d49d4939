import { SNIFF_BYTES, sniffFileType } from '../detect/index.js';
import type { BodyReader } from './body-reader.js';
import { governedMagicIn } from './magic-prefix.js';

/** A type read from magic bytes. */
export interface SniffedType {
  readonly mime: string;
  readonly extension: string;
}

/**
 * Sniffs a held-back body: the first chunk says whether it could be a governed file at
 * all (most bodies are decided there, without waiting for more); only then is the
 * sniff's full prefix read and the magic bytes read by `file-type`.
 */
export async function sniffBody(reader: BodyReader, tar: boolean): Promise<SniffedType | null> {
  let ended = await reader.readTo(1);
  // A first chunk too short to tell (a signature's first byte, less than tar's 262 bytes): read on.
  while (!ended && governedMagicIn(reader.bytes(), false, tar) === 'maybe' && governedMagicIn(reader.bytes(), true, tar) === 'no') {
    ended = await reader.readTo(reader.bytesRead + 1);
  }
  if (reader.bytesRead === 0 || governedMagicIn(reader.bytes(), ended, tar) === 'no') return null;
  await reader.readTo(SNIFF_BYTES);
  return sniffFileType(reader.bytes().subarray(0, SNIFF_BYTES));
}
