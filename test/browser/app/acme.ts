import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * The test app "Acme Workspace": five upstream hosts under `acme.test` (a reserved TLD,
 * RFC 2606: it can never be a real site). Each believes it lives on port 80 of its own
 * name, as behind real DNS; the proxy's `resolve` sends the names to 127.0.0.1 ports.
 */
export const HOSTS = {
  login: 'login.acme.test',
  app: 'app.acme.test',
  static: 'static.acme.test',
  api: 'api.acme.test',
  files: 'files.acme.test',
} as const;
export type HostRole = keyof typeof HOSTS;

/** The protected patterns of the proxy: every Acme host. */
export const PROTECTED_DOMAINS = ['acme.test', '*.acme.test'];

export const APP_ORIGIN = `http://${HOSTS.app}`;
/** The OAuth client's registered redirect URI: the login host accepts no other. */
export const CALLBACK_URL = `${APP_ORIGIN}/callback`;
export const USER = 'alice';

/** The shared session store of the Acme hosts (one company, one identity provider). */
export class Sessions {
  private readonly users = new Map<string, string>();
  private readonly codes = new Set<string>();

  /** A new session for `user`: its cookie value and a one-time authorization code. */
  open(user: string): { sid: string; code: string } {
    const sid = randomBytes(12).toString('hex');
    const code = randomBytes(8).toString('hex');
    this.users.set(sid, user);
    this.codes.add(code);
    return { sid, code };
  }

  redeem(code: string | null): boolean {
    return code !== null && this.codes.delete(code);
  }

  /** The user of the request's `sid` cookie, or null. */
  userOf(req: IncomingMessage): string | null {
    const sid = cookie(req, 'sid');
    return sid === null ? null : (this.users.get(sid) ?? null);
  }
}

/** One cookie of the request's `Cookie` header. */
export function cookie(req: IncomingMessage, name: string): string | null {
  for (const pair of (req.headers.cookie ?? '').split(';')) {
    const eq = pair.indexOf('=');
    if (eq > 0 && pair.slice(0, eq).trim() === name) return pair.slice(eq + 1).trim();
  }
  return null;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
