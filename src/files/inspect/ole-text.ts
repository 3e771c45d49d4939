import { claimsOoxml, type FormatClues } from './text-format.js';
import type { TextCollector } from './text-collector.js';

/** `EncryptedPackage` as a compound file directory entry spells it (UTF-16LE). */
const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');

/**
 * A compound file (OLE2). Office keeps a password-protected docx, xlsx or pptx in one,
 * as an `EncryptedPackage` stream beside `EncryptionInfo` (MS-OFFCRYPTO 2.3.4.4): a
 * compound file holding that stream, or named or typed as OOXML, is `encrypted`. A
 * legacy binary document (.doc, .xls, .ppt, .msg) is not read: no text, and nothing
 * says it could not be inspected (policies that must stop legacy formats match them by
 * extension or type).
 */
export function oleText(bytes: Uint8Array, clues: FormatClues, out: TextCollector): void {
  const holdsPackage = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(ENCRYPTED_PACKAGE);
  if (holdsPackage || claimsOoxml(clues)) out.fail('encrypted');
}
