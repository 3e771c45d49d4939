import { parseMimeType } from '../../pipeline/index.js';

/** The lower-case `type/subtype` of a MIME type string (parameters dropped); null for null or a value that does not parse. */
export function mimeEssence(mime: string | null | undefined): string | null {
  if (mime === null || mime === undefined) return null;
  return parseMimeType(mime)?.essence ?? null;
}
