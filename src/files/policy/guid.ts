const GUID = /^\{?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}?$/i;

/**
 * A GUID as files carry it (lower-case, no braces), from the forms people write
 * (`{3F2A…}` from the Purview portal, upper or lower case); null when not a GUID.
 */
export function normalGuid(value: string): string | null {
  const m = GUID.exec(value.trim());
  if (m === null) return null;
  // Braces come in pairs or not at all.
  const braced = value.trim().startsWith('{');
  if (braced !== value.trim().endsWith('}')) return null;
  return m[1].toLowerCase();
}
