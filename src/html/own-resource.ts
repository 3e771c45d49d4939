import type { RewriteContext } from '../context.js';
import { normalizeHost } from '../domain/index.js';

/**
 * Whether a resource URL (`<script src>`, `<link href>`) is relative or on a protected
 * host: its bytes then come through the proxy rewritten, so an `integrity` hash over the
 * upstream bytes would block it.
 */
export function isOwnResource(ctx: RewriteContext, url: string | null): boolean {
  if (url === null) return false;
  const u = url.trim();
  const m = /^(?:([a-z][a-z0-9+.-]*):)?[\\/]{2}([^/\\?#]*)/i.exec(u);
  if (m === null) return !/^[a-z][a-z0-9+.-]*:/i.test(u);
  if (m[1] !== undefined && !/^(?:https?|wss?)$/i.test(m[1])) return false;
  const authority = m[2] as string;
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
  const host = normalizeHost(hostPort.replace(/:\d*$/, ''));
  return host !== null && ctx.hosts.map.isProtected(host);
}
