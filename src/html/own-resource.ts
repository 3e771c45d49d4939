import type { RewriteContext } from '../context.js';
import { normalizeHost } from '../domain/index.js';

/** Stands for the page in relative resolution: `.invalid` is never a real host (RFC 2606). */
const PAGE = 'https://page.invalid/';

/**
 * Whether a resource URL (`<script src>`, `<link href>`, an import map's integrity key)
 * is relative or on a protected host: its bytes then come through the proxy rewritten,
 * so an `integrity` hash over the upstream bytes would block it. The host is the one
 * the WHATWG URL parser gives (`%2E`, full-width letters, `\` for `/` included); a
 * value that does not parse is loaded from nowhere and keeps its hash.
 */
export function isOwnResource(ctx: RewriteContext, url: string | null): boolean {
  if (url === null) return false;
  let parsed: URL;
  try {
    parsed = new URL(url, PAGE);
  } catch {
    return false;
  }
  // Resolved against the page: relative (a URL naming page.invalid itself loads nothing).
  if (parsed.host === 'page.invalid') return true;
  if (!/^(?:https?|wss?):$/.test(parsed.protocol)) return false;
  const host = normalizeHost(parsed.hostname);
  return host !== null && ctx.hosts.map.isProtected(host);
}
