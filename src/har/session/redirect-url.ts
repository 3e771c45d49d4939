import type { Rewriter } from '../../rewriter.js';
import { resolveRedirect } from './redirect-target.js';

/**
 * `response.redirectURL` as the browser reads it through the proxy: an absolute URL mapped
 * in its own spelling (`HTTPS://app.example.com/` becomes `HTTPS://app.example.com.proxy.test/`),
 * a relative one (some exporters copy `Location` as it came) resolved against the request
 * URL first, as the browser resolves `Location`, then mapped.
 */
export function mapRedirectUrl(value: string, requestUrl: string, rw: Rewriter): { readonly url: string; readonly relative: boolean } {
  const resolved = resolveRedirect(value, requestUrl);
  if (resolved === null) return { url: rw.url(value), relative: false };
  return { url: rw.url(resolved.url), relative: resolved.relative };
}
