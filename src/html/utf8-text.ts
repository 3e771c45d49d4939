/**
 * UTF-8 bytes (held one per character, as Latin-1) to text and back without loss: a valid
 * sequence becomes its character, and every byte of an invalid one becomes the lone low
 * surrogate U+DC80 + byte (Python's "surrogateescape"), which the way back turns into the
 * byte again. No valid UTF-8 decodes to a lone surrogate, so the two never mix up. A lone
 * surrogate reads, to the URL parser and the JS and CSS rewriters, as one more character
 * that is not ASCII, as the browser's U+FFFD would.
 */

const ESCAPE_BASE = 0xdc00;
const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Whether `c` is a continuation byte 0x80-0xBF. */
function cont(c: number): boolean {
  return c >= 0x80 && c <= 0xbf;
}

/** The length of the valid UTF-8 sequence at `b[i]` (WHATWG's byte ranges), or 0. */
function sequenceLength(b: Buffer, i: number): number {
  const c = b[i] as number;
  if (c < 0x80) return 1;
  const n = b.length;
  const c1 = i + 1 < n ? (b[i + 1] as number) : -1;
  if (c >= 0xc2 && c <= 0xdf) return cont(c1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    const lo = c === 0xe0 ? 0xa0 : 0x80;
    const hi = c === 0xed ? 0x9f : 0xbf;
    return c1 >= lo && c1 <= hi && i + 2 < n && cont(b[i + 2] as number) ? 3 : 0;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    const lo = c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xf4 ? 0x8f : 0xbf;
    return c1 >= lo && c1 <= hi && i + 3 < n && cont(b[i + 2] as number) && cont(b[i + 3] as number) ? 4 : 0;
  }
  return 0;
}

/** The text of UTF-8 `bytes`, invalid bytes escaped. */
function decodeBytes(bytes: Buffer): string {
  try {
    return fatal.decode(bytes);
  } catch {
    // Invalid somewhere: sequence by sequence.
  }
  let out = '';
  let from = 0;
  let i = 0;
  while (i < bytes.length) {
    const len = sequenceLength(bytes, i);
    if (len > 0) {
      i += len;
      continue;
    }
    if (from < i) out += bytes.toString('utf8', from, i);
    out += String.fromCharCode(ESCAPE_BASE + (bytes[i] as number));
    i++;
    from = i;
  }
  return from < bytes.length ? out + bytes.toString('utf8', from) : out;
}

const NON_ASCII = /[^\x00-\x7f]/;
const ABOVE_BYTE = /[^\x00-\xff]/;

/**
 * The text a stretch of the byte view stands for. Characters above U+00FF (what a
 * character reference decoded to, kept in the view as is) stay as they are.
 */
export function utf8ViewToText(view: string): string {
  if (!NON_ASCII.test(view)) return view;
  if (!ABOVE_BYTE.test(view)) return decodeBytes(Buffer.from(view, 'latin1'));
  let out = '';
  let i = 0;
  const n = view.length;
  while (i < n) {
    let j = i;
    while (j < n && view.charCodeAt(j) <= 0xff) j++;
    if (j > i) out += decodeBytes(Buffer.from(view.slice(i, j), 'latin1'));
    i = j;
    while (j < n && view.charCodeAt(j) > 0xff) j++;
    out += view.slice(i, j);
    i = j;
  }
  return out;
}

/** Whether `text[i]` is a lone low surrogate standing for an escaped byte. */
function isEscape(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0xdc80 || c > 0xdcff) return false;
  const p = i > 0 ? text.charCodeAt(i - 1) : 0;
  return !(p >= 0xd800 && p <= 0xdbff);
}

const MAY_ESCAPE = /[\udc80-\udcff]/;

/** Text back to the byte view: its UTF-8 bytes as Latin-1, escaped bytes as themselves. */
export function utf8TextToView(text: string): string {
  if (!NON_ASCII.test(text)) return text;
  if (!MAY_ESCAPE.test(text)) return Buffer.from(text, 'utf8').toString('latin1');
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    if (!isEscape(text, i)) continue;
    if (from < i) out += Buffer.from(text.slice(from, i), 'utf8').toString('latin1');
    out += String.fromCharCode(text.charCodeAt(i) - ESCAPE_BASE);
    from = i + 1;
  }
  return from < text.length ? out + Buffer.from(text.slice(from), 'utf8').toString('latin1') : out;
}
