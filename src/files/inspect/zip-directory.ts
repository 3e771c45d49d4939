/**
 * The central directory of a zip file (APPNOTE.TXT 4.3.12–4.3.16, zip64 4.3.14 and
 * 4.5.3), read without inflating anything: fflate's reader neither reports the
 * encryption flag nor lets a lying size be noticed (it inflates into a buffer of the
 * claimed size and drops the rest), so the directory is read here and each entry is
 * inflated by `zip-entry.ts` within the budget.
 */

/** One file in a zip, as its central directory header describes it. */
export interface ZipEntry {
  readonly name: string;
  /** General purpose bit flag (bit 0: encrypted). */
  readonly flags: number;
  /** 0 stored, 8 deflated; others are not read. */
  readonly method: number;
  readonly crc32: number;
  readonly compressedSize: number;
  /** The uncompressed size the header claims (checked when inflated). */
  readonly size: number;
  /** Where its local file header starts. */
  readonly localHeaderOffset: number;
}

/** Not a zip this reader can read (no end record, a header outside the file, a bad signature). */
export class ZipFormatError extends Error {
  override readonly name = 'ZipFormatError';
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_END = 0x06064b50;
const CENTRAL_HEADER = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const ZIP64_EXTRA = 0x0001;
const MAX_32 = 0xffffffff;
const MAX_16 = 0xffff;

export function readZipDirectory(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEndRecord(view);
  let count = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  if ((count === MAX_16 || offset === MAX_32) && end >= 20 && view.getUint32(end - 20, true) === ZIP64_LOCATOR) {
    const zip64End = safeNumber(view.getBigUint64(end - 12, true));
    check(view, zip64End, 56);
    if (view.getUint32(zip64End, true) !== ZIP64_END) throw new ZipFormatError('zip64 end record not found');
    count = safeNumber(view.getBigUint64(zip64End + 32, true));
    offset = safeNumber(view.getBigUint64(zip64End + 48, true));
  }
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    check(view, offset, 46);
    if (view.getUint32(offset, true) !== CENTRAL_HEADER) throw new ZipFormatError(`central directory header ${i} not found`);
    const flags = view.getUint16(offset + 8, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    check(view, offset + 46, nameLength + extraLength);
    const name = new TextDecoder(flags & 0x800 ? 'utf-8' : 'windows-1252').decode(bytes.subarray(offset + 46, offset + 46 + nameLength));
    const sizes = {
      size: view.getUint32(offset + 24, true),
      compressedSize: view.getUint32(offset + 20, true),
      localHeaderOffset: view.getUint32(offset + 42, true),
    };
    readZip64Extra(view, offset + 46 + nameLength, extraLength, sizes);
    entries.push({ name, flags, method: view.getUint16(offset + 10, true), crc32: view.getUint32(offset + 16, true), ...sizes });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The bytes of an entry's data (still compressed), located through its local header. */
export function entryData(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localHeaderOffset;
  check(view, at, 30);
  if (view.getUint32(at, true) !== LOCAL_HEADER) throw new ZipFormatError(`local header of ${entry.name} not found`);
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  check(view, start, entry.compressedSize);
  return bytes.subarray(start, start + entry.compressedSize);
}

/** The end of central directory record: the last one, searched back over at most a 64 KiB comment. */
function findEndRecord(view: DataView): number {
  const last = view.byteLength - 22;
  for (let at = last; at >= 0 && at >= last - MAX_16; at--) {
    if (view.getUint32(at, true) === END_OF_CENTRAL_DIRECTORY) return at;
  }
  throw new ZipFormatError('end of central directory not found');
}

/** Zip64 extended information: the 64-bit values of the fields whose 32-bit value is all ones, in this order. */
function readZip64Extra(view: DataView, start: number, length: number, sizes: { size: number; compressedSize: number; localHeaderOffset: number }): void {
  const fields = (['size', 'compressedSize', 'localHeaderOffset'] as const).filter((f) => sizes[f] === MAX_32);
  if (fields.length === 0) return;
  for (let at = start; at + 4 <= start + length; ) {
    const id = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    if (at + 4 + size > start + length) return;
    if (id === ZIP64_EXTRA) {
      fields.forEach((field, i) => {
        if ((i + 1) * 8 <= size) sizes[field] = safeNumber(view.getBigUint64(at + 4 + i * 8, true));
      });
      return;
    }
    at += 4 + size;
  }
}

function check(view: DataView, at: number, length: number): void {
  if (at < 0 || at + length > view.byteLength) throw new ZipFormatError('zip structure runs past the end of the file');
}

function safeNumber(value: bigint): number {
  return value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(value);
}
