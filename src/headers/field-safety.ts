// What may appear in an HTTP field. A value that breaks these rules is either a
// header-injection attempt or a broken capture; it is never passed on.

// C0 controls except HTAB, and DEL: exactly what Node's `setHeader` refuses below 0x100,
// and a superset of CR, LF and NUL (the ones that split or end a header line).
// eslint-disable-next-line no-control-regex
const UNSAFE_VALUE = /[\x00-\x08\x0a-\x1f\x7f]/;
// RFC 9110 token characters.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// Line breaks only: what joins repeated values in some HAR captures.
const LINE_BREAK = /\r\n|\r|\n/;

/** True when `value` holds a control character (CR, LF, NUL, …) that must never be emitted. */
export function isUnsafeFieldValue(value: string): boolean {
  return UNSAFE_VALUE.test(value);
}

/** True when `name` is a valid header name (an RFC 9110 token). */
export function isValidFieldName(name: string): boolean {
  return TOKEN.test(name);
}

/** Splits a value on CR, LF or CRLF, dropping empty pieces. */
export function splitLines(value: string): string[] {
  return value.split(LINE_BREAK).filter((line) => line.trim() !== '');
}
