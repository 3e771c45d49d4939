import { tokenField, type HeaderFields } from './header-fields.js';

/** Fetch destinations of a navigation (a document in a window or a frame, or a plugin's). */
const NAVIGATION_DESTINATIONS = new Set(['document', 'iframe', 'frame', 'embed', 'object']);

/**
 * True when the request headers say the browser navigates: `Sec-Fetch-Dest` is a
 * navigation destination (`document`, `iframe`, `frame`, `embed`, `object`), or
 * `Sec-Fetch-Mode` is `navigate` with a destination other than `empty`. Browsers without
 * Fetch Metadata (Safari before 16.4) send neither: the caller says so instead.
 */
export function isNavigationRequest(requestHeaders: HeaderFields): boolean {
  const dest = tokenField(requestHeaders, 'sec-fetch-dest');
  if (dest !== undefined && NAVIGATION_DESTINATIONS.has(dest)) return true;
  return tokenField(requestHeaders, 'sec-fetch-mode') === 'navigate' && dest !== 'empty';
}

/**
 * True for a request the browser makes only to save what comes back: `<a download>` (and
 * `<area download>`) fetches with mode `navigate` and destination `empty` (Chromium
 * since crbug.com/1082429; whatwg/html#5548), and saves the response whatever its type,
 * HTML included.
 */
export function isDownloadRequest(requestHeaders: HeaderFields): boolean {
  return tokenField(requestHeaders, 'sec-fetch-mode') === 'navigate' && tokenField(requestHeaders, 'sec-fetch-dest') === 'empty';
}
