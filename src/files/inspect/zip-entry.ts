import { crc32, inflateRawSync } from 'node:zlib';
import type { CannotInspectReason } from '../file-facts.js';
import type { ExpansionBudget } from './expansion-budget.js';
import type { Inspection } from './inspection.js';
import { entryData, type ZipEntry } from './zip-directory.js';

/** An entry that cannot be read, and why. */
export class ZipEntryError extends Error {
  override readonly name = 'ZipEntryError';
  constructor(readonly reason: CannotInspectReason, message: string) {
    super(message);
  }
}

/**
 * The bytes of one zip entry, expanded within the budget. The claimed size is spent
 * before anything is inflated (a bomb that says what it is costs nothing), and zlib
 * stops at that size (a header that lies low is caught before its bytes are made); a
 * header that lies high, or a CRC-32 that does not match, means the zip is corrupt.
 */
export function readZipEntry(bytes: Uint8Array, entry: ZipEntry, budget: ExpansionBudget): Uint8Array {
  if (entry.flags & 0x1) throw new ZipEntryError('encrypted', `${entry.name} is encrypted`);
  if (entry.method !== STORED && entry.method !== DEFLATED) throw new ZipEntryError('corrupt', `${entry.name}: compression method ${entry.method} is not read`);
  if (!budget.take(entry.size)) throw new ZipEntryError('too-large', `${entry.name}: ${entry.size} bytes past the archive expansion budget`);
  const data = entryData(bytes, entry);
  let content: Uint8Array;
  if (entry.method === STORED) {
    content = data;
  } else {
    try {
      content = inflateRawSync(data, { maxOutputLength: Math.max(1, entry.size) });
    } catch (err) {
      const lie = (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE';
      throw new ZipEntryError('corrupt', `${entry.name}: ${lie ? `expands past its ${entry.size} bytes` : 'deflate data is corrupt'}`);
    }
  }
  if (content.length !== entry.size) throw new ZipEntryError('corrupt', `${entry.name}: ${content.length} bytes where the header says ${entry.size}`);
  if (crc32(content) !== entry.crc32) throw new ZipEntryError('corrupt', `${entry.name}: CRC-32 does not match`);
  return content;
}

/** The entry's bytes, or null after recording why they cannot be read. */
export function zipEntryOrFail(bytes: Uint8Array, entry: ZipEntry, inspection: Inspection): Uint8Array | null {
  try {
    return readZipEntry(bytes, entry, inspection.budget);
  } catch (err) {
    inspection.out.fail(err instanceof ZipEntryError ? err.reason : 'corrupt');
    return null;
  }
}

const STORED = 0;
const DEFLATED = 8;
