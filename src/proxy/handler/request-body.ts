import type { IncomingMessage } from 'node:http';
import { PassThrough, Readable } from 'node:stream';

/**
 * The browser's request body as a stream the upstream side may destroy. undici, the
 * request-body mapper and the gate destroy the stream they were given when the exchange
 * fails; destroying an unfinished `IncomingMessage` destroys its socket, and the browser
 * would get no answer at all (no 502 page, no refused-upload message). This stream is fed
 * by `req` and destroying it leaves `req` alone; a browser that breaks off the upload
 * breaks this stream off with the same error. Null when the request has no body
 * (RFC 9112 §6.3: neither `Content-Length` above zero nor `Transfer-Encoding`).
 */
export function inboundBody(req: IncomingMessage): PassThrough | null {
  const length = req.headers['content-length'];
  const hasBody = req.headers['transfer-encoding'] !== undefined || (length !== undefined && length.trim() !== '0');
  if (!hasBody) return null;
  const body = new PassThrough();
  const brokenOff = (err?: Error) => body.destroy(err ?? new Error('the browser broke off the request body'));
  req.on('error', brokenOff);
  req.on('aborted', () => brokenOff());
  req.pipe(body);
  return body;
}

/** Lets the rest of a body the exchange no longer reads go by, so the answer given can reach the browser. */
export function drain(req: IncomingMessage, body: PassThrough | null): void {
  if (body !== null) req.unpipe(body);
  if (!req.complete) req.resume();
}

/** A body of no bytes, for a gate that wants a stream when the request has none. */
export function emptyBody(): Readable {
  return Readable.from([], { objectMode: false });
}
