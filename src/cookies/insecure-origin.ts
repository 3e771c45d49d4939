import type { Edit } from '../domain/index.js';
import { findCookieAttributes } from './cookie-attributes.js';

// RFC 6265bis section 4.1.3: a cookie so named is set only with Secure, from a secure
// origin; browsers compare the prefix case-insensitively (section 5.7).
const SECURE_PREFIXES = ['__secure-', '__host-'];

/**
 * Whether a browser would ignore this cookie from any non-secure origin whatever its
 * attributes: its name has a `__Secure-`/`__Host-` prefix, or it has no name and its
 * value has one (RFC 6265bis section 5.7, which closes that loophole).
 */
export function needsSecureOrigin(setCookie: string): boolean {
  const { name, value } = cookiePair(setCookie);
  return hasSecurePrefix(name) || (name === '' && hasSecurePrefix(value));
}

/** What removing `Secure` means for one cookie. */
export interface SecureRemoval {
  /** Removes every `Secure` attribute, and every `SameSite` when the effective one is `None`. */
  readonly edits: Edit[];
  /** Whether `SameSite=None` went too. */
  readonly sameSiteNone: boolean;
}

/**
 * The edits that let a `Secure` cookie live on an `http` origin, or null when it has no
 * `Secure` attribute. A browser ignores a Secure cookie set from a non-secure origin
 * (RFC 6265bis section 5.7), so it must go. Chromium rejects `SameSite=None` without
 * `Secure` outright, so an effective `SameSite=None` goes too: without the attribute
 * each browser applies its default (None in Safari and Firefox; Lax in Chromium, with
 * its two-minute allowance for top-level POSTs), the closest to None an insecure origin
 * can get. `Lax` and `Strict` stay.
 */
export function secureRemoval(setCookie: string): SecureRemoval | null {
  const secure = findCookieAttributes(setCookie, 'secure');
  if (secure.length === 0) return null;
  const edits: Edit[] = secure.map((a) => ({ start: a.attrStart, end: a.attrEnd, text: '' }));
  const sameSite = findCookieAttributes(setCookie, 'samesite');
  const last = sameSite[sameSite.length - 1];
  // The last SameSite is the one a browser applies (RFC 6265bis section 5.7, cookie-attribute-list).
  const sameSiteNone = last !== undefined && setCookie.slice(last.valueStart, last.valueEnd).toLowerCase() === 'none';
  if (sameSiteNone) for (const a of sameSite) edits.push({ start: a.attrStart, end: a.attrEnd, text: '' });
  return { edits, sameSiteNone };
}

/** The name and value of the cookie-pair (RFC 6265bis section 5.6 steps 1 to 3). */
export function cookiePair(setCookie: string): { name: string; value: string } {
  const semi = setCookie.indexOf(';');
  const pair = semi === -1 ? setCookie : setCookie.slice(0, semi);
  const eq = pair.indexOf('=');
  if (eq === -1) return { name: '', value: trimWsp(pair) };
  return { name: trimWsp(pair.slice(0, eq)), value: trimWsp(pair.slice(eq + 1)) };
}

function hasSecurePrefix(s: string): boolean {
  const head = s.slice(0, 9).toLowerCase();
  return SECURE_PREFIXES.some((p) => head.startsWith(p));
}

/** RFC 6265bis WSP: space and horizontal tab only. */
function trimWsp(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && (s.charCodeAt(start) === 0x20 || s.charCodeAt(start) === 0x09)) start++;
  while (end > start && (s.charCodeAt(end - 1) === 0x20 || s.charCodeAt(end - 1) === 0x09)) end--;
  return s.slice(start, end);
}
