import { attachmentDisposition, displayFileName } from './attachment.js';

/** The message when the rule gives none. */
export const DEFAULT_BLOCKED_DOWNLOAD_MESSAGE = 'Your organization does not allow this file to be downloaded in this session.';

/** What the user receives instead of a blocked download. */
export interface BlockedDownload {
  /** `<original name>.blocked.txt` (the name as the upstream gave it; the header and the notice carry it made safe). */
  readonly name: string;
  readonly contentType: 'text/plain; charset=utf-8';
  /** `attachment`, with `filename*` for a non-ASCII name. */
  readonly contentDisposition: string;
  /** The notice, UTF-8 with LF line ends. */
  readonly body: Buffer;
}

/**
 * The text file that replaces a blocked download: the first line says "Download
 * restricted", the second names the file, the third holds the rule's message (or the
 * default). A download, never rendered: it is an attachment, so the browser saves it
 * where the user expected the file and the user finds out why.
 */
export function blockedDownload(file: { readonly name: string }, message: string | undefined): BlockedDownload {
  const name = `${file.name}.blocked.txt`;
  // The message is the policy author's; its own line breaks stay, all as LF.
  const text = message === undefined || message.trim() === '' ? DEFAULT_BLOCKED_DOWNLOAD_MESSAGE : message.replace(/\r\n?/g, '\n');
  const lines = ['Download restricted', displayFileName(file.name), text];
  return {
    name,
    contentType: 'text/plain; charset=utf-8',
    contentDisposition: attachmentDisposition(name),
    body: Buffer.from(`${lines.join('\n')}\n`, 'utf8'),
  };
}
