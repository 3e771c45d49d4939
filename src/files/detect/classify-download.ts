import { extractMimeType } from '../../pipeline/index.js';
import { isAttachment } from './disposition-type.js';
import { isDeclaredOnlyGovernedType, isGovernedType } from './governed-types.js';
import { fieldValues, tokenField, type HeaderFields } from './header-fields.js';
import { navigatedType } from './navigated-type.js';
import { isRenderedType } from './rendered-types.js';
import { isDownloadRequest, isNavigationRequest } from './request-kind.js';
import type { SniffedType } from './sniff.js';

/** Why a response is a file. */
export type DownloadReason =
  | 'attachment' // Content-Disposition: attachment (or an unknown disposition type)
  | 'download-request' // the browser asked to save it (`<a download>`)
  | 'navigation' // a navigation to a type the browser does not display
  | 'sniffed' // its bytes are a governed type, whoever fetched it
  | 'declared'; // declared a governed type that has no magic bytes (CSV, TSV, message/rfc822)

export interface DownloadInput {
  readonly status: number;
  /** The browser's request headers, lower-case names. */
  readonly requestHeaders: HeaderFields;
  /** The upstream response headers, lower-case names. */
  readonly responseHeaders: HeaderFields;
  /** The response's URL (for the record: the name comes from `fileNameOf`). */
  readonly url?: string;
  /** The caller knows the request is a navigation (a browser without Fetch Metadata). */
  readonly navigation?: boolean;
  /** What the first bytes are (`sniffFileType`), null when they say nothing. */
  readonly sniffed: SniffedType | null;
  /** The first bytes hold a binary data byte (MIME Sniffing §3); used only for a navigation without a usable type. Default false. */
  readonly binary?: boolean;
}

export interface DownloadClassification {
  readonly isFile: boolean;
  readonly why: DownloadReason | null;
}

/**
 * Statuses whose body Chromium saves as a download: download::HandleSuccessfulServerResponse
 * (components/download) lets 200, 201, 202, 203 and 206 through and interrupts every
 * other status (404 "SERVER_BAD_CONTENT", 403, 401, 5xx "SERVER_FAILED", 204 and 205 have
 * no body), so an error page with `Content-Disposition: attachment` is not a file.
 */
const SAVED_STATUSES = new Set([200, 201, 202, 203, 206]);

/** A script reads the body of any status that has one (a 404 can carry a PDF); none for 1xx, 204, 205, 304. */
function hasBody(status: number): boolean {
  return status >= 200 && status !== 204 && status !== 205 && status !== 304;
}

/**
 * Is this response a file the user receives? In order:
 * 1. `attachment`: `Content-Disposition` is `attachment` (or an unknown type, RFC 6266
 *    §4.2), on any line of the field;
 * 2. `download-request`: the request is a `<a download>` fetch;
 * 3. `navigation`: a navigation (`Sec-Fetch-Dest`/`Sec-Fetch-Mode`, or `navigation`) to a
 *    type the browser does not display (see `isRenderedType`; with no type, the sniffed
 *    one);
 * 4. `sniffed`: the bytes are a governed type (see `isGovernedType`), even for a script's
 *    fetch (`Sec-Fetch-Dest: empty`): apps download through XHR and blob URLs;
 * 5. `declared`: the bytes say nothing and the declared type is a governed type that has
 *    no magic bytes (CSV exported through fetch).
 * 1-3 only for statuses the browser saves (200, 201, 202, 203, 206); 4-5 for any status
 * with a body. A HEAD response carries no body: the caller does not ask.
 */
export function classifyDownload(input: DownloadInput): DownloadClassification {
  const { status, requestHeaders, responseHeaders, sniffed } = input;
  if (SAVED_STATUSES.has(status)) {
    if (fieldValues(responseHeaders, 'content-disposition').some((v) => isAttachment(v))) return file('attachment');
    if (isDownloadRequest(requestHeaders)) return file('download-request');
    if (input.navigation === true || isNavigationRequest(requestHeaders)) {
      const declared = extractMimeType(fieldValues(responseHeaders, 'content-type'))?.essence ?? null;
      const nosniff = tokenField(responseHeaders, 'x-content-type-options') === 'nosniff';
      if (!isRenderedType(navigatedType(declared, sniffed, input.binary === true, nosniff))) return file('navigation');
    }
  }
  if (hasBody(status)) {
    if (sniffed !== null && isGovernedType(sniffed.mime)) return file('sniffed');
    const declared = extractMimeType(fieldValues(responseHeaders, 'content-type'))?.essence ?? null;
    if (sniffed === null && isDeclaredOnlyGovernedType(declared)) return file('declared');
  }
  return { isFile: false, why: null };
}

function file(why: DownloadReason): DownloadClassification {
  return { isFile: true, why };
}
