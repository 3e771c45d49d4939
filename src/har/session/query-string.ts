import type { HarQueryParam } from '../har-types.js';
import { percentDecode } from './percent-decode.js';

export interface Pair {
  readonly name: string;
  readonly value: string;
}

/** How a capture wrote a query parameter: as in the URL, or decoded (with or without `+` as a space). */
type Spelling = 'raw' | 'decoded' | 'decoded-plus';

const SPELLINGS: readonly Spelling[] = ['raw', 'decoded-plus', 'decoded'];

/**
 * `request.queryString` for a request URL mapped from `oldUrl` to `newUrl`. The URL
 * rewriter changes values in place (nested URLs in their own encoding) and never adds or
 * removes a parameter, so the i-th `name=value` of the new query is the mapped i-th of the
 * old one. Each captured parameter is matched, in order, to the URL's pair it spells
 * (captures write them as in the URL, or decoded) and takes the new pair in the same
 * spelling; so the list always says what the URL says. A parameter that matches no pair
 * (a capture that invents them) has its value mapped by `mapValue`. Unchanged parameters
 * stay the same objects.
 */
export function mapQueryString(params: readonly HarQueryParam[], oldUrl: string, newUrl: string, mapValue: (value: string) => string): HarQueryParam[] {
  return mapPairs(params, queryPairs(oldUrl), queryPairs(newUrl), mapValue);
}

/**
 * Name/value pairs a capture lists for a text it also holds (a query, a form body), for
 * that text mapped from `before` to `after` pairs (the same count, in the same order):
 * each listed pair takes its mapped twin in the spelling it was listed in, see
 * {@link mapQueryString}.
 */
export function mapPairs<P extends { name: string; value?: unknown }>(params: readonly P[], before: readonly Pair[], after: readonly Pair[], mapValue: (value: string) => string): P[] {
  const aligned = before.length === after.length;
  let cursor = 0;
  return params.map((p) => {
    if (typeof p?.name !== 'string' || typeof p.value !== 'string') return p;
    const found = aligned ? findPair(before, p as Pair, cursor) : null;
    if (found === null) {
      const value = mapValue(p.value);
      return value === p.value ? p : { ...p, value };
    }
    cursor = found.index + 1;
    const mapped = after[found.index];
    if (mapped.name === before[found.index].name && mapped.value === before[found.index].value) return p;
    const name = spell(mapped.name, found.spelling);
    const value = spell(mapped.value, found.spelling);
    return { ...p, name, value };
  });
}

function findPair(pairs: readonly Pair[], p: Pair, from: number): { index: number; spelling: Spelling } | null {
  for (const spelling of SPELLINGS) {
    for (let k = 0; k < pairs.length; k++) {
      const index = (from + k) % pairs.length;
      const pair = pairs[index];
      if (spell(pair.name, spelling) === p.name && spell(pair.value, spelling) === p.value) return { index, spelling };
    }
  }
  return null;
}

function spell(raw: string, spelling: Spelling): string {
  return spelling === 'raw' ? raw : percentDecode(raw, spelling === 'decoded-plus');
}

/** The `name=value` pairs of a URL's query as written (after the first `?`, before the first `#`), split on `&`, empty ones skipped. */
export function queryPairs(url: string): Pair[] {
  const hash = url.indexOf('#');
  const end = hash === -1 ? url.length : hash;
  const q = url.indexOf('?');
  if (q === -1 || q > end) return [];
  return splitPairs(url.slice(q + 1, end));
}

/** `a=1&b&c=3` as name/value pairs as written (no decoding), empty ones skipped. */
export function splitPairs(text: string): Pair[] {
  return text
    .split('&')
    .filter((s) => s !== '')
    .map((s) => {
      const eq = s.indexOf('=');
      return eq === -1 ? { name: s, value: '' } : { name: s.slice(0, eq), value: s.slice(eq + 1) };
    });
}
