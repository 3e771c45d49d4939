// CSS Syntax Level 3 character classes (§4.2), as code-unit tables so the tokenizer's
// hot loops do one array load per character. Code units >= 0x80 count as name code
// points: in a latin1-decoded byte stream every UTF-8 byte of a non-ASCII character is
// then a name character too, which keeps chunk splits inside UTF-8 sequences harmless.

const NAME = new Uint8Array(128);
for (let c = 0x30; c <= 0x39; c++) NAME[c] = 1;
for (let c = 0x41; c <= 0x5a; c++) NAME[c] = 1;
for (let c = 0x61; c <= 0x7a; c++) NAME[c] = 1;
NAME[0x2d] = 1; // -
NAME[0x5f] = 1; // _

const HEX = new Uint8Array(128);
for (let c = 0x30; c <= 0x39; c++) HEX[c] = 1;
for (let c = 0x41; c <= 0x46; c++) HEX[c] = 1;
for (let c = 0x61; c <= 0x66; c++) HEX[c] = 1;

export const BACKSLASH = 0x5c;
export const LF = 0x0a;
export const CR = 0x0d;
export const FF = 0x0c;

/** A name code point: letter, digit, `-`, `_` or non-ASCII. */
export function isNameCode(c: number): boolean {
  return c >= 128 || NAME[c] === 1;
}

/** A name-start code point: letter, `_` or non-ASCII. */
export function isNameStartCode(c: number): boolean {
  return c >= 128 || (NAME[c] === 1 && c !== 0x2d && (c < 0x30 || c > 0x39));
}

export function isHexCode(c: number): boolean {
  return c < 128 && HEX[c] === 1;
}

/** CSS whitespace: space, tab, and the newlines LF, CR, FF. */
export function isWhitespaceCode(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === LF || c === CR || c === FF;
}

export function isNewlineCode(c: number): boolean {
  return c === LF || c === CR || c === FF;
}
