/**
 * WHATWG MIME Sniffing §4.4 "parse a MIME type" and Fetch's "extract a MIME type" from
 * a `Content-Type` header: what the browser itself takes the type to be, so the pipeline
 * dispatches on the same answer.
 */

/** A parsed MIME type: lower-case essence and parameters (first occurrence of a name wins). */
export interface MimeType {
  /** `type/subtype`, lower case. */
  readonly essence: string;
  readonly type: string;
  readonly subtype: string;
  readonly parameters: ReadonlyMap<string, string>;
}

const HTTP_WHITESPACE = ' \t\n\r';
// RFC 9110 token characters, the "HTTP token code points" of MIME Sniffing.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// "HTTP quoted-string token code points": tab, U+0020-U+007E, U+0080-U+00FF.
const QUOTED_STRING_TOKEN = /^[\t\u0020-\u007e\u0080-\u00ff]*$/;

function trimHttpWhitespace(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && HTTP_WHITESPACE.includes(s[start] as string)) start++;
  while (end > start && HTTP_WHITESPACE.includes(s[end - 1] as string)) end--;
  return s.slice(start, end);
}

/** MIME Sniffing's "parse a MIME type": `null` for failure. Never throws. */
export function parseMimeType(input: string): MimeType | null {
  const s = trimHttpWhitespace(input);
  const slash = s.indexOf('/');
  if (slash === -1) return null;
  const type = s.slice(0, slash);
  if (!TOKEN.test(type)) return null;
  let i = slash + 1;
  const semicolon = s.indexOf(';', i);
  const subtype = trimHttpWhitespace(s.slice(i, semicolon === -1 ? s.length : semicolon));
  if (!TOKEN.test(subtype)) return null;
  const parameters = new Map<string, string>();
  i = semicolon === -1 ? s.length : semicolon;
  while (i < s.length) {
    i++; // past ';'
    while (i < s.length && HTTP_WHITESPACE.includes(s[i] as string)) i++;
    let nameEnd = i;
    while (nameEnd < s.length && s[nameEnd] !== ';' && s[nameEnd] !== '=') nameEnd++;
    const name = s.slice(i, nameEnd).toLowerCase();
    i = nameEnd;
    if (i >= s.length) break;
    if (s[i] === ';') continue;
    i++; // past '='
    let value: string;
    if (s[i] === '"') {
      [value, i] = collectQuotedString(s, i);
      while (i < s.length && s[i] !== ';') i++;
    } else {
      let end = i;
      while (end < s.length && s[end] !== ';') end++;
      value = trimHttpWhitespace(s.slice(i, end));
      i = end;
      if (value === '') continue;
    }
    if (name !== '' && TOKEN.test(name) && QUOTED_STRING_TOKEN.test(value) && !parameters.has(name)) {
      parameters.set(name, value);
    }
  }
  return { essence: `${type.toLowerCase()}/${subtype.toLowerCase()}`, type: type.toLowerCase(), subtype: subtype.toLowerCase(), parameters };
}

/** Fetch's "collect an HTTP quoted string" with the extract-value flag, from the opening quote at `at`. */
function collectQuotedString(s: string, at: number): [string, number] {
  let value = '';
  let i = at + 1;
  while (i < s.length) {
    const c = s[i] as string;
    if (c === '"') return [value, i + 1];
    if (c === '\\') {
      i++;
      if (i >= s.length) return [value + '\\', i];
      value += s[i];
      i++;
      continue;
    }
    value += c;
    i++;
  }
  return [value, i];
}

/** Splits a header value on commas outside quoted strings (Fetch's "get, decode, and split"). */
function splitHeaderValues(value: string): string[] {
  const out: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(value.slice(start, i));
      start = i + 1;
    }
  }
  out.push(value.slice(start));
  return out;
}

/**
 * Fetch's "extract a MIME type" over every `Content-Type` value (several headers, or
 * one joined by commas): the last valid type wins, and a charset given with an earlier
 * value of the same essence is kept when the later one has none. `null` when no value
 * parses, which browsers treat as a missing type.
 */
export function extractMimeType(values: string | readonly string[] | undefined): MimeType | null {
  if (values === undefined) return null;
  const list = (typeof values === 'string' ? [values] : values).flatMap(splitHeaderValues);
  let result: MimeType | null = null;
  let charset: string | undefined;
  let essence: string | undefined;
  for (const raw of list) {
    const parsed = parseMimeType(raw);
    if (parsed === null || parsed.essence === '*/*') continue;
    const own = parsed.parameters.get('charset');
    if (parsed.essence !== essence) {
      charset = own;
      essence = parsed.essence;
      result = parsed;
    } else {
      if (own !== undefined) charset = own;
      result = parsed;
    }
    if (own === undefined && charset !== undefined && result !== null) {
      const parameters = new Map(result.parameters);
      parameters.set('charset', charset);
      result = { ...result, parameters };
    }
  }
  return result;
}
