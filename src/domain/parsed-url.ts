import { MappingError } from './errors.js';
import type { HostMap } from './host-map.js';

// Spellings a browser's URL parser reads as an authority that a scan of the text cannot:
// backslashes for slashes, percent-encoded or non-ASCII host characters, tabs and line
// breaks (removed by the parser), several `@`, a special scheme without its slashes.
const NEEDS_PARSER = /[%\\@\t\n\r\u0080-\uffff]|^[\t\n\f\r ]*(?:https?|wss?):(?!\/\/)/i;
const SPECIAL = new Set(['http:', 'https:', 'ws:', 'wss:']);
const BASE_HOST = 'base.invalid';
const HAS_SCHEME = /^[\t\n\f\r ]*[a-z][a-z0-9+.-]*:/i;

/**
 * The safety net of URL positions: when the URL parser would fetch a protected host
 * that the text scan did not see (`https:\\app.example.com`, `https://app.example%2Ecom`,
 * `https://u@evil.org@app.example.com`), the URL as the parser reads it, with the host
 * proxied. Byte fidelity gives way here (the URL is re-serialized) because the
 * alternative is an escape. Null when there is nothing to do, which is almost always.
 */
export function proxyParsedUrl(map: HostMap, value: string): string | null {
  if (!NEEDS_PARSER.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value, `${map.publicScheme ?? 'https'}://${BASE_HOST}/`);
  } catch {
    return null;
  }
  if (!SPECIAL.has(url.protocol) || url.hostname === BASE_HOST || !map.isProtected(url.hostname)) return null;
  const scheme = url.protocol.slice(0, -1);
  let proxied: string;
  try {
    proxied = map.proxyHost(url.hostname);
  } catch (err) {
    if (err instanceof MappingError) return null;
    throw err;
  }
  const port = map.proxyPort(scheme);
  const newScheme = map.proxyScheme(scheme);
  if (newScheme !== undefined) url.protocol = newScheme + ':';
  url.hostname = proxied;
  if (port !== undefined) url.port = port;
  const href = url.href;
  // A scheme-relative original stays scheme-relative.
  return HAS_SCHEME.test(value) ? href : href.slice(href.indexOf('//'));
}
