import { BACKSLASH } from './chars.js';

// A JavaScript or JSON string literal's body seen as the string the code holds, with the
// way back: what the URL parser reads is that string, not the source text (`\u0061` is
// `a`, `\t` a tab it drops, `\/` a slash). JSON's escapes are a subset of JavaScript's,
// read the same. In `bytes` mode the text is a body's bytes read as Latin-1 (the byte
// streams), which the browser decodes as UTF-8 before running or parsing it: a valid
// UTF-8 sequence is read as its character, any other byte as itself.

/** The decoded value and, for each of its UTF-16 units, where its spelling starts and ends in the raw text. */
export interface LiteralView {
  readonly text: string;
  /** `rawStart[k]` for `k` in `[0, text.length]`: absolute offsets, the last entry the range's end. */
  readonly rawStart: readonly number[];
  /**
   * `rawEnd[k]` for `k` in `[0, text.length)`: where unit `k`'s spelling ends. It differs
   * from `rawStart[k + 1]` after a spelling of nothing (a line continuation, a lone `\`
   * at the end): text added after unit `k` goes here, never after such a spelling.
   */
  readonly rawEnd: readonly number[];
}

const SIMPLE: Readonly<Record<number, number>> = { 0x62: 8, 0x66: 12, 0x6e: 10, 0x72: 13, 0x74: 9, 0x76: 11 };

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const l = c | 0x20;
  return l >= 0x61 && l <= 0x66 ? l - 0x61 + 10 : -1;
}

/** The value of `n` hex digits at `i`, or -1. */
function hexAt(raw: string, i: number, n: number, to: number): number {
  if (i + n > to) return -1;
  let v = 0;
  for (let k = 0; k < n; k++) {
    const h = hexValue(raw.charCodeAt(i + k));
    if (h < 0) return -1;
    v = v * 16 + h;
  }
  return v;
}

function isLineTerminator(c: number): boolean {
  return c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;
}

function isOctal(c: number): boolean {
  return c >= 0x30 && c <= 0x37;
}

/**
 * The escape at `i` (a backslash): the code point it stands for (-1: nothing, a line
 * continuation) and its raw length. ECMAScript "EscapeSequence" and
 * "LineContinuation", legacy octal included; a malformed `\x` or `\u` reads as the
 * letter, as engines that accept it do.
 */
export function readEscape(raw: string, i: number, to: number): { cp: number; length: number } {
  if (i + 1 >= to) return { cp: -1, length: to - i };
  const c = raw.charCodeAt(i + 1);
  if (isLineTerminator(c)) return { cp: -1, length: c === 0x0d && raw.charCodeAt(i + 2) === 0x0a && i + 2 < to ? 3 : 2 };
  const simple = SIMPLE[c];
  if (simple !== undefined) return { cp: simple, length: 2 };
  if (c === 0x78 /* x */) {
    const v = hexAt(raw, i + 2, 2, to);
    if (v >= 0) return { cp: v, length: 4 };
  } else if (c === 0x75 /* u */) {
    if (raw.charCodeAt(i + 2) === 0x7b /* { */) {
      const close = raw.indexOf('}', i + 3);
      if (close > i + 3 && close < to && close - i - 3 <= 8) {
        const v = hexAt(raw, i + 3, close - i - 3, to);
        if (v >= 0 && v <= 0x10ffff) return { cp: v, length: close - i + 1 };
      }
    } else {
      const v = hexAt(raw, i + 2, 4, to);
      if (v >= 0) return { cp: v, length: 6 };
    }
  } else if (isOctal(c)) {
    // ZeroToThree OctalDigit OctalDigit, FourToSeven OctalDigit, or one digit.
    const max = c <= 0x33 ? 3 : 2;
    let n = 1;
    let v = c - 0x30;
    while (n < max && i + 1 + n < to && isOctal(raw.charCodeAt(i + 1 + n))) v = v * 8 + raw.charCodeAt(i + 1 + n++) - 0x30;
    return { cp: v, length: 1 + n };
  }
  const cp = raw.codePointAt(i + 1) as number;
  return { cp, length: cp > 0xffff ? 3 : 2 };
}

