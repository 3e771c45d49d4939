import type { HostScanner } from './scanner.js';

// The fast path of URL positions: a value can be left without parsing only when it holds
// no protected host as text and no character through which the WHATWG URL parser could
// make one. The host parser (URL Standard, "host parsing") percent-decodes the host,
// decodes it as UTF-8 and runs UTS #46 (domain to ASCII), which maps full-width letters
// and dots, `。` and mathematical letters to ASCII and removes soft hyphens and
// zero-width characters; before any of that the parser drops every tab, LF and CR. So:
// non-ASCII, `%`, tab, LF and CR. On ASCII text the mapping only lower-cases, which the
// scanner's case-insensitive search already covers.

/** Characters through which the parser can make host text that is not written as such. */
const PARSER_MADE = /[%\t\n\r\u0080-\uffff]/g;
/** The same after percent-decoding, where only what is left of `%` can go on decoding. */
const DECODED_PARSER_MADE = /[\t\n\r\u0080-\uffff]/;
const ESCAPE = /%([0-9a-fA-F]{2})/g;
/** Levels of percent-encoding followed before giving up and parsing. */
const MAX_DECODINGS = 5;

/** Whether some protected base is an IPv4 address, which numbers (`2130706433`, `0x7f.1`) can spell. */
export function hasAddressBase(bases: readonly string[]): boolean {
  return bases.some((b) => /^\d+(?:\.\d+){3}$/.test(b));
}

/**
 * False only when no URL parsing of `text[from…]`, nor of any URL nested in it however
 * percent-encoded, can yield a protected host: the sound precheck of every URL position.
 */
export function mayYieldProtectedHost(scanner: HostScanner, text: string, from = 0): boolean {
  if (scanner.mayContain(text, from)) return true;
  PARSER_MADE.lastIndex = from;
  const m = PARSER_MADE.exec(text);
  if (m === null) return false;
  if (m[0] !== '%') return true;
  // Only `%` so far: decode (bytes as Latin-1, so any non-ASCII byte shows) and look again.
  let decoded = from === 0 ? text : text.slice(from);
  for (let level = 0; level < MAX_DECODINGS; level++) {
    const next = decoded.replace(ESCAPE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    if (next === decoded) return DECODED_PARSER_MADE.test(decoded);
    decoded = next;
    if (DECODED_PARSER_MADE.test(decoded) || scanner.mayContain(decoded)) return true;
  }
  return true;
}
