// The non-ASCII code points through which the URL host parser can write a host name:
// those UTS #46 (domain to ASCII, as the URL Standard runs it) maps to letters, digits,
// `-`, `_` or `.` only (full-width letters and digits, `。` and other dots, mathematical
// and circled letters, the Kelvin sign, long s, ligatures) or ignores (soft hyphen,
// zero-width characters, variation selectors); combining marks are in too, as they
// compose with the letter before them. Every other non-ASCII character leaves a host
// non-ASCII (then punycode, `xn--…`), holding punctuation, or invalid: never a
// protected host, whose names are ASCII labels (IDN bases are handled apart).
//
// Generated from Node's `url.domainToUnicode('a' + c + 'a.com')` for every code point;
// test/domain/uts46-ascii.test.ts checks this table against the running Node and prints
// a fresh one when they differ.

/** Hex code points and ranges, space separated. */
export const UTS46_ASCII_SOURCE = [
  'aa ad b2-b3 b9-ba 132-133 17f 1c7-1cc 1f1-1f3 2b0 2b2-2b3 2b7-2b8 2e1-2e3 300-304 306-30a 30c',
  '30f 311 323 325 328 340-341 34f 180b-180d 180f 1d2c 1d2e 1d30-1d31 1d33-1d3a 1d3c 1d3e-1d43',
  '1d47-1d49 1d4d 1d4f-1d50 1d52 1d56-1d58 1d5b 1d62-1d65 1d9c 1da0 1dbb 1e9e 200b 2060 2064',
  '2070-2071 2074-2079 207f-2089 2090-2093 2095-209c 20a8 2102 210a-210e 2110-2113 2115-2116',
  '2119-211d 2120-2122 2124 2128 212a 212c-212d 212f-2131 2133-2134 2139 213b 2145-2149 2160-217f',
  '2460-2473 24b6-24ea 2c7c-2c7d 3002 3250-325f 32b1-32bf 32cc-32cf 3371-337a 3380-3381 3383-338b',
  '338e-3394 3396-339a 339c-33a6 33a9-33ad 33b0-33b1 33b3-33b5 33b7-33bb 33bd-33bf 33c3-33c5',
  '33c8-33d7 33d9-33dd 33ff a7f2-a7f4 fb00-fb06 fe00-fe0f fe33-fe34 fe4d-fe4f fe63 feff ff0d-ff0e',
  'ff10-ff19 ff21-ff3a ff3f ff41-ff5a ff61 107a5 1bca0-1bca3 1d400-1d454 1d456-1d49c 1d49e-1d49f',
  '1d4a2 1d4a5-1d4a6 1d4a9-1d4ac 1d4ae-1d4b9 1d4bb 1d4bd-1d4c3 1d4c5-1d505 1d507-1d50a 1d50d-1d514',
  '1d516-1d51c 1d51e-1d539 1d53b-1d53e 1d540-1d544 1d546 1d54a-1d550 1d552-1d6a3 1d7ce-1d7ff',
  '1f12b-1f12e 1f130-1f14f 1f16a-1f16c 1f190 1fbf0-1fbf9 e0100-e01ef',
].join(' ');

const bounds: number[] = [];
for (const item of UTS46_ASCII_SOURCE.split(' ')) {
  const [lo, hi = lo] = item.split('-');
  bounds.push(parseInt(lo, 16), parseInt(hi, 16));
}

/** Whether the host parser can make host-name characters (or nothing) of code point `cp` (≥ 0x80). */
export function mapsToAscii(cp: number): boolean {
  let lo = 0;
  let hi = bounds.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < bounds[2 * mid]) hi = mid - 1;
    else if (cp > bounds[2 * mid + 1]) lo = mid + 1;
    else return true;
  }
  return false;
}
