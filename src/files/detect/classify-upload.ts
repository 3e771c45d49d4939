import { extractMimeType } from '../../pipeline/index.js';
import { isDeclaredOnlyGovernedType, isGovernedType } from './governed-types.js';
import { fieldValues, type HeaderFields } from './header-fields.js';
import type { SniffedType } from './sniff.js';

/** Why a raw request body is a file. */
export type UploadReason = 'sniffed' | 'declared';

export interface UploadClassification {
  readonly isFile: boolean;
  readonly why: UploadReason | null;
}

/**
 * Is a raw request body (not `multipart/form-data`: its file parts are files by their
 * headers) a file? Yes when its bytes are a governed type (`sniffed`), or say nothing and
 * its declared type is a governed type without magic bytes (`declared`: a CSV `PUT`).
 * Whatever the method: `PUT`, `POST`, `PATCH` and any other that carries a body (WebDAV
 * clients upload with `PUT`, some APIs with custom methods); the caller asks only for a
 * body there is.
 */
export function classifyUploadBody(requestHeaders: HeaderFields, sniffed: SniffedType | null): UploadClassification {
  if (sniffed !== null && isGovernedType(sniffed.mime)) return { isFile: true, why: 'sniffed' };
  const declared = extractMimeType(fieldValues(requestHeaders, 'content-type'))?.essence ?? null;
  if (sniffed === null && isDeclaredOnlyGovernedType(declared)) return { isFile: true, why: 'declared' };
  return { isFile: false, why: null };
}
