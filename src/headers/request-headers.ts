import type { RewriteContext } from '../context.js';
import { mapHeaders, type HeaderRule, type HeadersInput, type HeadersOutput } from './header-object.js';
import { rewriteHostHeader } from './host-header.js';

/** The rules of each context, built once: a request head is rewritten per request. */
const rulesByContext = new WeakMap<RewriteContext, (name: string) => HeaderRule | undefined>();

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
  return mapHeaders(ctx, headers, requestHeaderRule(ctx));
}

/** The rule of each request header name for `ctx` (exported for the test that checks `mapHeaders` against a reference). */
export function requestHeaderRule(ctx: RewriteContext): (name: string) => HeaderRule | undefined {
  let ruleFor = rulesByContext.get(ctx);
  if (!ruleFor) {
    const back: HeaderRule = { rewrite: (v) => ctx.hosts.upstreamUrl(v) };
    const host: HeaderRule = { rewrite: (v) => rewriteHostHeader(ctx.hosts.map, v) };
    ruleFor = (name) => (name === 'host' ? host : name === 'origin' || name === 'referer' ? back : undefined);
    rulesByContext.set(ctx, ruleFor);
  }
  return ruleFor;
}
