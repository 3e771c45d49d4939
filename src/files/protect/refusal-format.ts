import { isPreferred, parseAccept, preferenceFor, type MediaRange, type Offer, type Preference } from './accept.js';

/** The two bodies a refusal can have, as offered (with the charset they are sent with). */
const JSON_OFFER: Offer = { type: 'application', subtype: 'json', params: new Map([['charset', 'utf-8']]) };
const HTML_OFFER: Offer = { type: 'text', subtype: 'html', params: new Map([['charset', 'utf-8']]) };

/**
 * JSON when the request's `Accept` prefers JSON to HTML, HTML otherwise (no header, an
 * empty or unreadable one, `*\/*` alone, a tie that nothing breaks: a browser's page
 * is the safe reader). JSON's preference is that of `application/json` or of any
 * `+json` type the client names (`application/problem+json`, `application/vnd.api+json`:
 * a client that names one reads JSON). Ties in weight go to the more specific range
 * (`application/json, *\/*` is JSON: axios, jQuery), then to the one listed first.
 */
export function refusalFormat(accept: string | readonly string[] | undefined): 'json' | 'html' {
  if (accept === undefined) return 'html';
  const ranges = parseAccept(accept);
  return isPreferred(jsonPreference(ranges), preferenceFor(HTML_OFFER, ranges)) ? 'json' : 'html';
}

function jsonPreference(ranges: readonly MediaRange[]): Preference | null {
  let best = preferenceFor(JSON_OFFER, ranges);
  for (const range of ranges) {
    if (range.type === '*' || !range.subtype.endsWith('+json')) continue;
    const named: Preference = { q: range.q, specificity: 2 + range.params.size, index: range.index };
    if (best === null || isPreferred(named, best)) best = named;
  }
  return best;
}
