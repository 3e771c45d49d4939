// JSON text of a value whose strings may be SpilledTexts: the text around them, and the
// SpilledTexts in their places, so the big strings can be streamed from their files.
import { randomBytes } from 'node:crypto';
import { isSpilledText, type SpilledText } from '../har-types.js';

export type JsonPiece = string | SpilledText;

function collectSpilled(value: unknown, found: SpilledText[]): void {
  if (typeof value !== 'object' || value === null) return;
  if (isSpilledText(value)) {
    found.push(value);
    return;
  }
  if (Array.isArray(value)) for (const item of value) collectSpilled(item, found);
  else for (const key in value) collectSpilled((value as Record<string, unknown>)[key], found);
}

/** Pieces whose concatenation (a SpilledText as its JSON string) is `JSON.stringify(value)`;
 *  undefined where JSON.stringify gives undefined. */
export function jsonWithSpills(value: unknown): JsonPiece[] | undefined {
  const spilled: SpilledText[] = [];
  collectSpilled(value, spilled);
  if (spilled.length === 0) {
    const text = JSON.stringify(value) as string | undefined;
    return text === undefined ? undefined : [text];
  }
  // Each SpilledText stands in the text as a marker string no real text holds (a fresh
  // random nonce), then the text is cut at the markers.
  const marker = `spr-spilled-${randomBytes(16).toString('hex')}-`;
  const quotedMarker = `"${marker}`;
  const indexOf = new Map<SpilledText, number>();
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (!isSpilledText(v)) return v;
    let index = indexOf.get(v);
    if (index === undefined) indexOf.set(v, (index = indexOf.size));
    return `${marker}${index}`;
  }) as string | undefined;
  if (text === undefined) return undefined;
  const byIndex = [...indexOf.keys()];
  const pieces: JsonPiece[] = [];
  let from = 0;
  for (let at = text.indexOf(quotedMarker); at !== -1; at = text.indexOf(quotedMarker, from)) {
    const close = text.indexOf('"', at + quotedMarker.length);
    const index = Number(text.slice(at + quotedMarker.length, close));
    if (at > from) pieces.push(text.slice(from, at));
    pieces.push(byIndex[index]);
    from = close + 1;
  }
  if (from < text.length) pieces.push(text.slice(from));
  return pieces;
}
