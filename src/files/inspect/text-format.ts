import type { FileFacts } from '../file-facts.js';
import { isOle, isPdf, isZip, looksBinary } from './magic-bytes.js';

/**
 * How the text of a file is read:
 * - `text`: plain text, CSV, TSV, source code, decoded by BOM, else UTF-8, else windows-1252;
 * - `json`: keys, string values and numbers, escapes decoded;
 * - `html`: text, comments and attribute values, character references decoded;
 * - `xml`: text, CDATA, comments and attribute values, entities decoded;
 * - `pdf`: the text of each page;
 * - `zip`: an OOXML document's text parts, or each entry of an archive by its own format;
 * - `ole`: a compound file: an encrypted OOXML document, or a legacy Office file (no text read);
 * - `binary`: images, audio, video and anything else: nothing to inspect.
 */
export type TextFormat = 'text' | 'json' | 'html' | 'xml' | 'pdf' | 'zip' | 'ole' | 'binary';

export type FormatClues = Pick<FileFacts, 'name' | 'extension' | 'declaredType' | 'sniffedType'>;

/**
 * The format of a file for inspection. The bytes decide first: the PDF, zip and
 * compound-file signatures (a PDF named `.txt` is a PDF), then the sniffed type (read
 * from the bytes by the caller; a sniffed type that names no readable format means a
 * binary file), then the declared type, then the extension. When neither names a
 * readable format (`application/octet-stream`, `image/png` on a text file, no
 * extension), MIME Sniffing's text-or-binary rule on the first bytes decides, so a text
 * file renamed `.png` is still inspected.
 */
export function textFormatOf(file: FormatClues, bytes: Uint8Array): TextFormat {
  if (isPdf(bytes)) return 'pdf';
  if (isZip(bytes)) return 'zip';
  if (isOle(bytes)) return 'ole';
  if (file.sniffedType !== null) return formatOfType(file.sniffedType) ?? 'binary';
  const declared = file.declaredType === null ? null : formatOfType(file.declaredType);
  if (declared !== null) return declared;
  const named = EXTENSIONS.get(file.extension.toLowerCase());
  if (named !== undefined) return named;
  return looksBinary(bytes) ? 'binary' : 'text';
}

/** True when the name or declared type says OOXML (a compound file that says so is an encrypted OOXML document). */
export function claimsOoxml(file: FormatClues): boolean {
  const type = file.declaredType?.toLowerCase() ?? '';
  return OOXML_EXTENSIONS.has(file.extension.toLowerCase()) || type.startsWith('application/vnd.openxmlformats-officedocument.') || /^application\/vnd\.ms-[a-z]+\.[a-z.]+macroenabled\.12$/.test(type);
}

/** The format a MIME type essence names, or null when it names none that is read. */
export function formatOfType(type: string): TextFormat | null {
  const t = type.trim().toLowerCase();
  const exact = TYPES.get(t);
  if (exact !== undefined) return exact;
  if (t.endsWith('+json')) return 'json';
  if (t.endsWith('+xml')) return 'xml';
  if (t.endsWith('+zip') || t.startsWith('application/vnd.openxmlformats-officedocument.') || t.startsWith('application/vnd.oasis.opendocument.')) return 'zip';
  if (/^application\/vnd\.ms-[a-z]+\.[a-z.]+macroenabled\.12$/.test(t)) return 'zip';
  if (t.startsWith('text/')) return 'text';
  return null;
}

const TYPES = new Map<string, TextFormat>([
  ['application/pdf', 'pdf'],
  ['application/zip', 'zip'],
  ['application/x-zip-compressed', 'zip'],
  ['application/epub+zip', 'zip'],
  ['application/java-archive', 'zip'],
  ['application/x-cfb', 'ole'],
  ['application/msword', 'ole'],
  ['application/vnd.ms-excel', 'ole'],
  ['application/vnd.ms-powerpoint', 'ole'],
  ['application/vnd.ms-outlook', 'ole'],
  ['application/json', 'json'],
  ['text/json', 'json'],
  ['text/html', 'html'],
  ['application/xml', 'xml'],
  ['text/xml', 'xml'],
  ['application/javascript', 'text'],
  ['application/x-javascript', 'text'],
  ['application/ecmascript', 'text'],
  ['application/rtf', 'text'],
  ['application/sql', 'text'],
  ['application/yaml', 'text'],
  ['application/x-yaml', 'text'],
  ['application/toml', 'text'],
  ['application/x-sh', 'text'],
  ['application/x-httpd-php', 'text'],
  ['application/x-ndjson', 'text'],
]);

const OOXML_EXTENSIONS = new Set(['docx', 'docm', 'dotx', 'dotm', 'xlsx', 'xlsm', 'xltx', 'xltm', 'pptx', 'pptm', 'potx', 'potm', 'ppsx', 'ppsm']);

const byExtension = (format: TextFormat, list: string): [string, TextFormat][] => list.split(' ').map((e) => [e, format]);

const EXTENSIONS = new Map<string, TextFormat>([
  ...byExtension('pdf', 'pdf'),
  ...byExtension('zip', [...OOXML_EXTENSIONS, 'zip odt ods odp epub jar'].join(' ')),
  ...byExtension('ole', 'doc dot xls xlt ppt pps pot msg'),
  ...byExtension('json', 'json geojson jsonld webmanifest har'),
  ...byExtension('html', 'html htm shtml'),
  ...byExtension('xml', 'xml xsd xsl xslt svg rss atom xhtml rdf kml gpx wsdl xaml plist'),
  ...byExtension(
    'text',
    'txt text csv tsv tab log md markdown rst ini cfg conf yaml yml toml properties env sql rtf tex vcf ics eml jsonl ndjson ' +
      'js mjs cjs ts tsx jsx css py rb php java kt c h cc cpp hpp cs go rs swift sh bash ps1 bat',
  ),
]);
