import { domainToASCII } from 'node:url';
import { isLabelCode } from './chars.js';
import type { Direction } from './direction.js';
import type { Edit } from './edits.js';
import { MappingError } from './errors.js';
import { emitEvent, type EventListener } from './events.js';
import type { HostOccurrence } from './scanner.js';
import type { ValueView } from './string-value.js';

// Rule 3b for a whole string that is a host written in Unicode (`"bücher.example.com"`:
// host comparisons, `document.domain`, cookie domains): the text scan reads ASCII labels
// only, so the string is read as the host parser reads a domain, by domain-to-ASCII
// (UTS #46), and proxied when that is protected; the edit keeps the text as written.

// Labels of letters, digits, `-`, `_` and anything past ASCII, joined by dots, optionally
// after `.` or `*.` (suffix tests, cookie domains, wildcards).
const UNICODE_HOST = /^(\*\.|\.)?([A-Za-z0-9_\-.\u0080-\uffff]{1,1024})$/;
/** Raw length past which a string is no host name, however escaped (253 characters, six for each escape). */
const MAX_UNICODE_HOST = 2048;
/** Besides label characters, what a host in Unicode may be written with: dots, the wildcard, escapes and line continuations. */
const HOST_EXTRA = new Set([0x2e, 0x2a, 0x5c, 0x7b, 0x7d, 0x0a, 0x0d]);

/** Whether the string `text[from, to)` may be a host name: host characters and escapes only, not too long. */
export function mayBeUnicodeHost(text: string, from: number, to: number): boolean {
  if (to - from > MAX_UNICODE_HOST) return false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80 && !isLabelCode(c) && !HOST_EXTRA.has(c)) return false;
  }
  return true;
}

/**
 * The occurrence of the whole string `view` (starting at raw `from`) as a host in Unicode,
 * or null when it is none, or not protected, or has no twin (reported).
 */
export function unicodeHostOccurrence(
  direction: Direction, view: ValueView, from: number, onEvent?: EventListener,
): HostOccurrence | null {
  const m = UNICODE_HOST.exec(view.text);
  if (m === null) return null;
  const prefix = m[1] ?? '';
  const ascii = domainToASCII(m[2] as string).toLowerCase();
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
