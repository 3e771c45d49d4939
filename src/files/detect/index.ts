/**
 * Download and upload detection: is a response (or a request body) a file, what is it
 * called, what do its bytes say it is, which part of it does a `206` carry.
 */
export { fileNameOf, extensionOf, DEFAULT_FILE_NAME } from './file-name.js';
export { uploadFileName } from './upload-file-name.js';
export { isAttachment, dispositionTypeOf } from './disposition-type.js';
export { parseContentRange, type ContentRange } from './content-range.js';
export { sniffFileType, SNIFF_BYTES, type SniffedType } from './sniff.js';
export { isGovernedType, isDeclaredOnlyGovernedType } from './governed-types.js';
export { isRenderedType } from './rendered-types.js';
export { isDownloadRequest, isNavigationRequest } from './request-kind.js';
export { classifyDownload, type DownloadClassification, type DownloadInput, type DownloadReason } from './classify-download.js';
export { classifyUploadBody, type UploadClassification, type UploadReason } from './classify-upload.js';
export type { HeaderFields } from './header-fields.js';
