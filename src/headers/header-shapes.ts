/**
 * The header shapes the header functions accept, read into one list of fields. Three
 * shapes come from real HTTP APIs:
 * - a plain object, Node's `IncomingHttpHeaders` (a string, or an array for repeats);
 * - a fetch `Headers` (anything with `getSetCookie()`: Node's global, undici's, …);
 * - Node's `rawHeaders`, a flat `[name, value, name, value, …]` array of strings.
 * Anything else (null, a string, a number, a `Map`, a class instance, an array of pairs)
 * is a programming error and throws a `TypeError` naming what it got: a silent `{}`
 * would lose `Location` and `Set-Cookie` without a trace.
 *
 * A `Map` is refused on purpose: no HTTP API hands headers over as one, and its value
 * conventions (arrays? joined strings?) would have to be guessed. `Object.fromEntries(map)`
 * makes it a plain object.
 */

/** Headers as Node's `IncomingHttpHeaders`: names, each value a string or (repeated headers) an array. */
export type HeadersRecord = Readonly<Record<string, string | readonly string[] | undefined>>;

/** What a fetch `Headers` offers that the header functions use; `getSetCookie()` keeps each cookie apart. */
export interface FetchHeadersLike {
  forEach(visit: (value: string, name: string) => void): void;
  getSetCookie(): string[];
}

/** Every header shape the header functions accept (see the module comment). */
export type HeadersInput = HeadersRecord | FetchHeadersLike | Headers | readonly string[];

/** One header field: its name as the shape gives it, and its value(s), not yet checked. */
export type HeaderField = readonly [name: string, value: unknown];

/**
 * The fields of `input`, in its order. Plain objects keep their names as written; fetch
 * `Headers` give lower-case names (a repeated header other than `Set-Cookie` as the one
 * comma-joined value fetch makes of it); `rawHeaders` names are lower-cased and repeats
 * become arrays. Throws a `TypeError` for any other shape.
 */
export function headerFields(input: unknown): HeaderField[] {
  if (isPlainObject(input)) return Object.keys(input).map((name) => [name, input[name]] as const);
  if (Array.isArray(input)) return rawHeaderFields(input);
  if (hasMethod(input, 'getSetCookie') && hasMethod(input, 'forEach')) return fetchHeaderFields(input as FetchHeadersLike);
  throw new TypeError(shapeError(input));
}

function shapeError(input: unknown): string {
  const said = `headers must be a plain object (IncomingHttpHeaders), a fetch Headers or a rawHeaders array [name, value, …]; got ${describe(input)}`;
  if (input instanceof Map) return said + ' (Object.fromEntries(map) makes it a plain object)';
  if (hasMethod(input, 'get') && hasMethod(input, 'forEach')) return said + ' without getSetCookie(), so repeated Set-Cookie values could not be told apart';
  return said;
}

/**
 * Node's `rawHeaders`: every value is kept, in order. Node itself joins some repeats
 * (`a, b`; `Cookie` with `; `) and discards others (a second `Host`, `Content-Length`,
 * `Authorization`, …); here a repeated name is always an array, so a conflict (two
 * `Content-Length`s, two `Host`s) stays visible to the caller instead of being resolved
 * silently. `set-cookie` is always an array, as in `IncomingHttpHeaders`.
 */
function rawHeaderFields(raw: readonly unknown[]): HeaderField[] {
  const notString = raw.findIndex((v) => typeof v !== 'string');
  if (notString !== -1) {
    const pairs = Array.isArray(raw[notString]) ? ' (an array of [name, value] pairs? flatten it)' : '';
    throw new TypeError(`a rawHeaders array holds only strings; got ${describe(raw[notString])} at index ${notString}${pairs}`);
  }
  if (raw.length % 2 !== 0) {
    throw new TypeError(`a rawHeaders array alternates names and values, so its length is even; got ${raw.length}`);
  }
  const byName = new Map<string, string[]>();
  for (let i = 0; i < raw.length; i += 2) {
    const key = (raw[i] as string).toLowerCase();
    const value = raw[i + 1] as string;
    const values = byName.get(key);
    if (values) values.push(value);
    else byName.set(key, [value]);
  }
  return [...byName].map(([name, values]) => [name, values.length > 1 || name === 'set-cookie' ? values : values[0]] as const);
}

/** Fetch joins repeats with `, `, which would break cookies apart or together: they come from `getSetCookie()`. */
function fetchHeaderFields(headers: FetchHeadersLike): HeaderField[] {
  const fields: HeaderField[] = [];
  let cookiesAdded = false;
  headers.forEach((value, name) => {
    if (name.toLowerCase() !== 'set-cookie') {
      fields.push([name, value]);
    } else if (!cookiesAdded) {
      cookiesAdded = true;
      fields.push(['set-cookie', headers.getSetCookie()]);
    }
  });
  return fields;
}

function hasMethod(input: unknown, name: string): boolean {
  return typeof input === 'object' && input !== null && typeof (input as Record<string, unknown>)[name] === 'function';
}

/** A prototype that is a root (`Object.prototype` of any realm) or none at all. */
export function isPlainObject(input: unknown): input is Record<string, unknown> {
  if (typeof input !== 'object' || input === null) return false;
  const proto: unknown = Object.getPrototypeOf(input);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return typeof value;
  const name = (Object.getPrototypeOf(value) as { constructor?: { name?: unknown } } | null)?.constructor?.name;
  return typeof name === 'string' && name !== '' ? `a ${name}` : 'an object';
}
