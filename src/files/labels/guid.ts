/**
 * Label and tenant GUIDs as the contract carries them: lower-case, without braces.
 * Files write them with braces (LabelInfo.xml) or without (custom properties, PDFs),
 * in either case.
 */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The GUID lower-case without braces, or null when the text is not a GUID. */
export function normalizeGuid(text: string): string | null {
  let guid = text.trim().toLowerCase();
  if (guid.startsWith('{') && guid.endsWith('}')) guid = guid.slice(1, -1);
  return GUID.test(guid) ? guid : null;
}

/** The all-zero GUID, for a label whose tenant is not known (LabelInfo.xml requires one). */
export const ZERO_GUID = '00000000-0000-0000-0000-000000000000';
