import type { HeadersOutput } from '../../headers/index.js';

/**
 * How a mapped request body goes upstream:
 * - `length`: the whole body is known; send `Content-Length: length`;
 * - `chunked`: the body streams; send no `Content-Length` (Node's `http.request` and
 *   `fetch` then use chunked transfer coding, HTTP/2 and 3 need none);
 * - `unchanged`: the body passes as it came; keep the browser's framing.
 */
export type RequestBodyFraming =
  | { readonly type: 'length'; readonly length: number }
  | { readonly type: 'chunked' }
  | { readonly type: 'unchanged' };

/**
 * A copy of `headers` with the framing fields set for `framing`: `Content-Length` (any
 * spelling) replaced or removed, and `Transfer-Encoding` removed whenever the body was
 * mapped (it is hop-by-hop, and the client that sends the body chooses its own).
 */
export function withBodyFraming(headers: HeadersOutput, framing: RequestBodyFraming): HeadersOutput {
  const out: HeadersOutput = {};
  for (const name of Object.keys(headers)) {
    const lower = name.toLowerCase();
    if (framing.type !== 'unchanged' && (lower === 'content-length' || lower === 'transfer-encoding')) continue;
    Object.defineProperty(out, name, { value: headers[name], enumerable: true, writable: true, configurable: true });
  }
  if (framing.type === 'length') out['content-length'] = String(framing.length);
  return out;
}
