import type { HarResponse } from '../har-types.js';

/** Statuses whose `Location` the browser follows (Fetch "redirect status"). */
export const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/** Where a response redirects, as captured: `redirectURL`, else the `Location` header of a redirect status; null when nowhere. */
export function capturedRedirect(response: HarResponse): string | null {
  if (typeof response.redirectURL === 'string' && response.redirectURL !== '') return response.redirectURL;
  if (!REDIRECT_STATUSES.has(response.status) || !Array.isArray(response.headers)) return null;
  const location = response.headers.find((h) => typeof h?.name === 'string' && h.name.toLowerCase() === 'location');
  return typeof location?.value === 'string' && location.value !== '' ? location.value : null;
}

/**
 * A redirect target as the browser reads it (Fetch "location URL": the value parsed with
 * the request URL as base): the absolute URL, and whether the value was relative. An
 * absolute value keeps its spelling (`HTTPS://Host/` stays so: the URL parser reads it,
 * and the rewriter edits it in place); null when it does not parse even against the base.
 */
export function resolveRedirect(value: string, requestUrl: string): { readonly url: string; readonly relative: boolean } | null {
  if (URL.canParse(value)) return { url: value, relative: false };
  try {
    return { url: new URL(value, requestUrl).href, relative: true };
  } catch {
    return null;
  }
}
