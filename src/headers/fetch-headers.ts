import type { HeadersOutput } from './header-object.js';

/**
 * A header object (as the rewriters return it) as a fetch `Headers`, for a `fetch()` to
 * the upstream or a Web `Response`. Each value of an array is appended on its own, so
 * every `Set-Cookie` stays a separate cookie (`getSetCookie()` returns them one by one);
 * other repeated headers are joined by fetch with `, `, as HTTP allows for lists.
 * Throws fetch's own `TypeError` for a name or value fetch refuses (the rewriters never
 * return one).
 */
export function toFetchHeaders(headers: HeadersOutput): Headers {
  const out = new Headers();
  for (const name of Object.keys(headers)) {
    const value = headers[name];
    if (Array.isArray(value)) for (const v of value) out.append(name, v);
    else out.append(name, value);
  }
  return out;
}
