import type { TextCollector } from './text-collector.js';

/**
 * The text of a JSON document: every key and string value with its escapes decoded (so
 * `"\u0031\u0032\u0033-45-6789"` reads `123-45-6789`) and every number as written, one
 * per line, in document order. The document is scanned rather than walked after
 * `JSON.parse`, which keeps only the last of duplicate keys (an earlier value could hide
 * text). A text that is not valid JSON is inspected as it is.
 */
export function jsonText(text: string, out: TextCollector): void {
  try {
    JSON.parse(text);
  } catch {
    out.write(text);
    return;
  }
  const n = text.length;
  let i = 0;
  while (i < n && !out.full) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = stringEnd(text, i);
      const literal = text.slice(i, end);
      out.write(literal.includes('\\') ? (JSON.parse(literal) as string) : literal.slice(1, -1));
      out.separate();
      i = end;
    } else if (c === MINUS || (c >= DIGIT_0 && c <= DIGIT_9)) {
      let end = i + 1;
      while (end < n && isNumberChar(text.charCodeAt(end))) end++;
      out.write(text.slice(i, end));
      out.separate();
      i = end;
    } else {
      i++;
    }
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const MINUS = 0x2d;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;

/** The index just past the closing quote of the (valid) string literal opening at `start`. */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) return i + 1;
    i += c === BACKSLASH ? 2 : 1;
  }
}

function isNumberChar(c: number): boolean {
  return (c >= DIGIT_0 && c <= DIGIT_9) || c === 0x2e || c === 0x65 || c === 0x45 || c === 0x2b || c === MINUS;
}
