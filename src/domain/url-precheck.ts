import { percentDecode } from './percent-view.js';
import type { HostScanner } from './scanner.js';
import { mapsToAscii } from './uts46-ascii.js';

// The fast path of URL positions: a value can be left without parsing only when it holds
// no protected host as text and no character through which the WHATWG URL parser could
// make one. The host parser (URL Standard, "host parsing") percent-decodes the host,
// decodes it as UTF-8 and runs UTS #46 (domain to ASCII), which maps some non-ASCII
// characters to ASCII and removes others (uts46-ascii.ts lists them); before any of that
// the parser drops every tab, LF and CR. On ASCII text the mapping only lower-cases,
// which the scanner's case-insensitive search already covers.

/** What can make host text: `%`, tab, LF, CR, and (checked one by one) non-ASCII. */
const PARSER_MADE = /[%\t\n\r\u0080-\uffff]/g;
/** Levels of percent-encoding followed before giving up and parsing. */
const MAX_DECODINGS = 5;

/** What decides the precheck besides the text. */
export interface PrecheckOptions {
  readonly scanner: HostScanner;
  /** Some protected base is an IPv4 address, which numbers (`2130706433`, `0x7f.1`) spell: always parse. */
  readonly addressBase: boolean;
  /** Some protected base has an IDN (`xn--`) label, which its Unicode forms spell: any non-ASCII counts. */
  readonly unicodeBase: boolean;
}

export function precheckOptions(scanner: HostScanner, bases: readonly string[]): PrecheckOptions {
  return {
    scanner,
    addressBase: bases.some((b) => /^\d+(?:\.\d+){3}$/.test(b)),
    unicodeBase: bases.some((b) => /(?:^|\.)xn--/.test(b)),
  };
}

/**
 * False only when no URL parsing of `text[from…]`, nor of any URL nested in it however
 * percent-encoded, can yield a protected host: the sound precheck of every URL position.
 */
export function mayYieldProtectedHost(options: PrecheckOptions, text: string, from = 0): boolean {
  if (options.addressBase || options.scanner.mayContainTail(text, from)) return true;
  return mayMakeHost(options, text, from, 0);
}

function mayMakeHost(options: PrecheckOptions, text: string, from: number, level: number): boolean {
  let percent = false;
  PARSER_MADE.lastIndex = from;
  for (let m = PARSER_MADE.exec(text); m !== null; m = PARSER_MADE.exec(text)) {
    const c = m[0].charCodeAt(0);
    if (c === 0x25) {
      percent = true;
      continue;
    }
    if (c < 0x80 || options.unicodeBase) return true;
    const cp = text.codePointAt(m.index) as number;
    if (mapsToAscii(cp)) return true;
    if (cp > 0xffff) PARSER_MADE.lastIndex = m.index + 2;
  }
  if (!percent) return false;
  if (level >= MAX_DECODINGS) return true;
  const tail = from === 0 ? text : text.slice(from);
  const decoded = percentDecode(tail);
  if (decoded === tail) return false;
  return options.scanner.mayContainTail(decoded) || mayMakeHost(options, decoded, 0, level + 1);
}
