/** A URL in CSS text: its value after CSS escapes are decoded, and where its token is. */
export interface CssUrl {
  readonly value: string;
  /** Offsets of the token (`url(…)` or the string) in the scanned text. */
  readonly start: number;
  readonly end: number;
}

/** Functions whose string arguments are URLs (CSS Values 4 `url()`/`src()`, CSS Images `image()`, `image-set()`). */
const URL_STRING_FUNCTIONS: ReadonlySet<string> = new Set(['url', 'src', 'image', 'image-set', '-webkit-image-set']);

/**
 * The URL positions of CSS text as CSS Syntax 3 tokenizes it: `url(…)` tokens, strings
 * directly inside `url()`, `src()`, `image()` and `image-set()`, and the first string of
 * an `@import` (or of `params` read as an `@import`'s). Comments are skipped; escapes are
 * decoded (`\2e ` is a dot, `\9 ` a tab). Other strings are text, not URLs. Linear.
 */
export function cssUrls(text: string, importParams = false): CssUrl[] {
  const urls: CssUrl[] = [];
  const functions: string[] = [];
  let importPending = importParams;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x2f && text.charCodeAt(i + 1) === 0x2a) {
      const close = text.indexOf('*/', i + 2);
      i = close === -1 ? text.length : close + 2;
    } else if (c === 0x22 || c === 0x27) {
      const s = readString(text, i);
      if (importPending || URL_STRING_FUNCTIONS.has(functions[functions.length - 1] ?? '')) urls.push({ value: s.value, start: i, end: s.end });
      importPending = false;
      i = s.end;
    } else if (c === 0x40) {
      const name = readName(text, i + 1);
      if (name.value.toLowerCase() === 'import') importPending = true;
      i = Math.max(name.end, i + 1);
    } else if (c === 0x3b || c === 0x7b || c === 0x7d) {
      importPending = false;
      if (c !== 0x3b) functions.length = 0;
      i++;
    } else if (c === 0x28) {
      functions.push('');
      i++;
    } else if (c === 0x29) {
      functions.pop();
      i++;
    } else if (startsName(text, i)) {
      const name = readName(text, i);
      i = name.end;
      if (text.charCodeAt(i) !== 0x28) continue;
      const fn = name.value.toLowerCase();
      i++;
      if (fn === 'url' && !quoteFollows(text, i)) {
        const u = readUnquotedUrl(text, i);
        urls.push({ value: u.value, start: name.start, end: u.end });
        importPending = false;
        i = u.end;
      } else {
        functions.push(fn);
      }
    } else {
      i++;
    }
  }
  return urls;
}

/** Whether a quote comes next after whitespace (then `url(` is a function holding a string). */
function quoteFollows(text: string, i: number): boolean {
  let j = i;
  while (isWhitespace(text.charCodeAt(j))) j++;
  const c = text.charCodeAt(j);
  return c === 0x22 || c === 0x27;
}

function readString(text: string, start: number): { value: string; end: number } {
  const quote = text.charCodeAt(start);
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === quote) return { value, end: i + 1 };
    if (c === 0x0a || c === 0x0c || c === 0x0d) return { value, end: i }; // a bad string ends at the newline
    if (c === 0x5c) {
      const next = text.charCodeAt(i + 1);
      if (next === 0x0a || next === 0x0c) {
        i += 2;
        continue;
      }
      if (next === 0x0d) {
        i += text.charCodeAt(i + 2) === 0x0a ? 3 : 2;
        continue;
      }
      const e = readEscape(text, i);
      value += e.value;
      i = e.end;
      continue;
    }
    value += text[i];
    i++;
  }
  return { value, end: i };
}

/** An unquoted `url(` token's value from `i` (just after the parenthesis) to `)`. */
function readUnquotedUrl(text: string, from: number): { value: string; end: number } {
  let i = from;
  while (isWhitespace(text.charCodeAt(i))) i++;
  let value = '';
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x29) return { value: trimEndWhitespace(value), end: i + 1 };
    if (c === 0x5c && !isNewline(text.charCodeAt(i + 1))) {
      const e = readEscape(text, i);
      value += e.value;
      i = e.end;
      continue;
    }
    value += text[i];
    i++;
  }
  return { value, end: i };
}

function readName(text: string, start: number): { value: string; start: number; end: number } {
  let value = '';
  let i = start;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x5c && !isNewline(text.charCodeAt(i + 1)) && i + 1 < text.length) {
      const e = readEscape(text, i);
      value += e.value;
      i = e.end;
    } else if (isNameChar(c)) {
      value += text[i];
      i++;
    } else {
      break;
    }
  }
  return { value, start, end: i };
}

/** A CSS escape at `i` (the backslash): up to six hex digits and one whitespace, or the next character. */
function readEscape(text: string, i: number): { value: string; end: number } {
  let j = i + 1;
  let hex = '';
  while (hex.length < 6 && isHex(text.charCodeAt(j))) hex += text[j++];
  if (hex === '') {
    const cp = text.codePointAt(j);
    if (cp === undefined) return { value: '\ufffd', end: j }; // an escape at the end of the input
    return { value: String.fromCodePoint(cp), end: j + (cp > 0xffff ? 2 : 1) };
  }
  if (text.charCodeAt(j) === 0x0d && text.charCodeAt(j + 1) === 0x0a) j += 2;
  else if (isWhitespace(text.charCodeAt(j))) j++;
  const cp = parseInt(hex, 16);
  return { value: cp === 0 || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff ? '\ufffd' : String.fromCodePoint(cp), end: j };
}

function trimEndWhitespace(value: string): string {
  let end = value.length;
  while (end > 0 && isWhitespace(value.charCodeAt(end - 1))) end--;
  return value.slice(0, end);
}

function startsName(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (isNameStart(c)) return true;
  if (c === 0x5c) return !isNewline(text.charCodeAt(i + 1)) && i + 1 < text.length;
  if (c === 0x2d) {
    const d = text.charCodeAt(i + 1);
    return isNameStart(d) || d === 0x2d || (d === 0x5c && !isNewline(text.charCodeAt(i + 2)));
  }
  return false;
}

const isHex = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
const isNewline = (c: number) => c === 0x0a || c === 0x0c || c === 0x0d;
const isWhitespace = (c: number) => c === 0x20 || c === 0x09 || isNewline(c);
const isNameStart = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c >= 0x80;
const isNameChar = (c: number) => isNameStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x2d;
