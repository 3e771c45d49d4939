import type { AuditEvent } from './sink.js';

/**
 * One event as one line of JSON (with its `\n`). JSON.stringify escapes the C0 controls,
 * CR and LF among them, and lone surrogates; it leaves U+0085 (NEL), U+2028 and U+2029
 * raw, which some line readers split at (Python's `str.splitlines`, JavaScript line
 * terminators): they are escaped too. Those characters only occur inside JSON strings,
 * where `\uXXXX` means the same character.
 */
export function jsonLine(event: AuditEvent): string {
  return `${JSON.stringify(event).replace(/[\u0085\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
}