/** Length of the UTF-8 sequence a lead byte starts, or 0 for a byte that cannot lead. */
function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** The code point of the UTF-8 sequence of Latin-1-read bytes at `i` and its length, or null when there is none. */
export function readUtf8(raw: string, i: number, to: number): { cp: number; length: number } | null {
  const lead = raw.charCodeAt(i);
  const n = sequenceLength(lead);
  if (n === 0 || i + n > to) return null;
  let cp = lead & (0xff >> (n + 1));
  for (let k = 1; k < n; k++) {
    const b = raw.charCodeAt(i + k);
    if ((b & 0xc0) !== 0x80 || b > 0xff) return null;
    cp = (cp << 6) | (b & 0x3f);
  }
  const min = n === 2 ? 0x80 : n === 3 ? 0x800 : 0x10000;
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return null;
  return { cp, length: n };
}

/** Whether `raw[from, to)` reads as itself: no escape, and (in bytes mode) no byte past ASCII. */
export function isPlainLiteral(raw: string, from: number, to: number, bytes: boolean): boolean {
  for (let i = from; i < to; i++) {
    const c = raw.charCodeAt(i);
    if (c === BACKSLASH || (bytes && c >= 0x80)) return false;
  }
  return true;
}

/** `raw[from, to)` decoded as the string the code holds, and the map back. */
export function literalView(raw: string, from: number, to: number, bytes: boolean): LiteralView {
  let text = '';
  const rawStart: number[] = [];
  const rawEnd: number[] = [];
  let i = from;
  let plainFrom = from;
  const flushPlain = (upTo: number): void => {
    if (upTo <= plainFrom) return;
    text += raw.slice(plainFrom, upTo);
    for (let k = plainFrom; k < upTo; k++) {
      rawStart.push(k);
      rawEnd.push(k + 1);
    }
  };
  while (i < to) {
    const c = raw.charCodeAt(i);
    let read: { cp: number; length: number } | null = null;
    if (c === BACKSLASH) read = readEscape(raw, i, to);
    else if (bytes && c >= 0x80) read = readUtf8(raw, i, to);
    if (read === null) {
      i++;
      continue;
    }
    flushPlain(i);
    if (read.cp >= 0) {
      const s = String.fromCodePoint(read.cp);
      text += s;
      for (let k = 0; k < s.length; k++) {
        rawStart.push(i);
        rawEnd.push(i + read.length);
      }
    }
    i += read.length;
    plainFrom = i;
  }
  flushPlain(to);
  rawStart.push(to);
  return { text, rawStart, rawEnd };
}

/** `raw[from, to)` decoded as the string the code holds, without the map back (a short stretch looked at once). */
export function decodeLiteral(raw: string, from: number, to: number, bytes: boolean): string {
  let text = '';
  let plainFrom = from;
  let i = from;
  while (i < to) {
    const c = raw.charCodeAt(i);
    const read = c === BACKSLASH ? readEscape(raw, i, to) : bytes && c >= 0x80 ? readUtf8(raw, i, to) : null;
    if (read === null) {
      i++;
      continue;
    }
    text += raw.slice(plainFrom, i);
    if (read.cp >= 0) text += String.fromCodePoint(read.cp);
    i += read.length;
    plainFrom = i;
  }
  return plainFrom === from ? raw.slice(from, to) : text + raw.slice(plainFrom, to);
}

/**
 * `text` written into a JavaScript or JSON string literal of any quoting (and a template
 * literal), read back as `text`: backslash, quotes, `$`, `<`, controls and everything
 * past ASCII as escapes valid in both languages, so it also stands in a byte stream read
 * as Latin-1. What the URL rule writes is ASCII URL text, so this is rarely more than a copy.
 */
export function encodeForLiteral(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f && c !== BACKSLASH && c !== 0x22 && c !== 0x27 && c !== 0x60 && c !== 0x24 && c !== 0x3c) continue;
    out += text.slice(from, i) + (c === BACKSLASH ? '\\\\' : '\\u' + c.toString(16).padStart(4, '0'));
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}
