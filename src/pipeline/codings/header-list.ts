/**
 * The list syntax shared by Content-Encoding and Accept-Encoding (RFC 9110 section 5.6.1):
 * elements separated by commas with optional whitespace, empty elements allowed and
 * ignored, repeated header lines equivalent to one line joined by commas. Plain string
 * splitting, no regular expression runs over the whole value.
 */
export type HeaderValue = string | readonly string[] | undefined;

/** The non-empty, OWS-trimmed elements of a list header, in order. */
export function listElements(value: HeaderValue): string[] {
  if (value === undefined) return [];
  const lines = typeof value === 'string' ? [value] : value;
  const out: string[] = [];
  for (const line of lines) {
    for (const part of line.split(',')) {
      const element = trimOws(part);
      if (element !== '') out.push(element);
    }
  }
  return out;
}

/** Strips spaces and tabs (OWS) from both ends. */
export function trimOws(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && isOws(s.charCodeAt(start))) start++;
  while (end > start && isOws(s.charCodeAt(end - 1))) end--;
  return s.slice(start, end);
}

function isOws(code: number): boolean {
  return code === 0x20 || code === 0x09;
}

/** An RFC 9110 token (tchar+); anchored, one character class, linear. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export function isToken(s: string): boolean {
  return TOKEN.test(s);
}
