import type { RewriteContext } from '../context.js';
import { rewriteSetCookie } from '../cookies/index.js';
import { rewriteCsp } from './csp.js';
import { mapHeaders, type HeaderRule, type HeadersInput, type HeadersOutput } from './header-object.js';
import { rewriteLink } from './link.js';
import { rewriteRefresh } from './refresh.js';
import { rewriteJsonStrings, rewriteQuotedUrls } from './structured-strings.js';

/** Options of {@link rewriteResponseHeaders}. */
export interface ResponseHeaderOptions {
  /** The body was rewritten, so `Content-Length` no longer holds and is dropped. */
  readonly bodyChanged?: boolean;
}

const DROP: HeaderRule = { drop: true };

/** The rule table of each context, built once: a response head is rewritten per request. */
const rulesByContext = new WeakMap<RewriteContext, Map<string, HeaderRule>>();

function responseRules(ctx: RewriteContext): Map<string, HeaderRule> {
  const url: HeaderRule = { rewrite: (v) => ctx.hosts.url(v) };
  const csp: HeaderRule = { rewrite: (v) => rewriteCsp(ctx, v) };
  return new Map<string, HeaderRule>([
    ['location', url],
    ['content-location', url],
    // One origin, `*` or `null`; url() touches only what follows `//`.
    ['access-control-allow-origin', url],
    // A list of origins: each one stands after `//`, so url() on the whole list proxies each.
    ['timing-allow-origin', url],
    ['refresh', { rewrite: (v) => rewriteRefresh(ctx, v) }],
    ['link', { rewrite: (v) => rewriteLink(ctx, v) }],
    ['content-security-policy', csp],
    ['content-security-policy-report-only', csp],
    ['report-to', { rewrite: (v) => rewriteJsonStrings(ctx, v) }],
    ['reporting-endpoints', { rewrite: (v) => rewriteQuotedUrls(ctx, v) }],
    ['set-cookie', { rewrite: (v) => rewriteSetCookie(ctx, v), splitLines: true }],
    // Alternative services would point the browser at the upstream's own endpoints.
    ['alt-svc', DROP],
  ]);
}

/**
 * Rewrites response headers for the proxied origin (DESIGN section 5): `Location`,
 * `Content-Location`, `Refresh`, `Link`, `Content-Security-Policy` (+ `-Report-Only`),
 * `Access-Control-Allow-Origin`, `Timing-Allow-Origin`, `Report-To`,
 * `Reporting-Endpoints`, `Set-Cookie` (refused cookies dropped, values kept separate;
 * a value with line breaks, as HAR captures join repeated cookies, is split into
 * several). `Alt-Svc` is dropped, and `Content-Length` when `bodyChanged`. Everything
 * else passes unchanged.
 *
 * Takes a plain object (Node's `IncomingHttpHeaders`), a fetch `Headers` or Node's
 * `rawHeaders` array. Returns a new object (input never mutated), plain-object keys as
 * given, lower-case otherwise. Header names that are not tokens and values holding CR,
 * LF, NUL or another control character are dropped and reported as `header-dropped`
 * events: no such byte ever reaches the output. Throws a `TypeError` only for a wrong
 * shape (null, a string, a `Map`, …).
 */
export function rewriteResponseHeaders(ctx: RewriteContext, headers: HeadersInput, options: ResponseHeaderOptions = {}): HeadersOutput {
  let rules = rulesByContext.get(ctx);
  if (!rules) {
    rules = responseRules(ctx);
    rulesByContext.set(ctx, rules);
  }
  const table = rules;
  const dropLength = options?.bodyChanged === true;
  return mapHeaders(ctx, headers, (name) => (dropLength && name === 'content-length' ? DROP : table.get(name)));
}
