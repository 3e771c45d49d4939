import { mapRequestBody } from '../../pipeline/index.js';
import type { Rewriter } from '../../rewriter.js';
import { socketIoJsonStart } from './socket-io-prefix.js';

// A text message is read one of three ways, the same both directions:
// - JSON (`{…}`, `[…]`, `"…"`): the JSON rules over the whole message;
// - a Socket.IO/Engine.IO packet (`42/admin,17["chat",{…}]`, socket-io-prefix.ts): its
//   header byte-identical, the JSON rules over the JSON after it;
// - any other text (a STOMP frame, a chat line, `42 apples`): DESIGN rule 3 over the whole
//   message as one string's value: hosts in URLs (after `//`, escaped forms too) and the
//   message when it is exactly a host; a host in prose, an e-mail address, stays.
// Forward that is `hosts.code` (what the JSON rules run on each JSON string), back
// `hosts.reverseCode` (what the request-side JSON rules run), so a message of text gets
// what the same text as a JSON string would get.

/** The bytes JSON allows around a value (RFC 8259 §2). */
function isJsonSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;
}

/**
 * Whether a text message is JSON: a cheap look at the first byte that is not white space
 * (`{`, `[` or `"`: a chat line or a STOMP frame is not parsed at all), then a full parse.
 * Numbers, `true`, `false` and `null` carry no URL and are left out on purpose.
 */
export function isJsonText(data: Buffer): boolean {
  let i = 0;
  while (i < data.length && isJsonSpace(data[i])) i++;
  const first = data[i];
  if (first !== 0x7b && first !== 0x5b && first !== 0x22) return false;
  try {
    JSON.parse(data.toString('utf8'));
    return true;
  } catch {
    return false;
  }
}

/**
 * Where the JSON of a text message starts: 0 when it is JSON, the length of its header
 * when it is a Socket.IO/Engine.IO packet, -1 when it is other text. The header is ASCII,
 * so its length in bytes is its length in characters.
 */
export function jsonStartOf(data: Buffer): number {
  return isJsonText(data) ? 0 : socketIoJsonStart(data);
}

/** A text message from upstream as the browser gets it: protected URLs and hosts proxied. */
export function textToBrowser(rw: Rewriter, data: Buffer): Buffer | string {
  const from = jsonStartOf(data);
  const text = data.toString('utf8');
  if (from === -1) return rw.context.hosts.codeString(text);
  return from === 0 ? rw.rewriteJson(text) : text.slice(0, from) + rw.rewriteJson(text.slice(from));
}

/** A text message from the browser as upstream gets it: proxied URLs and hosts mapped back. */
export function textToUpstream(rw: Rewriter, data: Buffer): Uint8Array | string {
  const from = jsonStartOf(data);
  if (from === -1) return rw.context.hosts.reverseCode.rewrite(data.toString('utf8'));
  const json = mapRequestBody(rw.context, 'application/json', data.subarray(from));
  return from === 0 ? json : Buffer.concat([data.subarray(0, from), json]);
}
