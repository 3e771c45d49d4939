import { quoteBody, quotedStringEnd, unquote } from './quoted-string.js';

/** One string item of a structured field (RFC 8941): a list member, an inner-list member or a dictionary value. */
export interface SfStringItem {
  /** The opening quote. */
  readonly start: number;
  /** Just after the closing quote (the end of the value when the string is never closed). */
  readonly end: number;
  /** The string's value: `\"` and `\\` unescaped. */
  readonly text: string;
  /** False for a string the value cuts off: a parser refuses it, and it stays unclosed. */
  readonly closed: boolean;
  /** True for a top-level member value, false inside an inner list `( … )`. */
  readonly bare: boolean;
  /** The top-level member the item belongs to (0, 1, … by `,`). */
  readonly member: number;
}

/**
 * The string items of a structured-field list or dictionary, in order, parameter values
 * (`;report-to="…"`) left out: they name things, they hold no URL. A tolerant single
 * pass, no regex: a comma or parenthesis inside a string neither splits nor nests, a
 * string the value cuts off runs to its end (and is still an item, so a broken header
 * cannot hide a URL from the rewriters).
 */
export function sfStringItems(value: string): SfStringItem[] {
  const items: SfStringItem[] = [];
  let inList = false;
  let member = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x28 /* ( */) inList = true;
    else if (c === 0x29 /* ) */) inList = false;
    else if (c === 0x2c /* , */ && !inList) member++;
    else if (c === 0x22 /* " */) {
      const close = quotedStringEnd(value, i);
      const closed = close < value.length;
      if (!isParameterValue(value, i)) {
        items.push({ start: i, end: closed ? close + 1 : close, text: unquote(value.slice(i + 1, close)), closed, bare: !inList, member });
      }
      i = close;
    }
  }
  return items;
}

/** `text` as a structured-field string: quoted, `"` and `\` escaped; left open when the original was. */
export function sfString(text: string, closed = true): string {
  return '"' + quoteBody(text) + (closed ? '"' : '');
}

/**
 * Whether the string opening at `quote` is a parameter value: `=` right before it, and
 * before that a key (`a-z0-9_-.*`) that a `;` introduces (RFC 8941 `parameters`:
 * `";" *SP key "=" value`); a dictionary member's key follows the start, `,` or spaces.
 */
function isParameterValue(value: string, quote: number): boolean {
  if (value.charCodeAt(quote - 1) !== 0x3d /* = */) return false;
  let i = quote - 2;
  while (i >= 0 && isKeyChar(value.charCodeAt(i))) i--;
  while (i >= 0 && value.charCodeAt(i) === 0x20) i--;
  return i >= 0 && value.charCodeAt(i) === 0x3b /* ; */;
}

function isKeyChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x2d || c === 0x2e || c === 0x2a;
}
