import { unzipSync } from 'fflate';
import { UnreadableFileError } from '../file-facts.js';
import { attribute, childElements, parseXml, type XmlElement } from './xml-tree.js';

/**
 * The metadata parts of an Office Open XML package (an OPC zip, ECMA-376 part 2): its
 * content types, its package relationships, and the two parts sensitivity labels live in.
 * Only these small parts are inflated; the document itself is never unpacked.
 */

export const CONTENT_TYPES_PATH = '[Content_Types].xml';
export const PACKAGE_RELS_PATH = '_rels/.rels';
export const LABELINFO_DEFAULT_PATH = 'docMetadata/LabelInfo.xml';
export const CUSTOM_DEFAULT_PATH = 'docProps/custom.xml';

export const RELATIONSHIPS_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
export const CONTENT_TYPES_NS = 'http://schemas.openxmlformats.org/package/2006/content-types';
export const LABELINFO_RELATIONSHIP = 'http://schemas.microsoft.com/office/2020/02/relationships/classificationlabels';
export const LABELINFO_CONTENT_TYPE = 'application/vnd.ms-office.classificationlabels+xml';
export const CUSTOM_RELATIONSHIP = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties';
export const CUSTOM_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.custom-properties+xml';

/** A metadata part that is larger than this is not metadata Office wrote: the file is refused as corrupt. */
const MAX_METADATA_PART_BYTES = 8 * 1024 * 1024;

/** A part found in the package, by the zip entry name it has there. */
export interface PackagePart {
  /** The zip entry name (a part name without its leading `/`). */
  readonly path: string;
  readonly xml: XmlElement;
  /** True when the package relationship of the part's type points at it. */
  readonly related: boolean;
}

export interface PackageMetadata {
  readonly contentTypes: XmlElement;
  /** `/_rels/.rels`, or null when the package has none. */
  readonly relationships: XmlElement | null;
  readonly labelInfo: PackagePart | null;
  readonly customProperties: PackagePart | null;
}

/** A zip starts with a local file header, or is empty (only the end of central directory). */
export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6));
}

/**
 * Reads the metadata of an OOXML package. Null for a zip that is not one (no
 * `[Content_Types].xml`: an archive, an OpenDocument file). Throws
 * {@link UnreadableFileError} `corrupt` for a broken zip or a broken metadata part.
 */
export function readPackageMetadata(bytes: Uint8Array): PackageMetadata | null {
  const names: string[] = [];
  const first = inflateParts(bytes, [CONTENT_TYPES_PATH, PACKAGE_RELS_PATH, LABELINFO_DEFAULT_PATH, CUSTOM_DEFAULT_PATH], names);
  const contentTypesBytes = first.get(CONTENT_TYPES_PATH.toLowerCase());
  if (!contentTypesBytes) return null;
  const contentTypes = parsePart(contentTypesBytes, CONTENT_TYPES_PATH);
  const relsBytes = first.get(PACKAGE_RELS_PATH.toLowerCase());
  const relationships = relsBytes ? parsePart(relsBytes, PACKAGE_RELS_PATH) : null;

  const find = (type: string, fallback: string): PackagePart | null => {
    const target = relationships ? relationshipTarget(relationships, type) : null;
    const path = target ?? fallback;
    let partBytes = first.get(path.toLowerCase());
    if (!partBytes && target) partBytes = inflateParts(bytes, [target], []).get(target.toLowerCase());
    if (!partBytes) return null;
    const entryName = names.find((n) => n.toLowerCase() === path.toLowerCase()) ?? path;
    return { path: entryName, xml: parsePart(partBytes, path), related: target !== null };
  };
  return {
    contentTypes,
    relationships,
    labelInfo: find(LABELINFO_RELATIONSHIP, LABELINFO_DEFAULT_PATH),
    customProperties: find(CUSTOM_RELATIONSHIP, CUSTOM_DEFAULT_PATH),
  };
}

/** Inflates the entries with these names (OPC part names are case-insensitive); `names` gets every entry name. */
function inflateParts(bytes: Uint8Array, wanted: readonly string[], names: string[]): Map<string, Uint8Array> {
  const lower = new Set(wanted.map((w) => w.toLowerCase()));
  let tooLarge: string | null = null;
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, {
      filter: (file) => {
        names.push(file.name);
        if (!lower.has(file.name.toLowerCase())) return false;
        if (file.originalSize > MAX_METADATA_PART_BYTES) {
          tooLarge = file.name;
          return false;
        }
        return true;
      },
    });
  } catch (err) {
    throw new UnreadableFileError('corrupt', `not a readable zip: ${(err as Error).message}`);
  }
  if (tooLarge !== null) throw new UnreadableFileError('corrupt', `${tooLarge} is larger than any metadata part Office writes`);
  return new Map(Object.entries(entries).map(([name, data]) => [name.toLowerCase(), data]));
}

function parsePart(bytes: Uint8Array, path: string): XmlElement {
  try {
    return parseXml(bytes);
  } catch (err) {
    throw new UnreadableFileError('corrupt', `${path} is not well-formed XML: ${(err as Error).message}`);
  }
}

/** The package relationships (`Relationship` elements) of a relationships part. */
export function relationshipElements(relationships: XmlElement): XmlElement[] {
  return childElements(relationships, RELATIONSHIPS_NS, 'Relationship');
}

/** The part a package relationship of this type points at (internal targets only), as a zip entry name. */
export function relationshipTarget(relationships: XmlElement, type: string): string | null {
  for (const rel of relationshipElements(relationships)) {
    if (attribute(rel, 'Type') !== type || attribute(rel, 'TargetMode') === 'External') continue;
    const target = attribute(rel, 'Target');
    if (target) return resolvePackageTarget(target);
  }
  return null;
}

/** A target of `/_rels/.rels` is relative to the package root (RFC 3986 resolution against `/`). */
function resolvePackageTarget(target: string): string {
  const segments: string[] = [];
  for (const raw of target.split('/')) {
    let segment = raw;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      // A malformed escape stays as written; the part will simply not be found.
    }
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return segments.join('/');
}
