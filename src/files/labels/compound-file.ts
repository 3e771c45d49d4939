import { UnreadableFileError } from '../file-facts.js';

/**
 * An OLE compound file ([MS-CFB]): the container of legacy Office files, and of an
 * encrypted OOXML document, which Office stores as the streams `EncryptionInfo` and
 * `EncryptedPackage` ([MS-OFFCRYPTO] 2.3.4) instead of a zip. Only the directory is read.
 */

const SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** Sector numbers above this are markers (end of chain, free, FAT, DIFAT). */
const MAX_REGULAR_SECTOR = 0xfffffffa;
const HEADER_DIFAT_ENTRIES = 109;
const DIRECTORY_ENTRY_BYTES = 128;
const STREAM_OBJECT = 2;

export function isCompoundFile(bytes: Uint8Array): boolean {
  return bytes.length >= SIGNATURE.length && SIGNATURE.every((b, i) => bytes[i] === b);
}

/** The names of the streams in a compound file's directory; throws `corrupt` for a broken structure. */
export function compoundFileStreamNames(bytes: Uint8Array): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const corrupt = (why: string) => new UnreadableFileError('corrupt', `broken compound file: ${why}`);
  if (bytes.length < 512) throw corrupt('shorter than its header');
  const sectorShift = view.getUint16(0x1e, true);
  if (sectorShift !== 9 && sectorShift !== 12) throw corrupt(`sector shift ${sectorShift}`);
  const sectorSize = 1 << sectorShift;
  const sectorCount = Math.floor(bytes.length / sectorSize); // a bound for every chain walk
  const entriesPerSector = sectorSize / 4;

  const sectorOffset = (sector: number): number => {
    const offset = (sector + 1) * sectorSize;
    if (offset >= bytes.length) throw corrupt(`sector ${sector} is past the end`);
    return offset;
  };
  const u32 = (offset: number): number => {
    if (offset + 4 > bytes.length) throw corrupt('a read past the end');
    return view.getUint32(offset, true);
  };

  // The DIFAT: where the FAT's sectors are. 109 in the header, then a chain of DIFAT sectors.
  const fatSectors: number[] = [];
  for (let i = 0; i < HEADER_DIFAT_ENTRIES; i++) fatSectors.push(u32(0x4c + i * 4));
  let difat = u32(0x44);
  for (let walked = 0; difat <= MAX_REGULAR_SECTOR; walked++) {
    if (walked > sectorCount) throw corrupt('a DIFAT chain that loops');
    const base = sectorOffset(difat);
    for (let i = 0; i < entriesPerSector - 1; i++) fatSectors.push(u32(base + i * 4));
    difat = u32(base + (entriesPerSector - 1) * 4);
  }
  const nextSector = (sector: number): number => {
    const fatSector = fatSectors[Math.floor(sector / entriesPerSector)];
    if (fatSector === undefined || fatSector > MAX_REGULAR_SECTOR) throw corrupt(`no FAT entry for sector ${sector}`);
    return u32(sectorOffset(fatSector) + (sector % entriesPerSector) * 4);
  };

  // The directory: a chain of sectors of 128-byte entries; stream entries have type 2.
  const names: string[] = [];
  let sector = u32(0x30);
  for (let walked = 0; sector <= MAX_REGULAR_SECTOR; walked++) {
    if (walked > sectorCount) throw corrupt('a directory chain that loops');
    const base = sectorOffset(sector);
    for (let entry = base; entry + DIRECTORY_ENTRY_BYTES <= Math.min(base + sectorSize, bytes.length); entry += DIRECTORY_ENTRY_BYTES) {
      if (bytes[entry + 0x42] !== STREAM_OBJECT) continue;
      const nameBytes = Math.min(view.getUint16(entry + 0x40, true), 64);
      names.push(new TextDecoder('utf-16le').decode(bytes.subarray(entry, entry + Math.max(0, nameBytes - 2))));
    }
    sector = nextSector(sector);
  }
  return names;
}

/** True for an encrypted OOXML document (a compound file holding `EncryptedPackage`). */
export function isEncryptedOfficePackage(bytes: Uint8Array): boolean {
  return compoundFileStreamNames(bytes).includes('EncryptedPackage');
}
