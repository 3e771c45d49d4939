import { isLabelCode } from './chars.js';
import type { Direction } from './direction.js';
import type { Edit } from './edits.js';
import { MappingError } from './errors.js';
import { emitEvent, type EventListener } from './events.js';
import type { HostOccurrence } from './scanner.js';
import type { ValueView } from './string-value.js';

// Rule 3b for a whole string that is a host the text scan cannot read: written in Unicode
// (`"bücher.example.com"`), with full-width letters or `。` (`"ｅｘａｍｐｌｅ.com"`),
// percent-encoded (`"%65xample.com"`), or through the language's escapes
// (`"\u0065xample.com"`). Such a string is what host comparisons, `document.domain` and
// cookie domains hold, and what `location.hostname = s` or `url.host = s` hands to the
// URL parser, whose host parsing (percent-decoding, then UTS #46 domain-to-ASCII) makes
// a host of it: the value is read that way (by Node's URL) and proxied when that host is
// protected; the edit keeps the text as written (the suffix after it).

// Labels of letters, digits, `-`, `_`, `%` and anything past ASCII, joined by dots,
// optionally after `.` or `*.` (suffix tests, cookie domains, wildcards). No tab or
// newline: the host parser refuses them (only a whole URL's parse drops them).
const SPELLED_HOST = /^(\*\.|\.)?([A-Za-z0-9_\-.%\u0080-\uffff]{1,1024})$/;
/** Raw length past which a string is no host name, however escaped (253 characters, six for each escape). */
const MAX_SPELLED_HOST = 2048;
/** Besides label characters, what such a host may be written with: dots, the wildcard, `%`, escapes and line continuations. */
const HOST_EXTRA = new Set([0x2e, 0x2a, 0x25, 0x5c, 0x7b, 0x7d, 0x0a, 0x0d]);

/**
 * Whether the string `text[from, to)` may be a host name the text scan cannot read: host
 * characters and escapes only, not too long, and something only the parser or the
 * language reads (`%`, an escape, a character past ASCII).
 */
export function mayBeSpelledHost(text: string, from: number, to: number): boolean {
  if (to - from > MAX_SPELLED_HOST) return false;
  let spelled = false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80 || c === 0x25 || c === 0x5c) spelled = true;
    else if (!isLabelCode(c) && !HOST_EXTRA.has(c)) return false;
  }
  return spelled;
}

/** The host the URL parser's host parsing makes of `name`, or '' when it refuses it. */
function parsedHost(name: string): string {
  try {
    return new URL(`http://${name}/`).hostname;
  } catch {
    return '';
  }
}

/**
 * The occurrence of the whole string `view` (starting at raw `from`) as a host, or null
 * when it is none, or not protected, or has no twin (reported).
 */
export function spelledHostOccurrence(
  direction: Direction, view: ValueView, from: number, onEvent?: EventListener,
): HostOccurrence | null {
  const m = SPELLED_HOST.exec(view.text);
  if (m === null) return null;
  const prefix = m[1] ?? '';
  const ascii = parsedHost(m[2] as string);
  const leadingDot = prefix !== '';
  const wildcard = prefix === '*.';
  if (ascii === '' || ascii.endsWith('.') || !direction.accepts(ascii, leadingDot)) return null;
  const hostStart = view.rawAt(prefix.length);
  // The host's spelling ends with its last unit's (not after a trailing line continuation).
  const hostEnd = view.rawEndOf(view.text.length - 1);
  let edit: Edit;
  try {
    edit = direction.hostEdit(ascii, hostStart, hostEnd, wildcard, (h) => h, from, leadingDot);
  } catch (err) {
    if (!(err instanceof MappingError)) throw err;
    emitEvent(onEvent, { type: 'mapping-error', message: err.message, host: ascii });
    return null;
  }
  return { start: from, hostStart, end: hostEnd, host: ascii, context: 'whole', dot: '.', leadingDot, wildcard, edits: [edit] };
}
