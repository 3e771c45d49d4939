/** The literal data packet stores its file name behind a one-byte length (RFC 9580 §5.9). */
const MAX_FILENAME_BYTES = 255;

/**
 * The file name to record inside the encrypted message (what `gpg --use-embedded-filename`
 * restores): the name itself when its UTF-8 fits in 255 bytes, else its longest prefix of
 * whole code points that does. openpgp.js writes the length byte without checking, so a
 * longer name would corrupt the packet.
 */
export function literalFileName(name: string): string {
  if (Buffer.byteLength(name, 'utf8') <= MAX_FILENAME_BYTES) return name;
  let bytes = 0;
  let end = 0;
  for (const codePoint of name) {
    const size = Buffer.byteLength(codePoint, 'utf8');
    if (bytes + size > MAX_FILENAME_BYTES) break;
    bytes += size;
    end += codePoint.length;
  }
  return name.slice(0, end);
}
