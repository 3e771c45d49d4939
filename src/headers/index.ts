/**
 * `src/headers`: response and request header rewriting (DESIGN section 5). Cookies are
 * in `src/cookies`; `rewriteResponseHeaders` applies them to `Set-Cookie`.
 */
export { rewriteResponseHeaders, type ResponseHeaderOptions } from './response-headers.js';
export { rewriteRequestHeaders } from './request-headers.js';
export { rewriteRequestTarget } from './request-target.js';
export { headersToObject, type HeadersInput, type HeadersOutput } from './header-object.js';
export { type FetchHeadersLike, type HeadersRecord } from './header-shapes.js';
export { toFetchHeaders } from './fetch-headers.js';
export { rewriteCsp } from './csp.js';
export { rewriteLink } from './link.js';
export { rewriteRefresh, findRefreshUrl } from './refresh.js';
export { rewriteHostHeader } from './host-header.js';
export { isUnsafeFieldValue, isValidFieldName } from './field-safety.js';
// The iframe `allow` attribute has the Feature-Policy syntax: the HTML rewriter calls this.
export { rewriteFeaturePolicy } from './feature-policy.js';
