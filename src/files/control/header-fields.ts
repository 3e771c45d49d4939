import type { HeadersOutput } from '../../headers/index.js';

import type { IncomingHttpHeaders } from 'node:http';

/** Request headers as Node gives them (`IncomingMessage.headers`). */
export type RequestHeaders = IncomingHttpHeaders;

/** One field's value; a repeated field joined as RFC 9110 §5.3 combines it. */
export function headerOf(headers: RequestHeaders | HeadersOutput, name: string): string | undefined {
  return single(headers[name]);
}

export function single(value: string | readonly string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : (value as string | undefined);
}

/** The fields that have a value. */
export function definedHeaders(headers: RequestHeaders): HeadersOutput {
  const out: HeadersOutput = {};
  for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k] = v;
  return out;
}

export function withoutFields(headers: HeadersOutput, names: readonly string[]): HeadersOutput {
  const out: HeadersOutput = { ...headers };
  for (const name of names) delete out[name];
  return out;
}

/**
 * The first value of a field that must not repeat (Content-Disposition): joining copies
 * would make one unparsable value, and the first is the one a lenient reader would take.
 */
export function first(value: string | readonly string[] | undefined): string | undefined {
  return Array.isArray(value) ? (value[0] as string | undefined) : (value as string | undefined);
}
