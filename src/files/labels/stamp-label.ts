import { randomUUID } from 'node:crypto';
import { strToU8 } from 'fflate';
import { UnreadableFileError, type SensitivityLabel } from '../file-facts.js';
import { CannotProtectError, type LabelDefinition } from '../protector.js';
import { isCompoundFile } from './compound-file.js';
import { withLabelProperties } from './custom-properties.js';
import { normalizeGuid, ZERO_GUID } from './guid.js';
import { labelInfoXml } from './label-info.js';
import {
  CONTENT_TYPES_NS,
  CONTENT_TYPES_PATH,
  CUSTOM_CONTENT_TYPE,
  CUSTOM_DEFAULT_PATH,
  CUSTOM_RELATIONSHIP,
  isZip,
  LABELINFO_CONTENT_TYPE,
  LABELINFO_DEFAULT_PATH,
  LABELINFO_RELATIONSHIP,
  PACKAGE_RELS_PATH,
  readPackageMetadata,
  relationshipTarget,
  type PackageMetadata,
} from './ooxml-package.js';
import { withOverrides, withPackageRelationships } from './package-edits.js';
import { labelsOfPackage } from './read-labels.js';
import { serializeXml } from './xml-tree.js';
import { rewriteZip, ZipLayoutError } from './zip-rewrite.js';

export interface StampOptions {
  /** How the label was chosen: `Standard` (by policy, the default) or `Privileged` (by a user). */
  readonly method?: 'Standard' | 'Privileged';
  /** The `_SetDate` written (default: now). */
  readonly now?: Date;
}

/**
 * Stamps a sensitivity label into an Office (OOXML) package the way Office does: a
 * `docMetadata/LabelInfo.xml` part with its package relationship and content type, and the
 * `MSIP_Label_<guid>_*` custom properties (other custom properties kept). Throws
 * {@link CannotProtectError} for a file that is not a readable OOXML package, or that
 * already carries an enabled label (a label is never replaced).
 */
export function stampLabel(bytes: Uint8Array, label: LabelDefinition, options: StampOptions = {}): Uint8Array {
  const id = normalizeGuid(label.id);
  if (!id) throw new CannotProtectError(`label "${label.name}": "${label.id}" is not a GUID`);
  const siteId = label.siteId === undefined ? ZERO_GUID : normalizeGuid(label.siteId);
  if (!siteId) throw new CannotProtectError(`label "${label.name}": site id "${label.siteId}" is not a GUID`);
  const method = options.method ?? 'Standard';

  const { metadata, labels } = openPackage(bytes);
  const current = labels.find((l) => l.enabled);
  if (current) throw new CannotProtectError(`the file already carries the label ${current.name ?? current.id}`);

  const rels = metadata.relationships;
  // An existing part keeps its entry name; else the relationship's target; else where Office puts it.
  const labelInfoPath = metadata.labelInfo?.path ?? (rels && relationshipTarget(rels, LABELINFO_RELATIONSHIP)) ?? LABELINFO_DEFAULT_PATH;
  const customPath = metadata.customProperties?.path ?? (rels && relationshipTarget(rels, CUSTOM_RELATIONSHIP)) ?? CUSTOM_DEFAULT_PATH;
  const custom = withLabelProperties(metadata.customProperties?.xml ?? null, id, {
    Enabled: 'true',
    SetDate: (options.now ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    Method: method,
    Name: label.name,
    SiteId: siteId,
    ActionId: randomUUID(),
    ContentBits: '0',
  });
  if (!custom) throw new CannotProtectError(`${customPath} is not a custom properties part`);
  const relationships = withPackageRelationships(rels, [
    [LABELINFO_RELATIONSHIP, labelInfoPath],
    [CUSTOM_RELATIONSHIP, customPath],
  ]);
  const contentTypes = withOverrides(metadata.contentTypes, [
    [labelInfoPath, LABELINFO_CONTENT_TYPE],
    [customPath, CUSTOM_CONTENT_TYPE],
  ]);
  const parts = new Map([
    [labelInfoPath, strToU8(labelInfoXml({ id, siteId, method }))],
    [customPath, strToU8(serializeXml(custom))],
    [PACKAGE_RELS_PATH, strToU8(serializeXml(relationships))],
    [CONTENT_TYPES_PATH, strToU8(serializeXml(contentTypes))],
  ]);
  try {
    return rewriteZip(bytes, parts, options.now ?? new Date());
  } catch (err) {
    if (err instanceof ZipLayoutError) throw new CannotProtectError(`cannot rewrite the package: ${err.message}`);
    throw err;
  }
}

/** The package's metadata and labels, or {@link CannotProtectError} for anything that is not a readable OOXML package. */
function openPackage(bytes: Uint8Array): { metadata: PackageMetadata; labels: readonly SensitivityLabel[] } {
  if (isCompoundFile(bytes)) throw new CannotProtectError('an encrypted or legacy binary Office file cannot be labelled');
  if (!isZip(bytes)) throw new CannotProtectError('not an Office (OOXML) package');
  try {
    const metadata = readPackageMetadata(bytes);
    if (!metadata) throw new CannotProtectError('a zip that is not an Office (OOXML) package');
    if (metadata.contentTypes.uri !== CONTENT_TYPES_NS || metadata.contentTypes.local !== 'Types') {
      throw new CannotProtectError(`${CONTENT_TYPES_PATH} is not a content types part`);
    }
    return { metadata, labels: labelsOfPackage(metadata) };
  } catch (err) {
    if (err instanceof UnreadableFileError) throw new CannotProtectError(`cannot read the package: ${err.message}`);
    throw err;
  }
}
