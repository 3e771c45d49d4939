/**
 * Whether a body's first bytes could start a governed file (Office, PDF, archive, …).
 * Every governed format announces itself at offset 0, except tar (`ustar` at 257), so a
 * body whose first bytes match none of these is not sniffed further: a streaming HTML
 * page is not held back waiting for the sniff's full prefix. Sound in one direction
 * only: a match means "sniff it", never "it is a file".
 */
const SIGNATURES: readonly (readonly number[])[] = [
  [0x50, 0x4b], // PK: zip and every OOXML/ODF package
  [0x25, 0x50, 0x44, 0x46], // %PDF
  [0xd0, 0xcf, 0x11, 0xe0], // OLE compound file: legacy Office, encrypted OOXML, .msg
  [0x37, 0x7a, 0xbc, 0xaf], // 7z
  [0x52, 0x61, 0x72, 0x21], // Rar!
  [0x1f, 0x8b], // gzip
  [0x42, 0x5a, 0x68], // bzip2
  [0xfd, 0x37, 0x7a, 0x58, 0x5a], // xz
  [0x28, 0xb5, 0x2f, 0xfd], // zstd
  [0x7b, 0x5c, 0x72, 0x74, 0x66], // {\rtf
];

/** Bytes needed to see tar's `ustar` magic at offset 257. */
export const TAR_MAGIC_END = 262;

/**
 * `maybe` when the prefix could still be a governed file (or is too short to tell),
 * `no` when it cannot be one. `tar`: also wait for tar's late magic (not for bodies
 * declared as text the pipeline renders, whose first chunk must not be held back).
 */
export function governedMagicIn(prefix: Uint8Array, ended: boolean, tar: boolean): 'maybe' | 'no' {
  for (const sig of SIGNATURES) {
    const n = Math.min(sig.length, prefix.length);
    let same = true;
    for (let i = 0; i < n; i++) {
      if (prefix[i] !== sig[i]) {
        same = false;
        break;
      }
    }
    if (same && (n === sig.length || !ended)) return 'maybe';
  }
  if (!tar) return 'no';
  if (prefix.length < TAR_MAGIC_END) return ended ? 'no' : 'maybe';
  return isUstar(prefix) ? 'maybe' : 'no';
}

function isUstar(p: Uint8Array): boolean {
  return p[257] === 0x75 && p[258] === 0x73 && p[259] === 0x74 && p[260] === 0x61 && p[261] === 0x72;
}
