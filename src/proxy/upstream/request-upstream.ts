import type { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import type { HeadersOutput } from '../../headers/index.js';
import type { UpstreamHead, UpstreamRequest } from '../../pipeline/index.js';
import type { UpstreamResolver } from '../options.js';
import { resolveUpstream } from './resolve.js';
import type { UpstreamTimeouts } from './timeouts.js';

/** An upstream response: its head and its body, streaming. */
export interface UpstreamResponse {
  readonly head: UpstreamHead;
  readonly body: Readable;
}

/** How {@link requestUpstream} reaches upstream. */
export interface UpstreamRoute {
  readonly dispatcher: Dispatcher;
  readonly resolve: UpstreamResolver | undefined;
  readonly timeouts: UpstreamTimeouts;
}

// Fields undici refuses to be given (it frames and manages the connection itself), and
// `Expect`: Node's server has already answered `100-continue` to the browser.
const CONNECTION_FIELDS = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'expect']);

/**
 * Sends one planned request upstream through undici and resolves with the response
 * head, its body streaming. The connection goes to the resolved address when the
 * resolver names the host (the `Host` field and the TLS server name stay the upstream
 * host's); the request target is sent as the pipeline planned it, not normalised.
 * Rejects with undici's error (codes `UND_ERR_CONNECT_TIMEOUT`, `UND_ERR_HEADERS_TIMEOUT`,
 * `ECONNREFUSED`, …) or the body's own (a `GateRefusal` thrown into it).
 */
export async function requestUpstream(route: UpstreamRoute, target: UpstreamRequest, body: Readable | null, signal: AbortSignal): Promise<UpstreamResponse> {
  const { origin, path } = splitUrl(target.url);
  const scheme = origin.slice(0, origin.indexOf(':'));
  const address = resolveUpstream(route.resolve, target.host, scheme === 'https' ? 443 : 80);
  const data = await route.dispatcher.request({
    origin: address === undefined ? origin : `${scheme}://${urlHost(address.address)}:${address.port}`,
    path,
    method: target.method as Dispatcher.HttpMethod,
    headers: sendableHeaders(target.headers, target.host),
    body,
    signal,
    headersTimeout: route.timeouts.headers,
    bodyTimeout: route.timeouts.body,
    responseHeaders: 'raw',
  });
  // With `responseHeaders: 'raw'` undici gives the fields as Node's rawHeaders: [name, value, …].
  return { head: { status: data.statusCode, headers: data.headers as unknown as string[] }, body: data.body };
}

/** `scheme://authority` and the target after it, as they are (no URL normalisation of the path). */
function splitUrl(url: string): { origin: string; path: string } {
  const slash = url.indexOf('/', url.indexOf('://') + 3);
  return slash < 0 ? { origin: url, path: '/' } : { origin: url.slice(0, slash), path: url.slice(slash) };
}

function urlHost(address: string): string {
  return address.includes(':') ? `[${address}]` : address;
}

function sendableHeaders(headers: HeadersOutput, host: string): HeadersOutput {
  const out: HeadersOutput = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !CONNECTION_FIELDS.has(name.toLowerCase())) out[name] = value;
  }
  // The upstream host names itself in Host (and so in TLS SNI), wherever the connection goes.
  if (!Object.keys(out).some((name) => name.toLowerCase() === 'host')) out['host'] = host;
  return out;
}
