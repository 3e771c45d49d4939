import type { Edit } from './edits.js';
import { isPlainLiteral, literalView } from './literal-view.js';

// A code or data string as the code holds it, with the way back to the text as written:
// what the URL parser and domain-to-ASCII read is the value, what is edited is the text.

/**
 * How a string's text is written: `value` is the string itself (a CSS string after its
 * escapes, a header value); `literal` a JavaScript or JSON string literal's body, whose
 * backslash escapes the code sees decoded; `literal-bytes` the same read as Latin-1 from
 * UTF-8 bytes (the byte streams).
 */
export type CodeForm = 'value' | 'literal' | 'literal-bytes';

/** A string's value and where each of its units stands in the raw text (`raw`, the text as written). */
export interface ValueView {
  readonly text: string;
  readonly raw: string;
  /** Where unit `k`'s spelling starts (`k` = the length: the end of the range). */
  rawAt(k: number): number;
  /** Where unit `k`'s spelling ends: where text added after it goes. */
  rawEndOf(k: number): number;
}

/** An edit of a view's value carried onto the raw text: text added after a unit goes right after its spelling. */
export function rawEdit(view: ValueView, start: number, end: number, text: string): Edit {
  const rawEnd = end > 0 ? view.rawEndOf(end - 1) : view.rawAt(0);
  return { start: start === end ? rawEnd : view.rawAt(start), end: rawEnd, text };
}

/** `text[from, to)` written as `form`, seen as its value. */
export function viewOf(text: string, from: number, to: number, form: CodeForm): ValueView {
  if (form === 'value' || isPlainLiteral(text, from, to, form === 'literal-bytes')) {
    return { text: from === 0 && to === text.length ? text : text.slice(from, to), raw: text, rawAt: (k) => from + k, rawEndOf: (k) => from + k + 1 };
  }
  const v = literalView(text, from, to, form === 'literal-bytes');
  return { text: v.text, raw: text, rawAt: (k) => v.rawStart[k] as number, rawEndOf: (k) => v.rawEnd[k] as number };
}
