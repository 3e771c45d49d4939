import type { Edit } from './edits.js';
import { applyEdits } from './edits.js';
import { MappingError } from './errors.js';
import type { HostMap } from './host-map.js';
import { readAuthoritySpans, type AuthoritySpans } from './url-authority.js';
import { readPlainUrl } from './url-plain.js';

// DESIGN rule 1 decided by the WHATWG URL parser (Node's `URL`): a value's own host is
// proxied when the parser reads an http, https, ws or wss URL (or a scheme-relative one)
// whose host is protected, and only then. The text is then edited where it spells the
// host, so every other byte stays; the edit is kept only if parsing its result gives
// exactly the proxied URL, and otherwise the parsed URL is serialized with the proxied
// host (bytes give way to containment). A plain value (url-plain.ts) is decided from its
// text instead, to the same result with no parse.

const SPECIAL = new Set(['http:', 'https:', 'ws:', 'wss:']);
/** The host of the page a relative value resolves against: what it resolves to is never proxied here. */
const BASE_HOST = 'base.invalid';

/** What the parser made of one value's own host. */
export type OwnHostDecision =
  /** The parser refused the value: the browser cannot use it either. */
  | { readonly kind: 'invalid' }
  /** A URL whose host stays: relative, another scheme, or a host that is not protected. */
  | { readonly kind: 'keep'; readonly protocol: string }
  /** A protected host with no twin (a flat label over 63 characters): reported, left as it is. */
  | { readonly kind: 'unmappable'; readonly host: string; readonly message: string }
  /** Edits to the text that give the proxied URL. */
  | { readonly kind: 'edits'; readonly edits: Edit[] }
  /** The proxied URL serialized, where the spelling could not be edited in place. */
  | { readonly kind: 'serialized'; readonly text: string };

function parse(value: string, base: string): URL | null {
  try {
    return new URL(value, base);
  } catch {
    return null;
  }
}

/**
 * The page the value stands on. With a public scheme that is the page's scheme. Without
 * one the page's scheme is unknown, and `https:host` (no slashes) is relative on an https
 * page but absolute on an http one: the base is taken of the other scheme, so such a
 * value counts as absolute and its host is never left unproxied.
 */
function pageBase(map: HostMap, value: string): string {
  if (map.publicScheme !== undefined) return `${map.publicScheme}://${BASE_HOST}/`;
  const other = /^[\x00-\x20]*h[\t\n\r]*t[\t\n\r]*t[\t\n\r]*p[\t\n\r]*s[\t\n\r]*:/i.test(value) ? 'http' : 'https';
  return `${other}://${BASE_HOST}/`;
}

/**
 * Decides `value`'s own host by the WHATWG URL parser: the full path, which
 * {@link decidePlainOwnHost} must equal where it answers. Throws only on a bug (the
 * caller catches).
 */
export function decideOwnHostByParser(map: HostMap, value: string): OwnHostDecision {
  const base = pageBase(map, value);
  const url = parse(value, base);
  if (url === null) return { kind: 'invalid' };
  if (!SPECIAL.has(url.protocol) || url.hostname === BASE_HOST) return { kind: 'keep', protocol: url.protocol };
  const trailingDot = url.hostname.endsWith('.');
  const host = trailingDot ? url.hostname.slice(0, -1) : url.hostname;
  if (!map.isProtected(host)) return { kind: 'keep', protocol: url.protocol };

  let twin: string;
  try {
    twin = map.proxyHost(host) + (trailingDot ? '.' : '');
  } catch (err) {
    if (err instanceof MappingError) return { kind: 'unmappable', host, message: err.message };
    throw err;
  }
  const spans = readAuthoritySpans(value);
  const schemeRelative = spans !== null && spans.scheme === null;
  const scheme = url.protocol.slice(0, -1);
  const target: Target = {
    twin,
    scheme: schemeRelative ? undefined : map.proxyScheme(scheme),
    port: map.proxyPort(schemeRelative ? undefined : scheme),
  };
  if (spans !== null) {
    for (const hostEdit of hostEdits(map, value, spans, target)) {
      const edits = inPlaceEdits(spans, url, target, hostEdit);
      const edited = parse(applyEdits(value, edits), base);
      if (edited !== null && isProxiedForm(edited, url, target)) return { kind: 'edits', edits };
    }
  }
  const expected = proxiedUrl(url, target);
  if (expected === null) return { kind: 'unmappable', host, message: `"${twin}" is not a host the URL parser accepts` };
  const href = expected.href;
  return { kind: 'serialized', text: schemeRelative ? href.slice(expected.protocol.length) : href };
}

const DEFAULT_PORT: Readonly<Record<string, string>> = { 'http:': '80', 'https:': '443', 'ws:': '80', 'wss:': '443' };

/** The last suffix checked by {@link isPlainTwin} and whether it is plain (one proxy has one suffix). */
let checkedSuffix = '';
let checkedSuffixPlain = false;

/**
 * Whether the parser keeps `twin` exactly as it is, which holds for a plain host: a twin
 * is the plain host's labels (suffix scheme) or one label made of its letters, digits and
 * `-` (flat), then the suffix, so it is plain when the suffix is and no flat label starts
 * with `xn--`.
 */
function isPlainTwin(map: HostMap, twin: string): boolean {
  if (map.suffix !== checkedSuffix) {
    checkedSuffixPlain = readPlainUrl('//' + map.suffix)?.hostname === map.suffix;
    checkedSuffix = map.suffix;
  }
  return checkedSuffixPlain && !(map.scheme === 'flat' && twin.startsWith('xn--'));
}

