import { mimeEssence } from './mime-essence.js';

/**
 * The types file control governs: a response or request body of one of these types is a
 * file, whoever fetched it. One list, by family, so adding a type is one line.
 */
const OFFICE_OPEN_XML = [
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.template',
  'application/vnd.ms-word.document.macroenabled.12',
  'application/vnd.ms-word.template.macroenabled.12',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.template',
  'application/vnd.ms-excel.sheet.macroenabled.12',
  'application/vnd.ms-excel.template.macroenabled.12',
  'application/vnd.ms-excel.sheet.binary.macroenabled.12',
  'application/vnd.ms-excel.addin.macroenabled.12',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.openxmlformats-officedocument.presentationml.template',
  'application/vnd.openxmlformats-officedocument.presentationml.slideshow',
  'application/vnd.ms-powerpoint.presentation.macroenabled.12',
  'application/vnd.ms-powerpoint.template.macroenabled.12',
  'application/vnd.ms-powerpoint.slideshow.macroenabled.12',
  'application/vnd.ms-powerpoint.addin.macroenabled.12',
  'application/vnd.visio', // file-type's answer for .vsdx
  'application/vnd.ms-visio.drawing',
];

/** Legacy Office, Outlook `.msg` and encrypted OOXML: OLE compound files (file-type answers `application/x-cfb` for all). */
const OFFICE_LEGACY = ['application/msword', 'application/vnd.ms-excel', 'application/vnd.ms-powerpoint', 'application/x-cfb'];

const OPEN_DOCUMENT = [
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.text-template',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.spreadsheet-template',
  'application/vnd.oasis.opendocument.presentation',
  'application/vnd.oasis.opendocument.presentation-template',
  'application/vnd.oasis.opendocument.graphics',
  'application/vnd.oasis.opendocument.graphics-template',
];

const DOCUMENTS = ['application/pdf', 'application/rtf', 'text/rtf'];

const ARCHIVES = [
  'application/zip',
  'application/x-zip-compressed',
  'application/x-7z-compressed',
  'application/vnd.rar',
  'application/x-rar-compressed',
  'application/x-tar',
  'application/gzip',
  'application/x-gzip',
  'application/x-bzip2',
  'application/x-xz',
  'application/zstd',
];

/**
 * Zip containers file-type names by their first entries (`META-INF/MANIFEST.MF` makes a
 * jar, `mimetype` an epub): any zip can be made to read as one by putting such an entry
 * first, so they are governed like the zip they are, or an upload could slip a zip of
 * documents past as a "jar".
 */
const ZIP_CONTAINERS = [
  'application/java-archive',
  'application/vnd.android.package-archive',
  'application/x-xpinstall',
  'application/epub+zip',
  'model/3mf',
];

const MAIL = ['message/rfc822', 'application/vnd.ms-outlook'];

/**
 * Governed types no magic bytes reveal (file-type knows no signature for them): a body
 * is a file of one of these only by its declared type.
 */
const DECLARED_ONLY = ['text/csv', 'text/x-csv', 'text/comma-separated-values', 'application/csv', 'text/tab-separated-values', 'text/tsv', 'message/rfc822'];

const GOVERNED = new Set([...OFFICE_OPEN_XML, ...OFFICE_LEGACY, ...OPEN_DOCUMENT, ...DOCUMENTS, ...ARCHIVES, ...ZIP_CONTAINERS, ...MAIL, ...DECLARED_ONLY]);
const UNSNIFFABLE = new Set(DECLARED_ONLY);

/**
 * True for a type file control governs: Office (OOXML with macro-enabled and template
 * variants, legacy doc/xls/ppt, OLE compound files, Visio), OpenDocument, RTF, PDF,
 * archives (zip, 7z, rar, tar, gzip, bzip2, xz, zstd, and the zip containers file-type
 * names), e-mail (`message/rfc822`, Outlook), CSV and TSV. Takes a MIME type with or
 * without parameters; false for null.
 */
export function isGovernedType(mime: string | null): boolean {
  const essence = mimeEssence(mime);
  return essence !== null && GOVERNED.has(essence);
}

/** True for a governed type that cannot be sniffed (CSV, TSV, RFC 822 messages): only a declared type says it. */
export function isDeclaredOnlyGovernedType(mime: string | null): boolean {
  const essence = mimeEssence(mime);
  return essence !== null && UNSNIFFABLE.has(essence);
}
