import type { RewriteContext } from '../context.js';
import { mapHeaders, type HeaderRule, type HeadersInput, type HeadersOutput } from './header-object.js';
import { rewriteHostHeader } from './host-header.js';

/**
 * Rewrites request headers for the upstream (DESIGN section 5, request side): `Host`
 * becomes the upstream host without the proxy's port (left as it came when it does not
 * map back: the caller must refuse such a request), `Origin` and `Referer` are mapped
 * back to upstream URLs. `Cookie` and everything else pass unchanged.
 *
 * Same safety as {@link rewriteResponseHeaders}: a new object, invalid names and values
 * with control characters dropped (`header-dropped` events), the same three input
 * shapes, a `TypeError` only for a wrong shape.
 */
export function rewriteRequestHeaders(ctx: RewriteContext, headers: HeadersInput): HeadersOutput {
  const back: HeaderRule = { rewrite: (v) => ctx.hosts.upstreamUrl(v) };
  const host: HeaderRule = { rewrite: (v) => rewriteHostHeader(ctx.hosts.map, v) };
  return mapHeaders(ctx, headers, (name) => (name === 'host' ? host : name === 'origin' || name === 'referer' ? back : undefined));
}