/**
 * The parser path's decision for a plain value, read off its text: what the parser
 * would give (a scheme-relative value takes the scheme {@link pageBase} gives it, the
 * scheme's default port is none), then the first of {@link hostEdits}, which the parser
 * path keeps because on a plain value and a plain twin its re-parse gives exactly the
 * proxied form. Null (the parser decides) for a twin that is not plain or is missing.
 */
export function decidePlainOwnHost(map: HostMap, value: string): OwnHostDecision | null {
  const plain = readPlainUrl(value);
  if (plain === null) return null;
  const protocol = plain.protocol ?? (map.publicScheme ?? 'https') + ':';
  const hostname = plain.hostname;
  if (hostname === BASE_HOST) return { kind: 'keep', protocol };
  const trailingDot = hostname.endsWith('.');
  const host = trailingDot ? hostname.slice(0, -1) : hostname;
  if (!map.isProtected(host)) return { kind: 'keep', protocol };
  let twin: string;
  try {
    twin = map.proxyHost(host) + (trailingDot ? '.' : '');
  } catch {
    return null;
  }
  if (!isPlainTwin(map, twin)) return null;
  const scheme = protocol.slice(0, -1);
  const target: Target = {
    twin,
    scheme: plain.protocol === null ? undefined : map.proxyScheme(scheme),
    port: map.proxyPort(plain.protocol === null ? undefined : scheme),
  };
  const port = plain.port === DEFAULT_PORT[protocol] ? '' : plain.port;
  return { kind: 'edits', edits: inPlaceEdits(plain, { protocol, port }, target, hostEdits(map, value, plain, target)[0]) };
}

/**
 * Whether `edited` is `url` with exactly the target's host, scheme and port: every part
 * of the href is compared (a port equal to the scheme's default is none, as the parser
 * keeps it).
 */
function isProxiedForm(edited: URL, url: URL, target: Target): boolean {
  const protocol = target.scheme === undefined ? url.protocol : target.scheme + ':';
  let port = target.port ?? url.port;
  if (port === DEFAULT_PORT[protocol]) port = '';
  return edited.protocol === protocol && edited.hostname === target.twin && edited.port === port &&
    edited.username === url.username && edited.password === url.password &&
    edited.pathname === url.pathname && edited.search === url.search && edited.hash === url.hash;
}

/** What the proxied URL has: the twin (trailing dot kept), and the scheme and port of the proxy when set. */
interface Target {
  readonly twin: string;
  readonly scheme: string | undefined;
  readonly port: string | undefined;
}

/** `url` with the proxied host, scheme and port, or null if the parser refuses the twin. */
function proxiedUrl(url: URL, target: Target): URL | null {
  const out = new URL(url.href);
  if (target.scheme !== undefined) out.protocol = target.scheme;
  out.hostname = target.twin;
  if (target.port !== undefined) out.port = target.port;
  return out.hostname === target.twin ? out : null;
}

/** Where the host's trailing dot (`.`, `%2E`, `。`, `．`, `｡`) starts, or -1. */
function trailingDotStart(value: string, hostEnd: number): number {
  const last = value.charCodeAt(hostEnd - 1);
  if (last === 0x2e || last === 0x3002 || last === 0xff0e || last === 0xff61) return hostEnd - 1;
  if (value.slice(hostEnd - 3, hostEnd).toLowerCase() === '%2e') return hostEnd - 3;
  return -1;
}

/**
 * The ways to write the twin into the text, best first: in the suffix scheme the suffix
 * appended to the host as written (its case, escapes and Unicode kept, before a trailing
 * dot), then the host's span replaced by the twin.
 */
function hostEdits(map: HostMap, value: string, spans: AuthoritySpans, target: Target): Edit[] {
  const replace = { start: spans.hostStart, end: spans.hostEnd, text: target.twin };
  if (map.scheme !== 'suffix') return [replace];
  const at = target.twin.endsWith('.') ? trailingDotStart(value, spans.hostEnd) : spans.hostEnd;
  return at < 0 ? [replace] : [{ start: at, end: at, text: '.' + map.suffix }, replace];
}

/** The edits that spell the proxied URL in the text as written, around `hostEdit`. */
function inPlaceEdits(spans: AuthoritySpans, url: Pick<URL, 'protocol' | 'port'>, target: Target, hostEdit: Edit): Edit[] {
  const edits: Edit[] = [];
  const scheme = url.protocol.slice(0, -1);
  const schemeChanges = target.scheme !== undefined && target.scheme !== scheme;
  if (schemeChanges && spans.scheme !== null) edits.push({ start: spans.scheme.start, end: spans.scheme.end, text: target.scheme as string });
  edits.push(hostEdit);

  // A written port is replaced (an empty `:` included, so `host:` never becomes `host:8080:`);
  // one that was the old scheme's default goes when the scheme changes.
  let port = target.port === undefined ? undefined : target.port === '' ? '' : ':' + target.port;
  if (port === undefined && schemeChanges && url.port === '') port = '';
  if (port !== undefined) {
    if (spans.portColon >= 0) edits.push({ start: spans.portColon, end: spans.authorityEnd, text: port });
    else if (port !== '') edits.push({ start: spans.hostEnd, end: spans.hostEnd, text: port });
  }
  return edits;
}
