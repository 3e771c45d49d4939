import type { AuthoritySpans } from './url-authority.js';

// The fast path of the URL rule's own-host decision: a value whose authority is spelled
// so plainly that what the WHATWG URL parser makes of it can be read off the text, with
// no parse. Only the scheme, the two slashes and the authority are read: after the
// authority of a special URL (ended by `/`, `?`, `#` or the end; `\` sends the value to
// the parser) nothing can change the host or the port, and the path, query and fragment
// are left as written by every edit either path makes. Anything else is null, and the
// parser decides (own-host.ts). test/url/url-plain.property.test.ts proves both paths agree.
//
// Plain means: `http:`, `https:`, `ws:` or `wss:` (any case) then exactly `//`, or a
// value that starts with exactly `//`; a host of ASCII letters, digits, `-` and `.` with
// no empty label but an optional trailing dot, no `xn--` (Punycode is decoded and
// checked by the parser), whose last label starts with a letter (so the parser's
// "ends in a number" check cannot make it an IPv4 address); then an optional port of
// ASCII digits up to 65535. On such a host the parser's domain to ASCII only
// lower-cases, and the port parser only drops leading zeros and the scheme's default.

/** What the parser would make of a plain value's scheme, host and port. */
export interface PlainUrl extends AuthoritySpans {
  /** The scheme lower-cased with its colon (`https:`), or null for a scheme-relative value. */
  readonly protocol: string | null;
  /** The host lower-cased, trailing dot kept: the parser's `hostname`. */
  readonly hostname: string;
  /** The port as a number's digits (`0443` gives `443`), or '' for none or an empty one; the scheme's default is the caller's to drop. */
  readonly port: string;
}

const SLASH = 0x2f;
const COLON = 0x3a;
const MAX_PORT = 65535;

// What each ASCII code is in a plain host; every other code (non-ASCII too) is OTHER.
const OTHER = 0;
/** A lower-case letter, a digit or `-`. */
const LABEL = 1;
const UPPER = 2;
const DOT = 3;
const HOST_CLASS = new Uint8Array(128);
for (let c = 0x61; c <= 0x7a; c++) HOST_CLASS[c] = LABEL;
for (let c = 0x30; c <= 0x39; c++) HOST_CLASS[c] = LABEL;
HOST_CLASS[0x2d] = LABEL;
for (let c = 0x41; c <= 0x5a; c++) HOST_CLASS[c] = UPPER;
HOST_CLASS[0x2e] = DOT;

function hostClass(c: number): number {
  return c < 128 ? HOST_CLASS[c] : OTHER;
}
function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
/** Lower-cases an ASCII letter's code; no other code becomes a lower-case letter. */
function lower(c: number): number {
  return c | 0x20;
}
function isLetter(c: number): boolean {
  const l = lower(c);
  return l >= 0x61 && l <= 0x7a;
}
/** Where the authority of a special URL may end without sending the value to the parser. */
function endsAuthority(c: number): boolean {
  return c === SLASH || c === 0x3f /* ? */ || c === 0x23 /* # */;
}

/** The special scheme `value` starts with (`http`, `https`, `ws`, `wss`, any case) as `http:` …, or null. */
function specialProtocol(value: string): string | null {
  if (value.length < 6) return null; // the shortest, `ws://h`
  const c0 = lower(value.charCodeAt(0));
  if (c0 === 0x68 /* h */) {
    if (lower(value.charCodeAt(1)) !== 0x74 || lower(value.charCodeAt(2)) !== 0x74 || lower(value.charCodeAt(3)) !== 0x70) return null;
    const c4 = value.charCodeAt(4);
    if (c4 === COLON) return 'http:';
    return lower(c4) === 0x73 && value.charCodeAt(5) === COLON ? 'https:' : null;
  }
  if (c0 === 0x77 /* w */) {
    if (lower(value.charCodeAt(1)) !== 0x73) return null;
    const c2 = value.charCodeAt(2);
    if (c2 === COLON) return 'ws:';
    return lower(c2) === 0x73 && value.charCodeAt(3) === COLON ? 'wss:' : null;
  }
  return null;
}

/** Whether the label starting at `i` starts with `xn--` (any case). */
function isPunycodeLabel(value: string, i: number): boolean {
  return i + 4 <= value.length && lower(value.charCodeAt(i)) === 0x78 && lower(value.charCodeAt(i + 1)) === 0x6e &&
    value.charCodeAt(i + 2) === 0x2d && value.charCodeAt(i + 3) === 0x2d;
}

/** `value` read as a plain special URL, or null when only the parser can say. */
export function readPlainUrl(value: string): PlainUrl | null {
  const n = value.length;
  let i = 0;
  let scheme: AuthoritySpans['scheme'] = null;
  let protocol: string | null = null;
  if (n < 3) return null;
  if (value.charCodeAt(0) !== SLASH) {
    protocol = specialProtocol(value);
    if (protocol === null) return null;
    i = protocol.length;
    scheme = { start: 0, end: i - 1 };
  }
  if (i + 2 >= n || value.charCodeAt(i) !== SLASH || value.charCodeAt(i + 1) !== SLASH) return null;
  i += 2;

  const hostStart = i;
  let labelStart = i;
  let previousLabel = i;
  let upper = false;
  for (; i < n; i++) {
    const kind = hostClass(value.charCodeAt(i));
    if (i === labelStart && (kind === DOT || isPunycodeLabel(value, i))) return null; // an empty label, or Punycode
    if (kind === LABEL) continue;
    if (kind === UPPER) {
      upper = true;
      continue;
    }
    if (kind !== DOT) break;
    previousLabel = labelStart;
    labelStart = i + 1;
  }
  const hostEnd = i;
  // The last label (the one before a trailing dot) starts with a letter, so it is no number.
  const lastLabel = labelStart < hostEnd ? labelStart : previousLabel;
  if (hostEnd === hostStart || !isLetter(value.charCodeAt(lastLabel))) return null;

  let portColon = -1;
  let port = '';
  if (i < n && value.charCodeAt(i) === COLON) {
    portColon = i;
    i++;
    let number = 0;
    let digits = false;
    for (; i < n && isDigit(value.charCodeAt(i)); i++) {
      number = number * 10 + (value.charCodeAt(i) - 0x30);
      if (number > MAX_PORT) return null;
      digits = true;
    }
    if (digits) port = String(number);
  }
  if (i < n && !endsAuthority(value.charCodeAt(i))) return null;

  const hostname = upper ? value.slice(hostStart, hostEnd).toLowerCase() : value.slice(hostStart, hostEnd);
  return { scheme, hostStart, hostEnd, portColon, authorityEnd: i, protocol, hostname, port };
}
