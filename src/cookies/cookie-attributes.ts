/**
 * One attribute of a Set-Cookie value, located in the original string so it can be
 * edited or removed in place (every other byte of the cookie kept as it was).
 */
export interface CookieAttribute {
  /** Where the attribute starts: the `;` that introduces it. */
  readonly attrStart: number;
  /** Where the attribute ends: the next `;` or the end of the value. */
  readonly attrEnd: number;
  /** The trimmed attribute value (empty, at the name's end, when there is no `=`). */
  readonly valueStart: number;
  readonly valueEnd: number;
}

/** One `Domain=` attribute, with the domain as tough-cookie reads it. */
export interface DomainAttribute extends CookieAttribute {
  /** One leading dot removed, lower case (`example.com` for `.Example.com`). */
  readonly domain: string;
}

/**
 * Every attribute called `name` (given in lower case) of a Set-Cookie value, in order.
 * It mirrors tough-cookie's parser and RFC 6265bis section 5.6 (attributes are what
 * follows the first `;`, split on `;`, name before the first `=`, both trimmed, names
 * compared case-insensitively), so the last one found is the one a browser applies.
 * One pass, no regex: linear however many attributes there are.
 */
export function findCookieAttributes(value: string, name: string): CookieAttribute[] {
  const found: CookieAttribute[] = [];
  let semi = value.indexOf(';');
  while (semi !== -1) {
    const next = value.indexOf(';', semi + 1);
    const end = next === -1 ? value.length : next;
    const attr = readAttribute(value, semi, end, name);
    if (attr) found.push(attr);
    semi = next;
  }
  return found;
}

/** Every non-empty `Domain` attribute; the last one is the cookie's effective domain. */
export function findDomainAttributes(value: string): DomainAttribute[] {
  const found: DomainAttribute[] = [];
  for (const attr of findCookieAttributes(value, 'domain')) {
    const raw = value.slice(attr.valueStart, attr.valueEnd);
    // An empty value or a lone dot is ignored, as tough-cookie and browsers do.
    const domain = (raw.startsWith('.') ? raw.slice(1) : raw).toLowerCase();
    if (domain !== '') found.push({ ...attr, domain });
  }
  return found;
}

function readAttribute(value: string, semi: number, end: number, name: string): CookieAttribute | null {
  const start = skipSpace(value, semi + 1, end);
  // Cheap reject before any slicing: the first letter must match.
  if (start >= end || (value.charCodeAt(start) | 0x20) !== name.charCodeAt(0)) return null;
  let eq = start;
  while (eq < end && value.charCodeAt(eq) !== 0x3d) eq++;
  const nameEnd = trimEnd(value, start, eq);
  if (nameEnd - start !== name.length || value.slice(start, nameEnd).toLowerCase() !== name) return null;
  if (eq === end) return { attrStart: semi, attrEnd: end, valueStart: nameEnd, valueEnd: nameEnd };
  const valueStart = skipSpace(value, eq + 1, end);
  return { attrStart: semi, attrEnd: end, valueStart, valueEnd: trimEnd(value, valueStart, end) };
}

function skipSpace(s: string, i: number, end: number): number {
  while (i < end && isSpace(s.charCodeAt(i))) i++;
  return i;
}

function trimEnd(s: string, start: number, end: number): number {
  while (end > start && isSpace(s.charCodeAt(end - 1))) end--;
  return end;
}

/** The whitespace `String.prototype.trim` removes, restricted to what occurs in headers. */
function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0b || c === 0x0c || c === 0xa0 || c === 0xfeff;
}
