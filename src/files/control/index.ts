/**
 * `src/files/control`: file control wired together: downloads and uploads detected,
 * classified within their time and limits, and the decision carried out (the bytes, the
 * blocked notice, the protected file, the refused upload) with an audit event.
 */
export { createFileControl, type FileControl, type StandaloneFile } from './file-control.js';
export type { FileAuditSink, FileControlOptions } from './options.js';
export type { Delivery, FileOutcome } from './decide-file.js';
export type { DownloadResponse } from './download.js';
export type { UploadRequest, UploadVerdict } from './upload.js';
