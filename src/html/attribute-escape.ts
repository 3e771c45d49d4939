import { startsReference } from './char-refs.js';
import type { EscapeMode } from './codec.js';

/** The quote an attribute value was written with; '' for unquoted. */
export type Quote = '"' | "'" | '';

/**
 * What an unquoted value cannot hold without a parse error or an early end (ASCII
 * whitespace only: 0xA0 may be a byte of a UTF-8 sequence).
 */
export const NEEDS_QUOTES = /[\t\n\f\r "'=<>`]/;

/** The highest character code written as is, per escape mode. */
const RAW_MAX: Record<EscapeMode, number> = { unicode: 0x10ffff, bytes: 0xff, ascii: 0x7e };

/**
 * Escapes `text[from, to)` (decoded value text) for an attribute quoted with `quote`
 * ('' is escaped as for `"`: the caller quotes it if need be). `after` is what the
 * output holds right after this text: an `&` is escaped only when it, read on into
 * that, would start a character reference.
 */
export function escapeRange(text: string, from: number, to: number, quote: Quote, escape: EscapeMode, after = ''): string {
  const rawMax = RAW_MAX[escape];
  let out = '';
  let plain = from;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x26 && c !== 0x22 && c !== 0x27 && c <= rawMax) continue;
    const wide = c >= 0xd800 && c <= 0xdbff && i + 1 < to;
    let esc: string | null = null;
    if (c === 0x26) {
      // Enough of what follows to see a whole reference name (the longest is 32 characters).
      const ahead = text.slice(i, Math.min(to, i + 40));
      if (startsReference(ahead.length < 40 ? ahead + after.slice(0, 40) : ahead, 0)) esc = '&amp;';
    } else if (c === 0x22) {
      if (quote !== "'") esc = '&quot;';
    } else if (c === 0x27) {
      if (quote === "'") esc = '&#39;';
    } else {
      esc = `&#x${(text.codePointAt(i) as number).toString(16)};`;
    }
    if (esc !== null) {
      out += text.slice(plain, i) + esc;
      plain = i + (wide ? 2 : 1);
    }
    if (wide) i++;
  }
  return out + text.slice(plain, to);
}

/** A whole new value, double-quoted and escaped: used when the source cannot be mapped. */
export function wholeValue(next: string, escape: EscapeMode): string {
  const rawMax = RAW_MAX[escape];
  let out = '';
  for (const ch of next) {
    if (ch === '&') out += '&amp;';
    else if (ch === '"') out += '&quot;';
    else if (ch.charCodeAt(0) > rawMax) out += `&#x${(ch.codePointAt(0) as number).toString(16)};`;
    else out += ch;
  }
  return '"' + out + '"';
}
