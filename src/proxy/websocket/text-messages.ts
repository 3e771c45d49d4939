import { mapRequestBody } from '../../pipeline/index.js';
import type { Rewriter } from '../../rewriter.js';

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
 * A text message from upstream as the browser gets it: JSON through the JSON rules
 * (protected URLs and hosts become proxied), anything else unchanged.
 */
export function textToBrowser(rw: Rewriter, data: Buffer): Buffer | string {
  return isJsonText(data) ? rw.rewriteJson(data.toString('utf8')) : data;
}

/**
 * A text message from the browser as upstream gets it: JSON mapped back with the request
 * body's JSON rules (proxied URLs and hosts become upstream ones), anything else unchanged.
 */
export function textToUpstream(rw: Rewriter, data: Buffer): Uint8Array {
  return isJsonText(data) ? mapRequestBody(rw.context, 'application/json', data) : data;
}
