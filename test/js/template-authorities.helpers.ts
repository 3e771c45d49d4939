/**
 * Test-side oracles for URLs that code builds, written from the WHATWG URL parser (`new
 * URL`) and DESIGN's host rules, never from the rewriter: a piece list renders as a
 * template or a concatenation, evaluates with chosen values (by substitution, no eval),
 * and the browser's host is compared with the protected patterns and the proxied twins.
 */

/** A literal piece of the URL, or the name of a piece of code. */
export type Part = { lit: string } | { code: string };

export const lit = (text: string): Part => ({ lit: text });
export const code = (name: string): Part => ({ code: name });

/** `` t = `https://${a}.example.com/` ``. */
export function asTemplate(parts: readonly Part[]): string {
  return 't = `' + parts.map((p) => ('lit' in p ? p.lit : '${' + p.code + '}')).join('') + '`;';
}

/** `u = 'https://' + a + '.example.com/'`: code between literals is `+ name +`. */
export function asConcatenation(parts: readonly Part[]): string {
  const out: string[] = [];
  for (const p of parts) out.push('lit' in p ? "'" + p.lit + "'" : p.code);
  return 'u = ' + out.join(' + ') + ';';
}

/**
 * The string a one-statement script from {@link asTemplate} or {@link asConcatenation}
 * (rewritten or not) evaluates to. Literals are cooked (the tests use no escapes but
 * `\/` and `\\`); names take `values`.
 */
export function evaluate(source: string, values: Readonly<Record<string, string>>): string {
  const value = (name: string): string => {
    if (!(name in values)) throw new Error(`no value for ${name}`);
    return values[name];
  };
  // The only escapes the tests write: `\/` and `\\`.
  const cook = (s: string) => s.replace(/\\([\\/])/g, '$1');
  if (source.startsWith('t = `')) {
    const body = source.slice(5, source.lastIndexOf('`'));
    return cook(body.replace(/\$\{(\w+)\}/g, (_, n: string) => value(n)));
  }
  let out = '';
  for (const m of source.slice(4, -1).split(' + ')) out += m.startsWith("'") ? cook(m.slice(1, -1)) : value(m);
  return out;
}

/** The URL the browser fetches for `value` on a page at https://page.test/, or null if it does not parse. */
export function parseUrl(value: string): URL | null {
  try {
    return new URL(value, 'https://page.test/');
  } catch {
    return null;
  }
}

const FETCHED_SCHEMES = new Set(['http:', 'https:', 'ws:', 'wss:']);
const LDH_HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * DESIGN's host mapping: `example.com` matches that host, `*.example.com` every
 * subdomain at any depth; a host name is LDH labels (RFC 1123), one trailing dot allowed.
 */
export function isProtectedUrl(url: URL, patterns: readonly string[]): boolean {
  if (!FETCHED_SCHEMES.has(url.protocol)) return false;
  const host = url.hostname.replace(/\.$/, '');
  if (!LDH_HOST.test(host)) return false;
  return patterns.some((p) => (p.startsWith('*.') ? host.endsWith(p.slice(1)) : host === p));
}

/** DESIGN's twin of `host` under `suffix`: `h.S`, or flat: one label (dots to `-`, `-` doubled). */
export function twinOf(host: string, suffix: string, scheme: 'suffix' | 'flat'): string {
  const dot = host.endsWith('.') ? '.' : '';
  const h = host.replace(/\.$/, '');
  const proxied = scheme === 'suffix' ? `${h}.${suffix}` : `${h.replaceAll('-', '--').replaceAll('.', '-')}.${suffix}`;
  return proxied + dot;
}

/**
 * Whether `rewritten` is `original` with the host replaced by its twin: same scheme,
 * userinfo, port, path, query and fragment.
 */
export function isTwinUrl(rewritten: URL, original: URL, suffix: string, scheme: 'suffix' | 'flat'): boolean {
  const expected = new URL(original.href);
  expected.hostname = twinOf(original.hostname, suffix, scheme);
  return rewritten.href === expected.href;
}

/**
 * Whether the browser would send `url` to the proxy, which refuses it: a host under the
 * suffix that is the twin of no protected host (never a different site).
 */
export function isRefusedByProxy(url: URL, suffix: string, patterns: readonly string[]): boolean {
  const host = url.hostname.replace(/\.$/, '');
  if (!host.endsWith('.' + suffix)) return false;
  const inner = parseUrl(`${url.protocol}//${host.slice(0, -suffix.length - 1)}/`);
  return inner === null || !isProtectedUrl(inner, patterns);
}
