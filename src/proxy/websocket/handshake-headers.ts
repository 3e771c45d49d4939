import type { HeadersInput, HeadersOutput } from '../../headers/index.js';
import type { Rewriter } from '../../rewriter.js';

// Fields of one connection (RFC 9110 §7.6.1) and of the body framing: never forwarded.
const CONNECTION_FIELDS = new Set(['connection', 'keep-alive', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'content-length']);

/**
 * Whether a handshake field is the WebSocket client's or server's own business on each
 * hop: `Sec-WebSocket-Key`/`-Accept`/`-Version`/`-Extensions` belong to one connection
 * (the `ws` library writes them on each side), `Sec-WebSocket-Protocol` is negotiated
 * separately, `Host` comes from the upstream URL, `Proxy-*` is meant for this proxy.
 */
function isHopField(name: string, listed: ReadonlySet<string>): boolean {
  return CONNECTION_FIELDS.has(name) || listed.has(name) || name === 'host' || name.startsWith('sec-websocket-') || name.startsWith('proxy-');
}

/** The names a `Connection` field lists (they are connection-specific too). */
function connectionListed(headers: HeadersOutput): Set<string> {
  const listed = new Set<string>();
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() !== 'connection') continue;
    for (const one of Array.isArray(value) ? value : [value]) {
      for (const token of one.split(',')) listed.add(token.trim().toLowerCase());
    }
  }
  return listed;
}

/** `headers` without the fields of one hop (see {@link isHopField}); names lower-cased. */
function endToEnd(headers: HeadersOutput): HeadersOutput {
  const listed = connectionListed(headers);
  const out: HeadersOutput = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (!isHopField(lower, listed)) Object.defineProperty(out, lower, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/**
 * The browser's handshake fields as upstream gets them: the request header rules
 * (`Origin` and `Referer` mapped back; `Cookie`, `Authorization`, `User-Agent`, …
 * unchanged) without the fields of one hop. A field sent several times is joined, as
 * RFC 9110 §5.3 allows (`Cookie` with `; `, RFC 6265 §5.4).
 */
export function upstreamHandshakeHeaders(rw: Rewriter, browserHeaders: HeadersInput): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(endToEnd(rw.requestHeaders(browserHeaders)))) {
    const joined = Array.isArray(value) ? value.join(name === 'cookie' ? '; ' : ', ') : value;
    Object.defineProperty(out, name, { value: joined, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/**
 * Upstream's answer fields as the browser gets them, with the response header rules
 * (`Set-Cookie` rewritten or dropped, `Location`, CSP, …), without the fields of one hop
 * or of the body (the proxy writes its own framing). Byte strings, as Node reads them.
 */
export function browserAnswerHeaders(rw: Rewriter, upstreamRawHeaders: readonly string[]): HeadersOutput {
  const out = endToEnd(rw.responseHeaders(upstreamRawHeaders as string[]));
  // The proxy answers with a body of its own (or none): upstream's body fields do not hold.
  for (const name of ['content-type', 'content-encoding', 'content-range']) delete out[name];
  return out;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Fields for the browser's 101 as lines `Name: value`. The `ws` server writes its 101
 * as UTF-8 text, so a byte-string value is decoded first; a value that is not UTF-8
 * cannot be written unchanged and is left out (`dropped` gets its name).
 */
export function switchingProtocolLines(headers: HeadersOutput, dropped: (name: string) => void): string[] {
  const lines: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    for (const one of Array.isArray(value) ? value : [value]) {
      const text = fromByteString(one);
      if (text === null) dropped(name);
      else lines.push(`${name}: ${text}`);
    }
  }
  return lines;
}

function fromByteString(value: string): string | null {
  // Only bytes below 0x80: the same text in every reading.
  if (!/[^\x00-\x7f]/.test(value)) return value;
  try {
    return utf8.decode(Buffer.from(value, 'latin1'));
  } catch {
    return null;
  }
}
