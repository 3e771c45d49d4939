import type { HeadersOutput } from '../headers/index.js';

/** Headers as the pipeline holds them: normalized to lower-case names (see `headersToObject`). */
export type HeaderLike = Readonly<HeadersOutput>;

/** One field's value, repeated lines joined by `, ` as RFC 9110 §5.3 allows; undefined when absent. */
export function headerValue(headers: HeaderLike, name: string): string | undefined {
  const v = headers[name];
  if (v === undefined) return undefined;
  return typeof v === 'string' ? v : v.join(', ');
}

/** Every value of a field, one entry per line it came on. */
export function headerValues(headers: HeaderLike, name: string): string[] {
  const v = headers[name];
  return v === undefined ? [] : typeof v === 'string' ? [v] : [...v];
}
