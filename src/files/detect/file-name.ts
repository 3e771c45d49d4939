import { cleanFileName } from './file-name-cleanup.js';
import { dispositionFileName } from './disposition-file-name.js';
import { urlFileName } from './url-file-name.js';

/** Chrome's name for a download nothing else names (GenerateFileName's kFinalFallbackName). */
export const DEFAULT_FILE_NAME = 'download';

/**
 * The name of a downloaded (or uploaded) file: from `Content-Disposition` (see
 * `dispositionFileName`), else from the URL's last non-empty path segment, cleaned (see
 * `cleanFileName`); `download` when neither gives a name. Never empty, never a path.
 */
export function fileNameOf(contentDisposition: string | undefined, url: string): string {
  return firstFileName([contentDisposition === undefined ? null : dispositionFileName(contentDisposition), urlFileName(url)]);
}

/** The first candidate that is a name once cleaned; `download` when none is. */
export function firstFileName(candidates: readonly (string | null)[]): string {
  for (const candidate of candidates) {
    const name = candidate === null ? '' : cleanFileName(candidate);
    if (name !== '') return name;
  }
  return DEFAULT_FILE_NAME;
}

/** The extension of a file name: lower case, without the dot; '' when there is none (`README`, `.profile`). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || dot === name.length - 1) return '';
  const extension = name.slice(dot + 1);
  return /[/\\]/.test(extension) ? '' : extension.toLowerCase();
}
