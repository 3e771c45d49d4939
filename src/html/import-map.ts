import type { RewriteContext } from '../context.js';
import { applyEdits, type Edit } from '../domain/index.js';
import { isOwnResource } from './own-resource.js';

/**
 * An import map's `integrity` section (HTML spec, "parse an import map string"): keys
 * are URL-like module specifiers, values the hashes a module's bytes must match. A
 * module served through the proxy (relative, or on a protected host) comes back
 * rewritten, so its upstream hash would block it: its entry is removed, as the
 * `integrity` attribute of `<script src>` is. Everything else is kept byte for byte.
 * Malformed JSON is left alone (the browser rejects that import map anyway).
 */

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

function skipSpace(s: string, i: number): number {
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  return i;
}

/** The end of the JSON string starting at `s[i]` (a `"`), or -1. */
function stringEnd(s: string, i: number): number {
  for (let j = i + 1; j < s.length; j++) {
    const c = s.charCodeAt(j);
    if (c === 0x5c) j++;
    else if (c === 0x22) return j + 1;
  }
  return -1;
}

/** The end of the JSON value starting at `s[i]`, or -1 (nesting counted, not recursed). */
function valueEnd(s: string, i: number): number {
  const first = s.charCodeAt(i);
  if (first === 0x22) return stringEnd(s, i);
  if (first === 0x7b || first === 0x5b) {
    let depth = 0;
    for (let j = i; j < s.length; j++) {
      const c = s.charCodeAt(j);
      if (c === 0x22) {
        const e = stringEnd(s, j);
        if (e < 0) return -1;
        j = e - 1;
      } else if (c === 0x7b || c === 0x5b) {
        depth++;
      } else if (c === 0x7d || c === 0x5d) {
        if (--depth === 0) return j + 1;
      }
    }
    return -1;
  }
  // A number, `true`, `false` or `null`: up to the next delimiter.
  let j = i;
  while (j < s.length) {
    const c = s.charCodeAt(j);
    if (c === 0x2c || c === 0x7d || c === 0x5d || isSpace(c)) break;
    j++;
  }
  return j;
}

interface Member {
  readonly start: number;
  readonly end: number;
  readonly key: string;
  readonly valueStart: number;
}

/** The members of the object starting at `s[i]` (a `{`), or null when it does not read as JSON. */
function members(s: string, i: number): Member[] | null {
  const out: Member[] = [];
  let j = skipSpace(s, i + 1);
  if (s.charCodeAt(j) === 0x7d) return out;
  for (;;) {
    if (s.charCodeAt(j) !== 0x22) return null;
    const keyEnd = stringEnd(s, j);
    if (keyEnd < 0) return null;
    let key: unknown;
    try {
      key = JSON.parse(s.slice(j, keyEnd));
    } catch {
      return null;
    }
    let k = skipSpace(s, keyEnd);
    if (s.charCodeAt(k) !== 0x3a) return null;
    k = skipSpace(s, k + 1);
    const end = valueEnd(s, k);
    if (end < 0 || end === k) return null;
    out.push({ start: j, end, key: key as string, valueStart: k });
    j = skipSpace(s, end);
    const c = s.charCodeAt(j);
    if (c === 0x7d) return out;
    if (c !== 0x2c) return null;
    j = skipSpace(s, j + 1);
  }
}

/** URL-like specifiers (`/x`, `./x`, `../x`) resolve against the page, which the proxy serves. */
function ownSpecifier(ctx: RewriteContext, key: string): boolean {
  if (key.startsWith('/') || key.startsWith('./') || key.startsWith('../')) return true;
  // Otherwise only an absolute URL is a key at all (a bare name is ignored by the browser).
  return /^[a-z][a-z0-9+.-]*:/i.test(key) && isOwnResource(ctx, key);
}

/** Edits removing the members flagged in `drop`, commas and all, leaving valid JSON. */
function removals(list: Member[], drop: boolean[]): Edit[] {
  const edits: Edit[] = [];
  let a = 0;
  while (a < list.length) {
    if (!drop[a]) { a++; continue; }
    let b = a;
    while (b + 1 < list.length && drop[b + 1]) b++;
    const last = list[b] as Member;
    if (b + 1 < list.length) edits.push({ start: (list[a] as Member).start, end: (list[b + 1] as Member).start, text: '' });
    else if (a > 0) edits.push({ start: (list[a - 1] as Member).end, end: last.end, text: '' });
    else edits.push({ start: (list[a] as Member).start, end: last.end, text: '' });
    a = b + 1;
  }
  return edits;
}

/** `json` (an import map) without the `integrity` entries of modules the proxy serves. */
export function dropOwnIntegrity(ctx: RewriteContext, json: string): string {
  if (!json.includes('integrity')) return json;
  const start = skipSpace(json, 0);
  if (json.charCodeAt(start) !== 0x7b) return json;
  const top = members(json, start);
  if (top === null) return json;
  const edits: Edit[] = [];
  for (const m of top) {
    if (m.key !== 'integrity' || json.charCodeAt(m.valueStart) !== 0x7b) continue;
    const entries = members(json, m.valueStart);
    if (entries === null) continue;
    edits.push(...removals(entries, entries.map((e) => ownSpecifier(ctx, e.key))));
  }
  return edits.length === 0 ? json : applyEdits(json, edits);
}
