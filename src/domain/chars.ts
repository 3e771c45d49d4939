// Character classes shared by the scanner and the mappers, as code-unit tables so the
// hot loops do one array load per character.

const LABEL = new Uint8Array(128);
for (let c = 0x30; c <= 0x39; c++) LABEL[c] = 1;
for (let c = 0x41; c <= 0x5a; c++) LABEL[c] = 1;
for (let c = 0x61; c <= 0x7a; c++) LABEL[c] = 1;
LABEL[0x2d] = 1; // -
LABEL[0x5f] = 1; // _ (not valid in host names, but label-like: never glue a host to it)

const HEX = new Uint8Array(128);
for (let c = 0x30; c <= 0x39; c++) HEX[c] = 1;
for (let c = 0x41; c <= 0x46; c++) HEX[c] = 1;
for (let c = 0x61; c <= 0x66; c++) HEX[c] = 1;

/** A letter, digit, `-` or `_`: a character that can continue a DNS label. */
export function isLabelCode(c: number): boolean {
  return c < 128 && LABEL[c] === 1;
}

/** Non-ASCII characters count as label-like: they may be part of an IDN label. */
export function isLabelLike(c: number): boolean {
  return c >= 128 || LABEL[c] === 1;
}

export function isHexCode(c: number): boolean {
  return c < 128 && HEX[c] === 1;
}

export function isDigitCode(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** A tab, LF or CR: what the URL parser removes from anywhere in its input. */
export function isTabOrNewlineCode(c: number): boolean {
  return c === 0x09 || c === 0x0a || c === 0x0d;
}

export function isAlphaCode(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** A character that can continue a URL scheme: a letter, a digit, `+`, `-` or `.`. */
export function isSchemeCode(c: number): boolean {
  return isAlphaCode(c) || isDigitCode(c) || c === 0x2b || c === 0x2d || c === 0x2e;
}

export const BACKSLASH = 0x5c;
export const DOT = 0x2e;
