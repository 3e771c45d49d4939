import type { RewriteContext } from '../context.js';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x20\x7f]/;
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\x00-\x20\x7f]/g;

/**
 * The request target (`/path?return=https%3A%2F%2Fapp.example.com.proxy.test%2F`, or an
 * absolute-form URL) with every proxied URL in it mapped back to upstream, in the
 * encoding it was written in. Controls and spaces, which no valid target holds and which
 * could split a request line, come back percent-encoded. Never throws.
 */
export function rewriteRequestTarget(ctx: RewriteContext, target: string): string {
  if (typeof target !== 'string') return '/';
  const safe = CONTROL.test(target) ? target.replace(CONTROLS, percentEncode) : target;
  return ctx.hosts.upstreamUrl(safe);
}

function percentEncode(c: string): string {
  return '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0');
}
