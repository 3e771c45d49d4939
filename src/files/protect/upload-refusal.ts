import { displayFileName } from './attachment.js';
import { refusalFormat } from './refusal-format.js';

/** The message when the rule gives none. */
export const DEFAULT_UPLOAD_REFUSAL_MESSAGE = 'Your organization does not allow this file to be uploaded in this session.';

/** The proxy's own answer to a blocked upload (the request never reaches upstream). */
export interface UploadRefusal {
  readonly status: 403;
  /** Lower-case names: content-type, content-length, cache-control, x-content-type-options, vary, content-security-policy. */
  readonly headers: Record<string, string>;
  readonly body: Buffer;
}

/**
 * A `403` saying the upload was blocked and why, as JSON
 * (`{ "error": "upload-blocked", "message", "file" }`, `file` null when the name is
 * unknown) for a client that prefers JSON
 * (an app's script reads it) and as a small HTML page otherwise (a form posted by the
 * browser shows it). Never cached, never sniffed; `Vary: Accept`, since the body
 * depends on it; and a CSP that lets the page run and load nothing.
 */
export function uploadRefusal(input: { readonly accept: string | undefined; readonly fileName: string; readonly message: string | undefined }): UploadRefusal {
  const message = input.message === undefined || input.message.trim() === '' ? DEFAULT_UPLOAD_REFUSAL_MESSAGE : input.message;
  const file = displayFileName(input.fileName);
  const json = refusalFormat(input.accept) === 'json';
  const body = Buffer.from(json ? `${JSON.stringify({ error: 'upload-blocked', message, file: file === '' ? null : file })}\n` : refusalPage(message, file), 'utf8');
  return {
    status: 403,
    headers: {
      'content-type': json ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8',
      'content-length': String(body.length),
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      vary: 'Accept',
      'content-security-policy': "default-src 'none'",
    },
    body,
  };
}

function refusalPage(message: string, file: string): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>Upload blocked</title>',
    '</head>',
    '<body>',
    '<h1>Upload blocked</h1>',
    `<p>${escapeHtml(message)}</p>`,
    ...(file === '' ? [] : [`<p>File: <strong>${escapeHtml(file)}</strong></p>`]),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

const HTML_SPECIAL: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for an HTML text node or a quoted attribute value. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_SPECIAL[c] as string);
}
