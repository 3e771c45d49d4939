import { codingOf, supportedCodings, type Coding } from './coding.js';
import { isToken, listElements, trimOws, type HeaderValue } from './header-list.js';

/** qvalue of RFC 9110 section 12.4.2: 0, 0.x to 0.xxx, 1, 1.0 to 1.000. Anchored, linear. */
const QVALUE = /^(?:0(?:\.[0-9]{0,3})?|1(?:\.0{0,3})?)$/;

interface Preference {
  /** The coding as the client spelled it (`x-gzip`, `GZIP`, `identity`, `*`). */
  name: string;
  /** The coding it stands for, or null for `identity` and `*`. */
  coding: Coding | null;
  /** The qvalue as written, or null when the element has no weight. */
  q: string | null;
}

/**
 * Request side: the Accept-Encoding to send upstream, so that whatever coding upstream
 * picks is one this library can decode (and re-apply for the client, which asked for it).
 *
 * - Elements naming a supported coding (`gzip`, `x-gzip`, `deflate`, `br`, and `zstd` only
 *   where the runtime has it) and `identity` stay as written, q-values included.
 * - `*` with a weight above 0 becomes the supported codings the header does not name,
 *   with that weight; `*;q=0` stays (it only refuses).
 * - Anything else is dropped: unknown codings, zstd on Node 20, malformed elements
 *   (a parameter other than q, a bad qvalue, not a token).
 * - Nothing left (`zstd` alone, an empty value) gives `identity`: an absent header would
 *   mean "any coding is acceptable" (RFC 9110 section 12.5.3), the opposite of the intent.
 * - An absent header stays absent (undefined): browsers always send one, and inventing
 *   one for other clients would change what they asked for.
 */
export function narrowAcceptEncoding(value: HeaderValue): string | undefined {
  if (value === undefined) return undefined;
  const preferences = listElements(value).map(parsePreference).filter((p): p is Preference => p !== null);
  const named = new Set(preferences.map((p) => p.coding));
  const supported = supportedCodings();
  const kept: string[] = [];
  for (const p of preferences) {
    if (p.name === '*') {
      if (p.q !== null && Number(p.q) === 0) kept.push(format(p.name, p.q));
      else for (const coding of supported) if (!named.has(coding)) kept.push(format(coding, p.q));
    } else if (p.coding === null || supported.includes(p.coding)) {
      kept.push(format(p.name, p.q));
    }
  }
  return kept.length > 0 ? kept.join(', ') : 'identity';
}

function format(name: string, q: string | null): string {
  return q === null ? name : `${name};q=${q}`;
}

/** One element `coding [ OWS ";" OWS "q=" qvalue ]`, or null when malformed or unknown. */
function parsePreference(element: string): Preference | null {
  const [rawName, ...params] = element.split(';');
  const name = trimOws(rawName as string);
  if (!isToken(name) || params.length > 1) return null;
  let q: string | null = null;
  if (params.length === 1) {
    const param = trimOws(params[0] as string);
    if (param.length < 2 || param.slice(0, 2).toLowerCase() !== 'q=') return null;
    q = param.slice(2);
    if (!QVALUE.test(q)) return null;
  }
  const lower = name.toLowerCase();
  if (lower === 'identity' || lower === '*') return { name: lower === '*' ? '*' : name, coding: null, q };
  const coding = codingOf(lower);
  return coding === null ? null : { name, coding, q };
}
