import { isSpilledText } from '../har-types.js';
import type { FieldShape } from './har-shapes.js';

/** The date a HAR gets for a required time stamp nobody recorded: no time is known, so the epoch. */
export const UNKNOWN_DATE = '1970-01-01T00:00:00.000Z';

/** Timings summed into an entry's `time` (HAR 1.2: "the sum of all timings available"; `ssl` is part of `connect`). */
const TIME_PARTS = ['blocked', 'dns', 'connect', 'send', 'wait', 'receive'];

/** `entry.time` as the spec defines it from `timings`: the sum of those that are not -1. */
function timeFromTimings(timings: unknown): number {
  if (timings === null || typeof timings !== 'object') return 0;
  const t = timings as Record<string, unknown>;
  return TIME_PARTS.reduce((sum, name) => {
    const v = t[name];
    return typeof v === 'number' && v > 0 ? sum + v : sum;
  }, 0);
}

/** `content.size` from the text that is there (decoded bytes); -1 when there is none or it is not known. */
function sizeFromText(content: Record<string, unknown>): number {
  const text = content.text;
  const base64 = content.encoding === 'base64';
  if (typeof text === 'string') return Buffer.byteLength(text, base64 ? 'base64' : 'utf8');
  if (isSpilledText(text) && !base64) return text.bytes;
  return -1;
}

/**
 * The value a required field gets when a capture left it out, in the spec's own terms:
 * sizes and optional timings -1 ("not available"), `send`/`wait`/`receive` 0 (the spec
 * requires them non-negative), strings empty, lists empty; a few are derived from what
 * the object does hold (`time` from `timings`, `content.size` from the text). `filled`
 * fills a required object (with its own required fields). Returns undefined for a field
 * with no "unknown" value (a boolean: none is required).
 */
export function unknownValue(
  definition: string,
  name: string,
  field: FieldShape,
  object: Record<string, unknown>,
  filled: (definition: string) => Record<string, unknown>,
): unknown {
  switch (`${definition}.${name}`) {
    case 'log.version':
      return '1.2';
    case 'entry.time':
      return timeFromTimings(object.timings);
    case 'content.size':
      return sizeFromText(object);
    case 'response.status':
      return 0; // what browsers record for a request that got no response
  }
  if (field.pattern !== undefined) return UNKNOWN_DATE; // the only patterned fields are startedDateTime
  switch (field.type) {
    case 'string':
      return '';
    case 'number':
      return field.minimum !== undefined && field.minimum > -1 ? field.minimum : -1;
    case 'array':
      return [];
    case 'object':
      return field.definition === undefined ? {} : filled(field.definition);
    default:
      return undefined;
  }
}
