import type { RewriteContext } from '../context.js';
import { applyEdits, type Edit } from '../domain/index.js';

/**
 * `Access-Control-Allow-Origin` (one origin, `*` or `null`) and `Timing-Allow-Origin` (a
 * comma-separated list of them, Fetch "get, decode, and split"): each member, trimmed,
 * is a URL in URL position, rewritten on its own so the URL parser never reads two
 * origins as one. Separators and spaces are kept.
 */
export function rewriteOriginList(ctx: RewriteContext, value: string): string {
  const edits: Edit[] = [];
  let start = 0;
  while (start <= value.length) {
    const comma = value.indexOf(',', start);
    const end = comma === -1 ? value.length : comma;
    let from = start;
    let to = end;
    while (from < to && isOws(value.charCodeAt(from))) from++;
    while (to > from && isOws(value.charCodeAt(to - 1))) to--;
    if (to > from) {
      const origin = value.slice(from, to);
      const rewritten = ctx.hosts.url(origin);
      if (rewritten !== origin) edits.push({ start: from, end: to, text: rewritten });
    }
    start = end + 1;
  }
  return applyEdits(value, edits);
}

function isOws(c: number): boolean {
  return c === 0x20 || c === 0x09;
}
