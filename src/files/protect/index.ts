/**
 * `src/files/protect`: what the user receives instead of the file. The OpenPGP protector
 * (encrypts a download, streaming, to the recipients' public keys), the text file that
 * replaces a blocked download, the `403` that answers a blocked upload (HTML or JSON by
 * the request's Accept), and the response head of a replaced download.
 */
export { openpgpProtector, OPENPGP_CONTENT_TYPE, type OpenPgpProtectorOptions } from './openpgp-protector.js';
export { OpenPgpKeyError } from './openpgp-key-error.js';
export { blockedDownload, DEFAULT_BLOCKED_DOWNLOAD_MESSAGE, type BlockedDownload } from './blocked-download.js';
export { uploadRefusal, DEFAULT_UPLOAD_REFUSAL_MESSAGE, type UploadRefusal } from './upload-refusal.js';
export { refusalFormat } from './refusal-format.js';
export { replacementHead, type HeaderMap, type Replacement } from './replacement-head.js';
export { attachmentDisposition, displayFileName } from './attachment.js';
