import { mimeEssence } from './mime-essence.js';

/** What the first bytes of a file say it is. */
export interface SniffedType {
  /** MIME type essence, e.g. `application/pdf`. */
  readonly mime: string;
  /** The usual extension, without the dot, e.g. `pdf`. */
  readonly extension: string;
}

/**
 * How many first bytes to hold back for `sniffFileType`: 64 KiB.
 *
 * Magic numbers need little (file-type's own sample is 4100 bytes), but telling an
 * Office file from a plain zip needs the `[Content_Types].xml` entry, and file-type
 * reads zip entries in order: it needs every byte up to the end of that entry.
 * Microsoft Office writes it first (under 2 KiB in); LibreOffice 7.4 writes it last,
 * after every part and image (measured: a 4.8 KB xlsx needs 4,198 bytes, so a large one
 * needs nearly all of it). No fixed prefix is enough for every producer; 64 KiB covers
 * Office's files whatever their size and small LibreOffice ones, and keeps the bytes
 * held per response small. Where it is not enough the answer is `application/zip`,
 * which is governed too: whether the response is a file does not change, only how
 * precisely its type is known. When the whole file is read (up to the governed limit),
 * sniff the whole of it for the precise type.
 */
export const SNIFF_BYTES = 64 * 1024;

/**
 * The type the bytes say, through file-type 21; null when they say nothing it knows
 * (text formats: CSV, plain text, e-mail messages) or when reading them fails. Works on
 * a prefix: a cut zip still reads as a zip. Legacy Office files (`.doc`, `.xls`,
 * `.ppt`), Outlook `.msg`, MSI and password-protected OOXML are all OLE compound files,
 * which file-type answers `application/x-cfb` (extension `cfb`) for, without telling
 * them apart.
 */
export async function sniffFileType(prefix: Uint8Array): Promise<SniffedType | null> {
  try {
    // Loaded on the first sniff, not with the package (2.4 MB of heap a rewriting-only user never needs).
    const { fileTypeFromBuffer } = await import('file-type/core');
    const found = await fileTypeFromBuffer(prefix);
    const mime = mimeEssence(found?.mime);
    return found === undefined || mime === null ? null : { mime, extension: found.ext };
  } catch {
    return null;
  }
}
