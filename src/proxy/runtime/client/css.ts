// CSS built at run time, read as the browser's tokenizer reads it (CSS Syntax 3) just far
// enough to find the URLs: `url(…)` (quoted or not), the strings of `image-set()` and
// `-webkit-image-set()`, and the string after `@import`. One pass, each character read
// once, no regular expression: linear in any input. No DOM here: Node runs it.

const IMAGE_SETS: Record<string, 1> = { 'image-set': 1, '-webkit-image-set': 1 };

const isNewline = (c: string): boolean => c === '\n' || c === '\r' || c === '\f';
const isSpace = (c: string): boolean => c === ' ' || c === '\t' || isNewline(c);
const isHex = (c: string): boolean => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
const isNameChar = (c: string): boolean =>
  (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c === '-' || c === '_' || c >= '\u0080';

/**
 * `css` with each URL it names through `map` (which gets the URL as the browser reads it,
 * escapes decoded); a URL `map` changes is written back as a double-quoted string, and
 * everything else, comments and malformed tokens included, stays as written.
 */
export function mapCss(css: string, map: (url: string) => string): string {
  const n = css.length;
  let out = '';
  let copied = 0;
  let i = 0;
  /** Per open parenthesis: 'set' inside image-set(), 'url' inside url("…"), '' otherwise. */
  const parens: string[] = [];
  let afterImport = false;

  /** The escape at `i` (after its backslash), decoded; `i` moves past it. */
  const escape = (): string => {
    let hex = '';
    while (hex.length < 6 && i < n && isHex(css[i])) hex += css[i++];
    if (hex === '') {
      const cp = css.codePointAt(i) as number;
      i += cp > 0xffff ? 2 : 1;
      return String.fromCodePoint(cp);
    }
    if (css[i] === '\r' && css[i + 1] === '\n') i += 2;
    else if (i < n && isSpace(css[i])) i++;
    const cp = parseInt(hex, 16);
    return cp === 0 || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff ? '\ufffd' : String.fromCodePoint(cp);
  };
  /** A valid escape starts here: a backslash not followed by a newline. */
  const escapeAt = (j: number): boolean => css[j] === '\\' && j + 1 < n && !isNewline(css[j + 1]);
  /** An ident sequence from `i`, decoded. */
  const name = (): string => {
    let value = '';
    for (;;) {
      if (i < n && isNameChar(css[i])) value += css[i++];
      else if (escapeAt(i)) {
        i++;
        value += escape();
      } else return value;
    }
  };
  /** The string token at `i` (on its quote): its value, or null for a bad string (a raw newline). */
  const string = (): string | null => {
    const quote = css[i++];
    let value = '';
    while (i < n) {
      const c = css[i];
      if (c === quote) {
        i++;
        return value;
      }
      if (isNewline(c)) return null;
      i++;
      if (c !== '\\') value += c;
      else if (i >= n) break;
      else if (!isNewline(css[i])) value += escape();
      else i += css[i] === '\r' && css[i + 1] === '\n' ? 2 : 1; // an escaped newline continues the string
    }
    return value; // EOF ends a string
  };
  const replace = (start: number, end: number, url: string): void => {
    const twin = map(url);
    if (twin === url) return;
    out += css.slice(copied, start) + cssString(twin);
    copied = end;
  };
  /** After `url(` with no quote: the unquoted URL up to `)`; a bad URL is skipped to its `)`. */
  const unquotedUrl = (): void => {
    const start = i;
    let value = '';
    let end = -1;
    while (i < n) {
      const c = css[i];
      if (c === ')') break;
      if (isSpace(c)) {
        end = i;
        while (i < n && isSpace(css[i])) i++;
        if (i < n && css[i] !== ')') return badUrl();
        break;
      }
      if (c === '"' || c === "'" || c === '(' || c < ' ' || c === '\u007f') return badUrl();
      if (c === '\\') {
        if (!escapeAt(i)) return badUrl();
        i++;
        value += escape();
      } else {
        value += c;
        i++;
      }
    }
    replace(start, end === -1 ? i : end, value);
    if (i < n) i++;
  };
  const badUrl = (): void => {
    while (i < n && css[i] !== ')') i += escapeAt(i) ? 2 : 1;
    if (i < n) i++;
  };

  while (i < n) {
    const c = css[i];
    if (c === '/' && css[i + 1] === '*') {
      const end = css.indexOf('*/', i + 2);
      i = end === -1 ? n : end + 2;
    } else if (isSpace(c)) {
      i++;
    } else if (c === '"' || c === "'") {
      const start = i;
      const value = string();
      if (value !== null && (afterImport || parens.at(-1) === 'set' || parens.at(-1) === 'url')) replace(start, i, value);
      afterImport = false;
    } else if (c === '@' && (isNameChar(css[i + 1] ?? '') || escapeAt(i + 1))) {
      i++;
      afterImport = name().toLowerCase() === 'import';
    } else if (isNameChar(c) || escapeAt(i)) {
      const fn = name().toLowerCase();
      afterImport = false;
      if (css[i] !== '(') continue;
      i++;
      if (fn !== 'url') {
        parens.push(IMAGE_SETS[fn] === 1 ? 'set' : '');
        continue;
      }
      while (i < n && isSpace(css[i])) i++;
      // `url(` then a quote is a function holding a string; otherwise the URL is a token of its own.
      if (css[i] === '"' || css[i] === "'") parens.push('url');
      else unquotedUrl();
    } else {
      if (c === '(') parens.push('');
      else if (c === ')') parens.pop();
      else if (c === '{' || c === '}' || c === ';') parens.length = 0;
      afterImport = false;
      i++;
    }
  }
  return copied === 0 ? css : out + css.slice(copied);
}

/** A CSS string holding `text`: quotes, backslashes and line breaks escaped. */
export function cssString(text: string): string {
  let out = '"';
  for (const c of text) out += c === '"' || c === '\\' || isNewline(c) ? '\\' + c.charCodeAt(0).toString(16) + ' ' : c;
  return out + '"';
}
