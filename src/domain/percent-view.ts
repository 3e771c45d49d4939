// A percent-encoded piece of a URL (`https%3A%2F%2Fapp.example.com`) seen decoded, with
// the way back: edits made on the decoded text land on the bytes as written, their new
// text encoded the way the piece encodes. Nothing here throws: bytes that are not UTF-8
// decode to U+FFFD (as a server's decoder and the URL parser's UTF-8 decode do), and
// lone surrogates encode as U+FFFD's bytes (as the URL serializer does).

import type { Edit } from './edits.js';

/** A decoded piece and, for each of its UTF-16 units, where its spelling starts in the raw text. */
export interface PercentView {
  readonly text: string;
  /** `rawStart[k]` for `k` in `[0, text.length]`; the last entry is the raw length. */
  readonly rawStart: readonly number[];
  /** Whether the piece writes its escapes with lower-case hex (`%2f`). */
  readonly lowerHex: boolean;
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const l = c | 0x20;
  if (l >= 0x61 && l <= 0x66) return l - 0x61 + 10;
  return -1;
}

/** The byte `%XY` at `i` encodes, or -1. */
function escapedByte(raw: string, i: number): number {
  if (i + 2 >= raw.length || raw.charCodeAt(i) !== 0x25) return -1;
  const hi = hexValue(raw.charCodeAt(i + 1));
  const lo = hexValue(raw.charCodeAt(i + 2));
  return hi < 0 || lo < 0 ? -1 : (hi << 4) | lo;
}

/** Length of the UTF-8 sequence a lead byte starts, or 0 for a byte that cannot lead. */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/** The code point of `bytes` as one UTF-8 sequence, or -1 when it is not a valid one. */
function decodeSequence(bytes: number[]): number {
  const n = bytes.length;
  if (n === 1) return bytes[0];
  let cp = bytes[0] & (0xff >> (n + 1));
  for (let k = 1; k < n; k++) {
    if ((bytes[k] & 0xc0) !== 0x80) return -1;
    cp = (cp << 6) | (bytes[k] & 0x3f);
  }
  const min = n === 2 ? 0x80 : n === 3 ? 0x800 : 0x10000;
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return -1;
  return cp;
}

/**
 * Reads the escape run at `i`: the code point it spells (U+FFFD for bytes that are not
 * UTF-8, one byte at a time) and how many raw characters that takes; or null when `i`
 * holds no escape.
 */
function readEscaped(raw: string, i: number): { cp: number; length: number } | null {
  const b = escapedByte(raw, i);
  if (b < 0) return null;
  if (b < 0x80) return { cp: b, length: 3 };
  const n = sequenceLength(b);
  const bytes = [b];
  for (let k = 1; k < n; k++) {
    const more = escapedByte(raw, i + 3 * k);
    if (more < 0) break;
    bytes.push(more);
  }
  const cp = n > 0 && bytes.length === n ? decodeSequence(bytes) : -1;
  // An invalid sequence decodes its first byte alone to U+FFFD and starts over after it.
  return cp < 0 ? { cp: 0xfffd, length: 3 } : { cp, length: 3 * n };
}

/** `raw` with every `%XY` decoded (UTF-8), and the map back to `raw`. */
export function percentView(raw: string): PercentView {
  let text = '';
  const rawStart: number[] = [];
  let lowerHex = false;
  let i = 0;
  while (i < raw.length) {
    const e = readEscaped(raw, i);
    if (e === null) {
      rawStart.push(i);
      text += raw[i];
      i++;
      continue;
    }
    if (!lowerHex && /[a-f]/.test(raw.slice(i + 1, i + 3))) lowerHex = true;
    const s = String.fromCodePoint(e.cp);
    for (let k = 0; k < s.length; k++) rawStart.push(i);
    text += s;
    i += e.length;
  }
  rawStart.push(raw.length);
  return { text, rawStart, lowerHex };
}

/** `raw` with every `%XY` decoded (UTF-8, U+FFFD for what is not), without the map. */
export function percentDecode(raw: string): string {
  let i = raw.indexOf('%');
  if (i === -1) return raw;
  let out = '';
  let copied = 0;
  while (i !== -1) {
    const hi = hexValue(raw.charCodeAt(i + 1));
    const lo = hexValue(raw.charCodeAt(i + 2));
    if (hi < 0 || lo < 0) {
      i = raw.indexOf('%', i + 1);
      continue;
    }
    const b = (hi << 4) | lo;
    out += raw.slice(copied, i);
    if (b < 0x80) {
      out += String.fromCharCode(b);
      i += 3;
    } else {
      const e = readEscaped(raw, i) as { cp: number; length: number };
      out += String.fromCodePoint(e.cp);
      i += e.length;
    }
    copied = i;
    i = raw.indexOf('%', i);
  }
  return out + raw.slice(copied);
}

// What encodeURIComponent leaves as it is.
const UNRESERVED = /[A-Za-z0-9\-_.!~*'()]/;

/** `text` percent-encoded like encodeURIComponent, but lone surrogates become U+FFFD instead of throwing. */
export function encodeComponent(text: string, lowerHex = false): string {
  let out = '';
  for (const ch of text) {
    if (ch.length === 1 && UNRESERVED.test(ch)) {
      out += ch;
      continue;
    }
    const cp = ch.codePointAt(0) as number;
    const safe = cp >= 0xd800 && cp <= 0xdfff ? '\ufffd' : ch;
    for (const byte of Buffer.from(safe, 'utf8')) {
      const hex = byte.toString(16).padStart(2, '0');
      out += '%' + (lowerHex ? hex : hex.toUpperCase());
    }
  }
  return out;
}

/** Edits on `view.text` carried back onto the raw piece, their texts encoded as the piece encodes. */
export function editsToRaw(view: PercentView, edits: readonly Edit[]): Edit[] {
  return edits.map((e) => ({
    start: view.rawStart[e.start],
    end: view.rawStart[e.end],
    text: encodeComponent(e.text, view.lowerHex),
  }));
}
