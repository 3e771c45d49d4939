import { UnreadableFileError, type SensitivityLabel } from '../file-facts.js';
import { isCompoundFile, isEncryptedOfficePackage } from './compound-file.js';
import { labelsFromCustomProperties } from './custom-properties.js';
import { labelsFromLabelInfo } from './label-info.js';
import { isZip, readPackageMetadata, type PackageMetadata } from './ooxml-package.js';
import { isPdf, readPdfLabels } from './pdf-labels.js';

/**
 * The sensitivity labels a file carries, enabled or not (only enabled ones are the file's
 * label). Office packages and PDFs are read; any other file has none. Throws
 * {@link UnreadableFileError} (`encrypted`, `corrupt`) when the file cannot be read.
 */
export async function readLabels(bytes: Uint8Array): Promise<readonly SensitivityLabel[]> {
  if (isZip(bytes) || isCompoundFile(bytes)) return readOfficeLabels(bytes);
  if (isPdf(bytes)) return readPdfLabels(bytes);
  return [];
}

/** The labels of an Office file (an OOXML zip, or the compound file an encrypted one is). */
export function readOfficeLabels(bytes: Uint8Array): SensitivityLabel[] {
  if (isCompoundFile(bytes)) {
    if (isEncryptedOfficePackage(bytes)) throw new UnreadableFileError('encrypted', 'a password-protected Office document');
    return []; // a legacy binary Office file: its labels (property sets) are not read
  }
  const metadata = readPackageMetadata(bytes);
  return metadata ? labelsOfPackage(metadata) : [];
}

/**
 * LabelInfo.xml is the answer when it exists (Office writes it since 2021 and keeps it
 * current); the custom properties may only add the name of a label it holds. Without it,
 * the custom properties are the answer.
 */
export function labelsOfPackage(metadata: PackageMetadata): SensitivityLabel[] {
  const custom = metadata.customProperties ? labelsFromCustomProperties(metadata.customProperties.xml) : [];
  if (!metadata.labelInfo) return custom;
  return labelsFromLabelInfo(metadata.labelInfo.xml).map((label) => {
    const name = custom.find((c) => c.id === label.id)?.name;
    return name ? { ...label, name } : label;
  });
}
