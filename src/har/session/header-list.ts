import { headersToObject, type HeadersOutput } from '../../headers/index.js';
import type { HarHeader } from '../har-types.js';

/**
 * A HAR header list as the rewriters take headers (a plain object keyed by lower-case
 * name), and back. HTTP/2 and HTTP/3 captures list pseudo-headers (`:status`,
 * `:authority`), and messy captures hold values that are not strings: neither is a field
 * the header rules read (the field-name check would drop a pseudo-header), so both are
 * set aside and come back exactly where they were.
 */
export function headerObject(list: readonly HarHeader[]): HeadersOutput {
  const raw: string[] = [];
  for (const h of list) if (isField(h)) raw.push(h.name, h.value);
  return headersToObject(raw);
}

/** Whether the header rules see this entry (a named field with a string value). */
function isField(h: HarHeader): boolean {
  return typeof h?.name === 'string' && typeof h.value === 'string' && h.name !== '' && !h.name.startsWith(':');
}

/**
 * The HAR list for rewritten headers `out`, in the captured order and spelling: each
 * captured field takes the next value `out` has for its name (unchanged entries stay the
 * same objects, so their `comment` and `_fields` are kept), values the rules added to a
 * name (a line-folded `Set-Cookie` split in two) follow its last captured line, fields
 * `out` lacks are dropped, and fields that are new in `out` come last, lower-case.
 */
export function headerList(original: readonly HarHeader[], out: Readonly<HeadersOutput>): HarHeader[] {
  const queues = new Map<string, string[]>();
  for (const [name, value] of Object.entries(out)) queues.set(name.toLowerCase(), Array.isArray(value) ? [...value] : [value]);
  const lastIndex = new Map<string, number>();
  original.forEach((h, i) => {
    if (isField(h)) lastIndex.set(h.name.toLowerCase(), i);
  });
  const result: HarHeader[] = [];
  original.forEach((h, i) => {
    if (!isField(h)) {
      result.push(h);
      return;
    }
    const name = h.name.toLowerCase();
    const queue = queues.get(name);
    if (queue === undefined || queue.length === 0) return;
    const value = queue.shift() as string;
    result.push(value === h.value ? h : { ...h, value });
    if (lastIndex.get(name) === i) {
      for (const extra of queue.splice(0)) result.push({ name: h.name, value: extra });
    }
  });
  for (const [name, queue] of queues) {
    if (lastIndex.has(name)) continue;
    for (const value of queue) result.push({ name, value });
  }
  return result;
}

/** Whether two header lists hold the same names and values in the same order. */
export function sameHeaders(a: readonly HarHeader[], b: readonly HarHeader[]): boolean {
  return a.length === b.length && a.every((h, i) => h === b[i] || (h.name === b[i].name && h.value === b[i].value));
}
