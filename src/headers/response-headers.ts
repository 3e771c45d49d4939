import type { RewriteContext } from '../context.js';
import { rewriteSetCookie } from '../cookies/index.js';
import { rewriteEveryReading } from './byte-readings.js';
import { rewriteCsp } from './csp.js';
import { rewriteFeaturePolicy } from './feature-policy.js';
import { mapHeaders, type HeaderRule, type HeadersInput, type HeadersOutput } from './header-object.js';
import { rewriteLink } from './link.js';
import { rewriteOriginList } from './origin-list.js';
import { rewritePermissionsPolicy } from './permissions-policy.js';
import { rewriteRefresh } from './refresh.js';
import { rewriteJsonStrings, rewriteSfUrls } from './structured-strings.js';

/** Options of {@link rewriteResponseHeaders}. */
export interface ResponseHeaderOptions {
  /** The body was rewritten, so `Content-Length` no longer holds and is dropped. */
  readonly bodyChanged?: boolean;
}

const DROP: HeaderRule = { drop: true };

/** The rules of each context, built once: a response head is rewritten per request. */
const rulesByContext = new WeakMap<RewriteContext, ResponseRules>();

/** The rule of each header name, without and with a changed body (no closure made per call). */
export interface ResponseRules {
  readonly kept: (name: string) => HeaderRule | undefined;
  readonly bodyChanged: (name: string) => HeaderRule | undefined;
}

/** The rules of `ctx`'s response headers (exported for the test that checks `mapHeaders` against a reference). */
export function responseHeaderRules(ctx: RewriteContext): ResponseRules {
  let rules = rulesByContext.get(ctx);
  if (!rules) {
    const table = responseRules(ctx);
    rules = { kept: (name) => table.get(name), bodyChanged: (name) => (name === 'content-length' ? DROP : table.get(name)) };
    rulesByContext.set(ctx, rules);
  }
  return rules;
}

function responseRules(ctx: RewriteContext): Map<string, HeaderRule> {
  // Every rewrite sees the value as each reader reads its bytes (see byte-readings.ts).
  const rule = (rewrite: (value: string) => string | null): HeaderRule => ({ rewrite: (v) => rewriteEveryReading(v, rewrite) });
  const url = rule((v) => ctx.hosts.url(v));
  const origins = rule((v) => rewriteOriginList(ctx, v));
  const csp = rule((v) => rewriteCsp(ctx, v));
  const sfUrls = rule((v) => rewriteSfUrls(ctx, v));
  const permissions = rule((v) => rewritePermissionsPolicy(ctx, v));
  return new Map<string, HeaderRule>([
    ['location', url],
    ['content-location', url],
    // A path or a URL the browser resolves against the script's URL (Service Workers §
    // "Update": max scope); a path keeps its meaning on the proxied script's own host.
    ['service-worker-allowed', url],
    // One origin, `*` or `null`; and a list of them.
    ['access-control-allow-origin', origins],
    ['timing-allow-origin', origins],
    ['refresh', rule((v) => rewriteRefresh(ctx, v))],
    ['link', rule((v) => rewriteLink(ctx, v))],
    ['content-security-policy', csp],
    ['content-security-policy-report-only', csp],
    ['report-to', rule((v) => rewriteJsonStrings(ctx, v))],
    ['reporting-endpoints', sfUrls],
    ['speculation-rules', sfUrls],
    ['permissions-policy', permissions],
    ['permissions-policy-report-only', permissions],
    ['feature-policy', rule((v) => rewriteFeaturePolicy(ctx, v))],
    ['set-cookie', { ...rule((v) => rewriteSetCookie(ctx, v)), splitLines: true }],
    // Alternative services would point the browser at the upstream's own endpoints.
    ['alt-svc', DROP],
  ]);
}

/**
 * Rewrites response headers for the proxied origin (DESIGN section 5): `Location`,
 * `Content-Location`, `Service-Worker-Allowed`, `Refresh`, `Link`, `Content-Security-Policy` (+ `-Report-Only`),
 * `Access-Control-Allow-Origin`, `Timing-Allow-Origin`, `Report-To`,
 * `Reporting-Endpoints`, `Speculation-Rules`, `Permissions-Policy` (+ `-Report-Only`),
 * `Feature-Policy`, `Set-Cookie` (refused cookies dropped, values kept separate;
 * a value with line breaks, as HAR captures join repeated cookies, is split into
 * several). `Alt-Svc` is dropped, and `Content-Length` when `bodyChanged`. Everything
 * else passes unchanged.
 *
 * Values are byte strings (one character per byte, as Node gives them): bytes above
 * 0x7F are rewritten as UTF-8 and as Latin-1 reads them, so no browser reads an
 * unproxied host, and come back as bytes Node sends unchanged (a UTF-8 `Location`
 * stays UTF-8 with only its host changed).
 *
 * Takes a plain object (Node's `IncomingHttpHeaders`), a fetch `Headers` or Node's
 * `rawHeaders` array. Returns a new object (input never mutated), plain-object keys as
 * given, lower-case otherwise. Header names that are not tokens and values holding CR,
 * LF, NUL or another control character are dropped and reported as `header-dropped`
 * events: no such byte ever reaches the output. Throws a `TypeError` only for a wrong
 * shape (null, a string, a `Map`, …).
 */
export function rewriteResponseHeaders(ctx: RewriteContext, headers: HeadersInput, options: ResponseHeaderOptions = {}): HeadersOutput {
  const rules = responseHeaderRules(ctx);
  return mapHeaders(ctx, headers, options?.bodyChanged === true ? rules.bodyChanged : rules.kept);
}
