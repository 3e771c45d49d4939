import { dispositionFileName } from './disposition-file-name.js';
import { decodeHeaderBytes } from './header-bytes.js';
import { fieldValues, type HeaderFields } from './header-fields.js';
import { firstFileName } from './file-name.js';
import { urlFileName } from './url-file-name.js';

/**
 * The name of a raw uploaded body: `Content-Disposition` (some APIs send it with a
 * `PUT`), else `X-File-Name`, the header XHR uploaders (Fine Uploader, valums'
 * file-uploader, many hand-written ones) put the file's name in: percent-decoded when it
 * decodes (uploaders `encodeURIComponent` it), raw UTF-8 read as UTF-8; else the URL's
 * last segment; `download` as the last resort. `X-File-Name` is no standard, but common,
 * and it only names the file: the user chooses the name anyway, and the type that
 * decides is what the bytes say.
 */
export function uploadFileName(requestHeaders: HeaderFields, url: string): string {
  const disposition = fieldValues(requestHeaders, 'content-disposition')[0];
  const xFileName = fieldValues(requestHeaders, 'x-file-name')[0];
  return firstFileName([
    disposition === undefined ? null : dispositionFileName(disposition),
    xFileName === undefined ? null : readXFileName(xFileName),
    urlFileName(url),
  ]);
}

function readXFileName(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return decodeHeaderBytes(value);
  }
}
