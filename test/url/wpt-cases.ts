import { readFileSync } from 'node:fs';
import { createRewriter, type Rewriter } from '../../src/rewriter.js';

// The web-platform-tests URL data (test/fixtures/wpt, BSD-3-Clause) turned into what a
// proxied page must get. Each entry gives an input, the page it stands on (`base`) and
// the spec's parse of it: a failure, or the URL's parts. The truth of "which host does
// the browser reach" is the entry's own `protocol` and `hostname`, never this code.

export interface WptEntry {
  readonly input: string;
  readonly base: string | null;
  readonly failure?: boolean;
  readonly href?: string;
  readonly protocol?: string;
  readonly hostname?: string;
}

const data: unknown[] = JSON.parse(readFileSync(new URL('../fixtures/wpt/urltestdata.json', import.meta.url), 'utf8'));
export const entries: WptEntry[] = data.filter((e): e is WptEntry => typeof e === 'object' && e !== null);

/**
 * Protected: the registrable names the data uses most as hosts and bases, an exact
 * host, and an IPv4 address (which the data spells in decimal, octal, hex and as one
 * number). Single-label and bare-IDN hosts (`test`, `xn--n3h`) are public suffixes for
 * the library and cannot be protected.
 */
export const WPT_DOMAINS = ['example.com', '*.example.com', 'example.org', '*.example.org', 'foo.com', '*.foo.com', 'www.google.com', 'foo.bar', '192.168.0.1'];
const SUFFIX = 'proxy.test';

function isProtected(host: string): boolean {
  const h = host.endsWith('.') ? host.slice(0, -1) : host;
  return WPT_DOMAINS.some((p) => (p.startsWith('*.') ? h.endsWith(p.slice(1)) : h === p));
}

function twin(host: string): string {
  return host.endsWith('.') ? `${host.slice(0, -1)}.${SUFFIX}.` : `${host}.${SUFFIX}`;
}

const SPECIAL = new Set(['http:', 'https:', 'ws:', 'wss:']);

/** What one entry must give, on which (proxied) page, through which rewriter. */
export type WptCase =
  | { readonly kind: 'skip'; readonly entry: WptEntry; readonly why: string }
  | { readonly kind: 'unchanged'; readonly entry: WptEntry; readonly rw: Rewriter }
  | { readonly kind: 'proxied'; readonly entry: WptEntry; readonly rw: Rewriter; readonly page: string | undefined; readonly href: string };

const onHttp = createRewriter({ suffix: SUFFIX, domains: WPT_DOMAINS, publicScheme: 'http' });
const onHttps = createRewriter({ suffix: SUFFIX, domains: WPT_DOMAINS, publicScheme: 'https' });
/** The page's scheme unknown: `https:host` is taken as absolute, as it is with no base at all. */
const unknownPage = createRewriter({ suffix: SUFFIX, domains: WPT_DOMAINS });

/** `href` as served through the proxy whose public scheme is `scheme` (ws/wss follow it). */
function throughProxy(href: string, scheme: string | undefined): string {
  const u = new URL(href);
  if (scheme !== undefined) u.protocol = u.protocol.startsWith('ws') ? (scheme === 'https' ? 'wss' : 'ws') : scheme;
  u.hostname = twin(u.hostname);
  return u.href;
}

export function wptCase(entry: WptEntry): WptCase {
  const base = entry.base;
  const baseScheme = base === null ? null : base.slice(0, base.indexOf(':'));
  let rw: Rewriter;
  let page: string | undefined;
  let scheme: 'http' | 'https' | undefined;
  if (baseScheme === 'http' || baseScheme === 'https') {
    // The page is the base, served through the proxy on its own scheme.
    scheme = baseScheme;
    rw = scheme === 'http' ? onHttp : onHttps;
    const b = new URL(base as string);
    page = SPECIAL.has(b.protocol) && isProtected(b.hostname) ? throughProxy(b.href, scheme) : b.href;
  } else if (base === null) {
    rw = unknownPage;
  } else {
    // A page never has this base through an HTTP proxy; the entry still says what an input
    // that carries its own scheme means (a relative one would take the base's scheme).
    if (entry.failure || entry.protocol === `${baseScheme}:`) return { kind: 'skip', entry, why: `relative to a ${baseScheme}: base` };
    rw = unknownPage;
  }
  if (entry.failure) return { kind: 'unchanged', entry, rw };
  if (!SPECIAL.has(entry.protocol as string) || !isProtected(entry.hostname as string)) return { kind: 'unchanged', entry, rw };
  return { kind: 'proxied', entry, rw, page, href: throughProxy(entry.href as string, scheme) };
}

/** Null when `value` (what a rewriter gave for the case's input) meets the case, else why not. */
export function check(c: WptCase, value: string): string | null {
  if (c.kind === 'skip') return null;
  if (c.kind === 'unchanged') return value === c.entry.input ? null : `changed to ${JSON.stringify(value)}`;
  let got: string;
  try {
    got = new URL(value, c.page).href;
  } catch {
    return `${JSON.stringify(value)} does not parse`;
  }
  return got === c.href ? null : `${JSON.stringify(value)} parses to ${got}, not ${c.href}`;
}

/** NUL and lone surrogates: HTML and CSS decode them to U+FFFD however they are written. */
const UNWRITABLE = /[\0]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** `value` as an HTML attribute value (double-quoted) that the HTML parser decodes back to it; null when none does. */
export function htmlAttribute(value: string): string | null {
  // Raw U+0080–U+009F stay (as references they would be remapped through windows-1252);
  // CR would become LF raw, so controls go as references.
  if (UNWRITABLE.test(value)) return null;
  return value.replace(/[&"<>\x01-\x1f\x7f]/g, (c) => `&#x${c.charCodeAt(0).toString(16)};`);
}

/** `value` as the body of a double-quoted CSS string that CSS decodes back to it; null when none does. */
export function cssString(value: string): string | null {
  if (UNWRITABLE.test(value)) return null;
  return value.replace(/["\\\x01-\x1f\x7f]/g, (c) => (c === '"' || c === '\\' ? '\\' + c : `\\${c.charCodeAt(0).toString(16)} `));
}

/** The value of the CSS string starting at the `"` at `open` in `css` (escapes decoded). */
export function readCssString(css: string, open: number): string {
  let out = '';
  for (let i = open + 1; i < css.length; i++) {
    const c = css[i];
    if (c === '"') return out;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const hex = /^[0-9a-fA-F]{1,6}/.exec(css.slice(i + 1, i + 7));
    if (hex) {
      const cp = parseInt(hex[0], 16);
      out += cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? '\uFFFD' : String.fromCodePoint(cp);
      i += hex[0].length;
      if (/[ \t\n]/.test(css[i + 1] ?? '')) i++;
    } else if (css[i + 1] === '\n') {
      i++;
    } else {
      out += css[i + 1] ?? '';
      i++;
    }
  }
  return out;
}
