// What the browser makes of the URL positions of a stylesheet, written from the specs
// and not from src/css: CSS Syntax Level 3 "consume a url token", "consume a string
// token", "consume an escaped code point" (§4.3), then the WHATWG URL parser (Node's
// `URL`) against the page. Only the plain shapes the tests write are read: `url(`,
// `@import "…"`/`'…'`, and strings directly inside `url(` or `image-set(`.

const PAGE = 'https://page.test/dir/style.css';

const isHex = (c: string) => /^[0-9a-fA-F]$/.test(c);
const isWhitespace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';
const isNewline = (c: string) => c === '\n' || c === '\r' || c === '\f';

/** §4.3.7: the escape whose `\` is at `at`; returns the code point's text and where it ends. */
function escapedCodePoint(css: string, at: number): [string, number] {
  let i = at + 1;
  if (i >= css.length) return ['\uFFFD', i];
  if (!isHex(css[i]!)) {
    const cp = css.codePointAt(i) as number;
    const ch = String.fromCodePoint(cp);
    return [ch, i + ch.length];
  }
  let hex = '';
  while (i < css.length && hex.length < 6 && isHex(css[i]!)) hex += css[i++];
  if (i < css.length && isWhitespace(css[i]!)) i += css[i] === '\r' && css[i + 1] === '\n' ? 2 : 1;
  const cp = parseInt(hex, 16);
  const ok = cp !== 0 && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff);
  return [ok ? String.fromCodePoint(cp) : '\uFFFD', i];
}

/** §4.3.5: the string whose opening quote is at `at`; null for a bad string. */
function stringToken(css: string, at: number): string | null {
  const quote = css[at];
  let out = '';
  for (let i = at + 1; i < css.length;) {
    const c = css[i]!;
    if (c === quote) return out;
    if (isNewline(c)) return null;
    if (c === '\\') {
      if (i + 1 >= css.length) return out;
      if (isNewline(css[i + 1]!)) { i += css[i + 1] === '\r' && css[i + 2] === '\n' ? 3 : 2; continue; }
      const [ch, end] = escapedCodePoint(css, i);
      out += ch;
      i = end;
      continue;
    }
    out += c === '\0' ? '\uFFFD' : c;
    i++;
  }
  return out; // EOF ends it
}

/** §4.3.6: the url token whose body starts at `at` (after `url(` and whitespace); null for a bad url. */
function urlToken(css: string, at: number): string | null {
  let out = '';
  for (let i = at; i < css.length;) {
    const c = css[i]!;
    if (c === ')') return out;
    if (isWhitespace(c)) {
      while (i < css.length && isWhitespace(css[i]!)) i++;
      return css[i] === ')' || i >= css.length ? out : null;
    }
    if (c === '"' || c === "'" || c === '(' || /[\x00-\x08\x0b\x0e-\x1f\x7f]/.test(c)) return null;
    if (c === '\\') {
      if (i + 1 >= css.length || isNewline(css[i + 1]!)) return null;
      const [ch, end] = escapedCodePoint(css, i);
      out += ch;
      i = end;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

/** The values of the URL positions of `css`, in order (null for a bad token). */
export function urlValues(css: string): Array<string | null> {
  const out: Array<string | null> = [];
  const re = /(?:url|image-set)\(\s*|@import\s*/gi;
  for (let m = re.exec(css); m !== null; m = re.exec(css)) {
    const at = m.index + m[0].length;
    const c = css[at];
    if (c === '"' || c === "'") out.push(stringToken(css, at));
    else if (m[0].toLowerCase().startsWith('url')) out.push(urlToken(css, at));
  }
  return out;
}

/** What the URL parser makes of a value on the page, or null when it refuses it. */
export function parsed(value: string): URL | null {
  try {
    return new URL(value, PAGE);
  } catch {
    return null;
  }
}

const PROTECTED = /(?:^|\.)example\.com$/;
const SPECIAL = new Set(['http:', 'https:', 'ws:', 'wss:']);

/** Whether a value leads the browser to a protected host (example.com and its subdomains) by an http(s)/ws(s) URL. */
export function reachesProtected(value: string): boolean {
  const url = parsed(value);
  return url !== null && SPECIAL.has(url.protocol) && PROTECTED.test(url.hostname.replace(/\.$/, ''));
}

/** The URL with its host proxied (suffix `proxy.test`), as the browser must then see it. */
export function proxiedHref(value: string): string {
  const url = parsed(value) as URL;
  const dot = url.hostname.endsWith('.') ? '.' : '';
  url.hostname = url.hostname.replace(/\.$/, '') + '.proxy.test' + dot;
  return url.href;
}
