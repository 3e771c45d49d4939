import { percentDecode } from './percent-decode.js';
import type { ProtectedHosts } from './protected-hosts.js';

/** A protected host found in a value. */
export interface UrlHit {
  readonly host: string;
  /** The URL as written (decoded from its container), at most 200 characters. */
  readonly url: string;
  /**
   * Offset of the URL in the value that was judged, or -1 when it was found only after
   * percent-decoding (the caller looks for the host to place it).
   */
  readonly offset: number;
}

/** The schemes whose URLs the browser fetches and the proxy must map (DESIGN.md rule 1). */
const FETCH_SCHEMES: ReadonlySet<string> = new Set(['http:', 'https:', 'ws:', 'wss:']);
/** A host no value names: what a relative URL resolves to. `.invalid` is reserved (RFC 2606). */
const STAND_IN_HOST = 'spr-audit-base.invalid';
/** How deep URLs nested in a query are percent-decoded (`%253A` is two levels). */
const NESTING_LEVELS = 4;
const MAX_URL_SHOWN = 200;
const MAX_SCHEME = 32;

/**
 * Decides with the WHATWG URL parser (Node's `URL`) whether a value sends the browser to
 * a protected host. Two questions:
 * - a URL position (an attribute, a CSS `url()`, a header): the value is one URL; its
 *   own host counts when it is absolute or scheme-relative `http`/`https`/`ws`/`wss`, and
 *   so do URLs nested in its query and fragment (SSO `?return=`), encoded or not. A URL
 *   nested in the path belongs to the outer URL (DESIGN.md rule 2);
 * - text (code and data strings): every `scheme://host` and `//host` in it, also once
 *   percent-decoded.
 */
export class UrlJudge {
  constructor(private readonly hosts: ProtectedHosts) {}

  /** Whether `host` is protected (for values that are hosts, not URLs). */
  isProtected(host: string): boolean {
    return this.hosts.has(host);
  }

  /** Whether a `*.host` wildcard or a `.host` domain covers protected hosts. */
  coversSubdomainsOf(host: string): boolean {
    return this.hosts.coversSubdomainsOf(host);
  }

  /**
   * A value in a URL position, on a page of `pageScheme` (`https:`): relative URLs stay on
   * the page's (proxied) origin, so only a value that names its own host can escape.
   */
  urlPosition(value: string, pageScheme = 'https:'): UrlHit[] {
    const url = parse(value, `${FETCH_SCHEMES.has(pageScheme) ? pageScheme : 'https:'}//${STAND_IN_HOST}/`);
    if (url === null || !FETCH_SCHEMES.has(url.protocol)) return [];
    const hits: UrlHit[] = [];
    if (url.hostname !== STAND_IN_HOST && this.hosts.has(url.hostname)) {
      hits.push({ host: url.hostname, url: shown(value.trim()), offset: 0 });
    }
    const tail = url.search + url.hash;
    if (tail.length > 1) {
      const at = Math.max(0, value.indexOf(tail.charAt(0)));
      for (const hit of this.inText(tail)) hits.push({ ...hit, offset: hit.offset < 0 ? -1 : at + hit.offset });
    }
    return hits;
  }

  /**
   * The protected host a URL names as its own (not in its query), or null: for request
   * fields such as `Origin` and `Referer`, where a nested URL sends no one anywhere.
   */
  ownHost(value: string, pageScheme = 'https:'): string | null {
    const url = parse(value, `${FETCH_SCHEMES.has(pageScheme) ? pageScheme : 'https:'}//${STAND_IN_HOST}/`);
    if (url === null || !FETCH_SCHEMES.has(url.protocol) || url.hostname === STAND_IN_HOST) return null;
    return this.hosts.has(url.hostname) ? url.hostname : null;
  }

  /**
   * A value outside the URL attributes (`data-src`, `content` of `og:url`) counts as a URL
   * position when the whole of it is an absolute or scheme-relative URL.
   */
  absoluteUrlPosition(value: string, pageScheme = 'https:'): UrlHit[] {
    return looksAbsolute(value) ? this.urlPosition(value, pageScheme) : [];
  }

  /**
   * A whole string that is one URL (`new URL(value)` as the browser would read it when the
   * string is used as one): catches what a text scan cannot, such as a tab inside the host.
   */
  wholeString(value: string, pageScheme = 'https:'): UrlHit[] {
    if (!looksAbsolute(value)) return [];
    const url = parse(value, `${FETCH_SCHEMES.has(pageScheme) ? pageScheme : 'https:'}//${STAND_IN_HOST}/`);
    if (url === null || !FETCH_SCHEMES.has(url.protocol) || url.hostname === STAND_IN_HOST) return [];
    return this.hosts.has(url.hostname) ? [{ host: url.hostname, url: shown(value.trim()), offset: 0 }] : [];
  }

