import contentDisposition from 'content-disposition';

// C0 controls, DEL and C1 controls: never part of a name the user should see, and CR/LF in
// a header value would be a header injection (Node refuses to send it: a crash mid-response).
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
// A name in Content-Disposition is a base name (RFC 6266 §4.3); content-disposition would
// otherwise keep only the part after the last `/`.
const PATH_SEPARATOR = /[/\\]/g;
const NOT_PRINTABLE_ASCII = /[^\u0020-\u007e]/g;

/**
 * The file name as written into a notice or a header: well-formed Unicode (a lone
 * surrogate becomes U+FFFD, which encodeURIComponent would otherwise throw on), with
 * control characters replaced by `_`.
 */
export function displayFileName(name: string): string {
  return Buffer.from(name, 'utf8').toString('utf8').replace(CONTROL, '_');
}

/**
 * `Content-Disposition: attachment` for a file name (RFC 6266): `filename` always, in
 * printable ASCII, and `filename*=UTF-8''…` (RFC 8187) whenever the name is anything
 * else. Slashes become `_` (as browsers do when they save). The ASCII fallback is used
 * only by clients that ignore `filename*`; non-ASCII characters become `_` there (not
 * latin-1 bytes, which clients decode inconsistently, nor `?`, which Windows refuses).
 */
export function attachmentDisposition(name: string): string {
  const base = displayFileName(name).replace(PATH_SEPARATOR, '_') || 'download';
  return contentDisposition(base, { type: 'attachment', fallback: base.replace(NOT_PRINTABLE_ASCII, '_') });
}
