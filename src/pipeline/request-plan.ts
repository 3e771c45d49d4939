import type { HeadersOutput } from '../headers/index.js';
import type { Rewriter } from '../rewriter.js';
import { narrowAcceptEncoding } from './codings/index.js';
import { headerValue, type HeaderLike } from './header-values.js';
import { removeHopByHop } from './hop-by-hop.js';

/**
 * Fetch destinations whose responses the pipeline rewrites (documents, scripts, styles,
 * workers, manifests, JSON modules): a byte range of such a response cannot be rewritten,
 * so their `Range` is dropped and upstream sends the whole body. Media, images, fonts and
 * script fetches (`empty`) keep their ranges: they are passed as they are.
 */
const REWRITTEN_DESTINATIONS = new Set([
  'document', 'iframe', 'frame', 'embed', 'object', 'script', 'style', 'worker', 'sharedworker', 'serviceworker',
  'manifest', 'json', 'xslt', 'audioworklet', 'paintworklet',
]);

/** The browser's host, without a port: the Host field, else the authority of an absolute-form target. */
export function requestHost(url: string | undefined, headers: HeaderLike): string | undefined {
  const host = headerValue(headers, 'host');
  if (host !== undefined) return host;
  if (url !== undefined && /^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    try {
      return new URL(url).host;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** The path and query of a request target in origin form, or of an absolute-form one. */
export function originFormTarget(url: string | undefined): string {
  if (url === undefined || url === '') return '/';
  if (url.startsWith('/')) return url;
  try {
    const parsed = new URL(url);
    return parsed.pathname + parsed.search;
  } catch {
    return '/';
  }
}

/**
 * Request headers for upstream: mapped back (`Host`, `Origin`, `Referer`), hop-by-hop
 * fields removed, `Accept-Encoding` narrowed to codings the pipeline can undo, `Range`
 * dropped for destinations whose responses are rewritten (or always, with `dropRange`),
 * and the `W/` the pipeline put on validators of rewritten bodies taken off `If-Match`
 * (it compares strongly, RFC 9110 §13.1.1, so a weakened tag would never match).
 */
export function upstreamRequestHeaders(rw: Rewriter, headers: HeaderLike, upstreamHost: string, dropRange = false): HeadersOutput {
  const out = removeHopByHop(rw.requestHeaders(headers), isUpgrade(headers));
  out['host'] = upstreamHost;
  const accept = narrowAcceptEncoding(out['accept-encoding']);
  if (accept === undefined) delete out['accept-encoding'];
  else out['accept-encoding'] = accept;
  const dest = headerValue(headers, 'sec-fetch-dest')?.trim().toLowerCase();
  if ((dropRange || (dest !== undefined && REWRITTEN_DESTINATIONS.has(dest))) && out['range'] !== undefined) {
    delete out['range'];
    delete out['if-range'];
    rw.context.emit({ type: 'pipeline-range-dropped', message: `Range dropped for a ${dest ?? 'rewritten'} request: its response is rewritten whole` });
  }
  const ifMatch = out['if-match'];
  if (typeof ifMatch === 'string') out['if-match'] = ifMatch.replace(/W\/"/g, '"');
  return out;
}

function isUpgrade(headers: HeaderLike): boolean {
  return headerValue(headers, 'upgrade') !== undefined && /(^|,)\s*upgrade\s*(,|$)/i.test(headerValue(headers, 'connection') ?? '');
}
