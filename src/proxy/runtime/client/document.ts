import type { RuntimeContext } from './context.js';
import { wrapSetter } from './patch.js';

const DROP = Symbol('drop');

/** `document.cookie = '…; domain=…'` and `document.domain = …`: the protected domain becomes its proxied twin. */
export function hookDocument(rt: RuntimeContext): void {
  const { scope, hosts, config } = rt;
  const proto = scope.Document?.prototype;
  if (!proto) return;
  const suffix = config.suffix.toLowerCase();

  /**
   * A cookie or document domain (leading dot dropped), decided as the proxy decides a
   * `Set-Cookie` Domain: the suffix or above is refused; a protected domain (or a parent
   * of protected hosts) becomes its twin in the suffix scheme and host-only (null) in the
   * flat one, where no domain covers two proxied hosts; anything else stays.
   */
  const domain = (raw: string): string | null | typeof DROP => {
    const d = raw.trim().replace(/^\./, '').replace(/\.$/, '').toLowerCase();
    if (d === suffix || suffix.endsWith('.' + d)) return DROP;
    if (d === '' || d.endsWith('.' + suffix) || !hosts.covers(d)) return raw;
    return config.scheme === 'suffix' ? d + '.' + suffix : null;
  };

  wrapSetter(proto, 'cookie', (set) =>
    function (this: unknown, value: unknown) {
      const cookie = mapCookie(String(value), domain);
      if (cookie !== null) set.call(this, cookie);
    },
  );
  // A document.domain that cannot be the twin's is not set (setting it is a no-op in
  // Chromium anyway unless the page opted out of origin-keyed agent clusters).
  wrapSetter(proto, 'domain', (set) =>
    function (this: unknown, value: unknown) {
      const d = domain(String(value));
      if (typeof d === 'string') set.call(this, d);
    },
  );
}

/** The cookie string with each `domain=` attribute decided; null when the cookie must not be set. */
function mapCookie(cookie: string, domain: (raw: string) => string | null | typeof DROP): string | null {
  const parts = cookie.split(';');
  const out = [parts[0]];
  for (let i = 1; i < parts.length; i++) {
    const part = parts[i];
    const eq = part.indexOf('=');
    if (eq === -1 || part.slice(0, eq).trim().toLowerCase() !== 'domain') {
      out.push(part);
      continue;
    }
    const d = domain(part.slice(eq + 1));
    if (d === DROP) return null;
    if (d !== null) out.push(part.slice(0, eq + 1) + d);
  }
  return out.join(';');
}
