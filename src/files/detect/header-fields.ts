import type { HeadersRecord } from '../../headers/index.js';

/** Request or response headers as file detection reads them: lower-case names, a value or one per line. */
export type HeaderFields = HeadersRecord;

/** Every value of a field, one entry per line it came on; [] when absent. */
export function fieldValues(headers: HeaderFields, name: string): readonly string[] {
  const value = headers[name];
  return value === undefined ? [] : typeof value === 'string' ? [value] : value;
}

/** A field whose value is one token (`Sec-Fetch-Dest: document`), lower case and trimmed; the first line wins. */
export function tokenField(headers: HeaderFields, name: string): string | undefined {
  const first = fieldValues(headers, name)[0];
  return first === undefined ? undefined : first.trim().toLowerCase();
}
