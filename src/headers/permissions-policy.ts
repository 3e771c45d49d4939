import type { RewriteContext } from '../context.js';
import { applyEdits, type Edit } from '../domain/index.js';
import { rewritePolicyOrigin } from './policy-origin.js';
import { sfString, sfStringItems } from './sf-strings.js';

/**
 * `Permissions-Policy` (and `-Report-Only`): a structured-field dictionary of features
 * whose values are allowlists, an inner list or a single item, of tokens (`*`, `self`,
 * `src`) and origin strings: `camera=(self "https://app.example.com"), fullscreen=*`.
 * Each origin string of a protected host becomes its proxied twin, escaped as a string;
 * a subdomain wildcard that also covers unprotected hosts keeps its place and the
 * proxied wildcard joins it (a single item becomes an inner list of both). Every other
 * byte, parameters included, is kept.
 */
export function rewritePermissionsPolicy(ctx: RewriteContext, value: string): string {
  const items = sfStringItems(value);
  const edits: Edit[] = [];
  let present: Set<string> | undefined; // `member:text` of every item, built only when one is added
  for (const item of items) {
    const r = rewritePolicyOrigin(ctx, item.text);
    if (r === null) continue;
    const text = sfString(r.text, item.closed);
    if (!r.keepOriginal) {
      edits.push({ start: item.start, end: item.end, text });
      continue;
    }
    // A string the value cuts off makes the header void (RFC 8941 parsing fails): nothing to add to.
    if (!item.closed) continue;
    // Added once: after a first pass the proxied wildcard is already in the list.
    present ??= new Set(items.map((x) => memberKey(x.member, x.text)));
    const key = memberKey(item.member, r.text);
    if (!present.has(key)) {
      present.add(key);
      const original = value.slice(item.start, item.end);
      if (item.bare) edits.push({ start: item.start, end: item.end, text: `(${original} ${text})` });
      else edits.push({ start: item.end, end: item.end, text: ' ' + text });
    }
  }
  return applyEdits(value, edits);
}

function memberKey(member: number, text: string): string {
  return `${member}:${text.toLowerCase()}`;
}
