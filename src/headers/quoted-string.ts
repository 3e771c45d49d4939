/**
 * The end of a quoted string starting at `open` (the quote character), backslash
 * escapes honoured: returns where its body ends (the closing quote, or the end of the
 * text when it is never closed). Linear, no regex.
 */
export function quotedStringEnd(text: string, open: number, to = text.length): number {
  const quote = text.charCodeAt(open);
  for (let i = open + 1; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c /* \ */) i++;
    else if (c === quote) return i;
  }
  return to;
}

/**
 * Calls `visit(bodyStart, bodyEnd)` for every double-quoted string in `text`, in order.
 * An unclosed string runs to the end of the text.
 */
export function forEachQuotedString(text: string, visit: (bodyStart: number, bodyEnd: number) => void): void {
  let i = text.indexOf('"');
  while (i !== -1) {
    const end = quotedStringEnd(text, i);
    visit(i + 1, end);
    if (end >= text.length) return;
    i = text.indexOf('"', end + 1);
  }
}

/** A quoted string's body as its value: each `\x` is `x` (RFC 9110 quoted-pair, RFC 8941 escapes). */
export function unquote(body: string): string {
  if (!body.includes('\\')) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    if (body.charCodeAt(i) === 0x5c && i + 1 < body.length) i++;
    out += body[i];
  }
  return out;
}

/** A value as a quoted string's body: `"` and `\` escaped, so it reads back as `value`. */
export function quoteBody(value: string): string {
  return value.replace(/["\\]/g, '\\$&');
}