  /** Every URL with a protected host in `text`, then in its percent-decodings. */
  inText(text: string): UrlHit[] {
    const hits = this.scan(text);
    let current = text;
    for (let level = 0; level < NESTING_LEVELS && current.includes('%'); level++) {
      const decoded = percentDecode(current);
      if (decoded === current) break;
      for (const hit of this.scan(decoded)) hits.push({ ...hit, offset: -1 });
      current = decoded;
    }
    return hits;
  }

  /** One pass over `text`: each `//` with a fetch scheme (or none) before it. Linear. */
  private scan(text: string): UrlHit[] {
    const hits: UrlHit[] = [];
    let from = 0;
    for (;;) {
      const i = text.indexOf('//', from);
      if (i === -1) return hits;
      const start = urlStart(text, i);
      const end = authorityEnd(text, i + 2);
      // An authority holds no `/`, so the next `//` cannot start before its end.
      from = Math.max(end, i + 2);
      if (start === -1 || end === i + 2) continue;
      const scheme = start === i ? 'https:' : text.slice(start, i - 1).toLowerCase() + ':';
      if (!FETCH_SCHEMES.has(scheme)) continue;
      const url = parse(`${scheme}//${text.slice(i + 2, end)}`);
      if (url !== null && this.hosts.has(url.hostname)) hits.push({ host: url.hostname, url: shown(text.slice(start, valueEnd(text, end))), offset: start });
    }
  }
}

function parse(value: string, base?: string): URL | null {
  try {
    return new URL(value, base);
  } catch {
    return null;
  }
}

/** `scheme:` or `//` at the start, after the C0 controls and spaces the URL parser strips. */
function looksAbsolute(value: string): boolean {
  let i = 0;
  while (i < value.length && value.charCodeAt(i) <= 0x20) i++;
  if (value.startsWith('//', i) || value.startsWith('\\\\', i) || value.startsWith('/\\', i) || value.startsWith('\\/', i)) return true;
  const first = value.charCodeAt(i);
  if (!isAlpha(first)) return false;
  for (let j = i + 1; j < value.length && j < i + MAX_SCHEME; j++) {
    const c = value.charCodeAt(j);
    if (c === 0x3a) return true;
    if (!isSchemeChar(c)) return false;
  }
  return false;
}

/**
 * Where the URL whose `//` is at `i` starts: at its scheme when `:` precedes the slashes
 * (-1 when no scheme is there), at `i` for a scheme-relative URL that stands on its own
 * (-1 after a path character: `a//b` is a path).
 */
function urlStart(text: string, i: number): number {
  if (i === 0) return 0;
  const before = text.charCodeAt(i - 1);
  if (before === 0x3a) {
    let s = i - 1;
    while (s > 0 && i - 1 - s < MAX_SCHEME && isSchemeChar(text.charCodeAt(s - 1))) s--;
    while (s < i - 1 && !isAlpha(text.charCodeAt(s))) s++;
    return s < i - 1 ? s : -1;
  }
  return isPathChar(before) ? -1 : i;
}

/** The end of an authority: the first `/ ? # \`, whitespace, quote, bracket or separator. */
function authorityEnd(text: string, from: number): number {
  let j = from;
  while (j < text.length && !isAuthorityEnd(text.charCodeAt(j))) j++;
  return j;
}

/** The end of the rest of the URL, for showing it: up to whitespace or a quote. */
function valueEnd(text: string, from: number): number {
  let j = from;
  const limit = Math.min(text.length, from + MAX_URL_SHOWN);
  while (j < limit) {
    const c = text.charCodeAt(j);
    if (c <= 0x20 || c === 0x22 || c === 0x27 || c === 0x60 || c === 0x3c || c === 0x3e) break;
    j++;
  }
  return j;
}

function shown(url: string): string {
  return url.length <= MAX_URL_SHOWN ? url : url.slice(0, MAX_URL_SHOWN - 1) + '…';
}

const isAlpha = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isSchemeChar = (c: number) => isAlpha(c) || isDigit(c) || c === 0x2b || c === 0x2d || c === 0x2e;
/** Characters that glue `//` into a path: letters, digits, `/ \ . _ ~ - %`. */
const isPathChar = (c: number) => isAlpha(c) || isDigit(c) || c === 0x2f || c === 0x5c || c === 0x2e || c === 0x5f || c === 0x7e || c === 0x2d || c === 0x25;

function isAuthorityEnd(c: number): boolean {
  if (c <= 0x20) return true;
  switch (c) {
    case 0x2f: case 0x3f: case 0x23: case 0x5c: // / ? # \
    case 0x22: case 0x27: case 0x60: case 0x3c: case 0x3e: // " ' ` < >
    case 0x28: case 0x29: case 0x5b: case 0x5d: case 0x7b: case 0x7d: // ( ) [ ] { }
    case 0x2c: case 0x3b: case 0x7c: case 0x5e: case 0x2a: // , ; | ^ *
      return true;
    default:
      return false;
  }
}
