import { domainToASCII } from 'node:url';
import { percentDecode } from './percent-view.js';
import type { PrecheckOptions } from './url-precheck.js';
import { mapsToAscii } from './uts46-ascii.js';

// Whether a stretch of a string's value, once the parser has read it, may hold a
// protected host: sharper than the URL precheck (url-precheck.ts), which passes any
// value holding `%` or a character UTS #46 maps, because here the stretch is small and
// such a character is the very reason it is looked at. A host the parser reads lies
// between ASCII characters no host holds (`/`, `:`, `@`, `?`, a space, a quote …), so
// each piece between them is read as the host parser reads a host: tabs and newlines
// dropped (the URL parser drops them first), percent-decoded, then domain-to-ASCII.

/** Levels of percent-encoding followed (`%2561` is `%61` is `a`), as the URL precheck does. */
const MAX_DECODINGS = 5;
const TABS_AND_NEWLINES = /[\t\n\r]/g;
const NON_ASCII = /[^\x00-\x7f]/;
/** ASCII that no host name holds: where the pieces of a value are cut. `%` stays (decoded below). */
const NOT_HOST = /[^A-Za-z0-9\-_.%\u0080-\uffff]+/;

/**
 * False only when no piece of `value`, read as a host (also after each level of
 * percent-decoding, which may spell the slashes and colon of a URL nested in it), can be
 * a protected host or hold one's name.
 */
export function mayHoldProtectedHost(options: PrecheckOptions, value: string, level = 0): boolean {
  if (options.addressBase) return true;
  const text = value.replace(TABS_AND_NEWLINES, '');
  if (options.scanner.mayContainTail(text)) return true;
  if (NON_ASCII.test(text)) {
    if (options.unicodeBase) return true;
    for (const piece of text.split(NOT_HOST)) {
      if (!mayMap(piece)) continue;
      const ascii = domainToASCII(piece);
      if (ascii !== '' && options.scanner.mayContainTail(ascii)) return true;
    }
  }
  if (level >= MAX_DECODINGS || !text.includes('%')) return false;
  const decoded = percentDecode(text);
  return decoded !== text && mayHoldProtectedHost(options, decoded, level + 1);
}

/** Whether UTS #46 can turn some character of `piece` into host-name characters (or drop it). */
function mayMap(piece: string): boolean {
  for (let i = 0; i < piece.length; i++) {
    const c = piece.charCodeAt(i);
    if (c < 0x80) continue;
    const cp = piece.codePointAt(i) as number;
    if (mapsToAscii(cp)) return true;
    if (cp > 0xffff) i++;
  }
  return false;
}
