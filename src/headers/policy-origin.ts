import type { RewriteContext } from '../context.js';
import type { MappingError } from '../domain/index.js';
import { rewriteHostSource, type SourceRewrite } from './csp-source.js';

// `https://*.example.com`: a subdomain wildcard, which Chromium accepts in Permissions
// Policy allowlists (header and `allow` attribute alike).
const WILDCARD = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/\*\./;
const SPECIAL = new Set(['http:', 'https:', 'ws:', 'wss:']);

/**
 * One origin of a Permissions Policy or Feature Policy allowlist, as the browser reads
 * it (`url::Origin::Create(GURL(text))`): an absolute URL in URL position, so `url()`
 * decides, with its parser net. Keywords (`self`, `'src'`, `*`) and relative text give
 * null. A subdomain wildcard `scheme://*.host[:port]` is read by the URL parser after the
 * `*.` (so `*.example%2Ecom` is `*.example.com`) and rewritten as a CSP wildcard source
 * is: the proxied wildcard replaces it, or joins it when it also covers unprotected
 * hosts the page may still embed.
 */
export function rewritePolicyOrigin(ctx: RewriteContext, origin: string): SourceRewrite | null {
  const wildcard = WILDCARD.exec(origin);
  if (wildcard === null) {
    const rewritten = ctx.hosts.url(origin);
    return rewritten === origin ? null : { text: rewritten, keepOriginal: false };
  }
  const scheme = wildcard[1];
  let url: URL;
  try {
    url = new URL(`${scheme}://${origin.slice(wildcard[0].length)}`);
  } catch {
    return null;
  }
  if (!SPECIAL.has(url.protocol)) return null;
  const source = `${scheme}://*.${url.hostname}${url.port === '' ? '' : ':' + url.port}`;
  const onMappingError = (err: MappingError) => ctx.emit({ type: 'mapping-error', message: err.message, host: err.host });
  return rewriteHostSource(ctx.hosts.map, source, onMappingError);
}
