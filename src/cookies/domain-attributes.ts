/**
 * One `Domain=` attribute of a Set-Cookie value, located in the original string so it
 * can be edited in place (every other byte of the cookie kept as it was).
 */
export interface DomainAttribute {
  /** Where the attribute starts: the `;` that introduces it. */
  readonly attrStart: number;
  /** Where the attribute ends: the next `;` or the end of the value. */
  readonly attrEnd: number;
  /** The trimmed attribute value, leading dot included (`.example.com`). */
  readonly valueStart: number;
  readonly valueEnd: number;
  /** The domain as tough-cookie reads it: one leading dot removed, lower case. */
  readonly domain: string;
}

const ATTR_NAME = 'domain';

/**
 * Every non-empty `Domain` attribute of a Set-Cookie value, in order. It mirrors
 * tough-cookie's parser (attributes are what follows the first `;`, split on `;`,
 * name before the first `=`, both trimmed; an empty value or a lone dot is ignored),
 * so the last one found is the cookie's effective domain. One pass, no regex.
 */
export function findDomainAttributes(value: string): DomainAttribute[] {
  const found: DomainAttribute[] = [];
  let semi = value.indexOf(';');
  while (semi !== -1) {
    const next = value.indexOf(';', semi + 1);
    const end = next === -1 ? value.length : next;
    const attr = readDomainAttribute(value, semi, end);
    if (attr) found.push(attr);
    semi = next;
  }
  return found;
}

function readDomainAttribute(value: string, semi: number, end: number): DomainAttribute | null {
  let i = skipSpace(value, semi + 1, end);
  // Cheap reject before any slicing: the name must start with d/D.
  if (i >= end || (value.charCodeAt(i) | 0x20) !== 0x64) return null;
  const eq = value.indexOf('=', i);
  if (eq === -1 || eq >= end) return null;
  let nameEnd = eq;
  while (nameEnd > i && isSpace(value.charCodeAt(nameEnd - 1))) nameEnd--;
  if (nameEnd - i !== ATTR_NAME.length || value.slice(i, nameEnd).toLowerCase() !== ATTR_NAME) return null;
  i = skipSpace(value, eq + 1, end);
  let valueEnd = end;
  while (valueEnd > i && isSpace(value.charCodeAt(valueEnd - 1))) valueEnd--;
  const raw = value.slice(i, valueEnd);
  const domain = (raw.startsWith('.') ? raw.slice(1) : raw).toLowerCase();
  if (domain === '') return null;
  return { attrStart: semi, attrEnd: end, valueStart: i, valueEnd, domain };
}

function skipSpace(s: string, i: number, end: number): number {
  while (i < end && isSpace(s.charCodeAt(i))) i++;
  return i;
}

/** The whitespace `String.prototype.trim` removes, restricted to what occurs in headers. */
function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0b || c === 0x0c || c === 0xa0 || c === 0xfeff;
}
