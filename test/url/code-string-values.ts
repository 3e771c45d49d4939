// Writing a value into a JavaScript, JSON or CSS string, and reading back the value the
// code holds from the rewritten source, by the languages' own rules: JavaScript by
// evaluating it (Node's parser), JSON by JSON.parse, CSS by CSS Syntax Level 3 §4.3.5
// "consume a string token" and §4.3.7 "consume an escaped code point" written here.
// Never by src/ code: the oracle of these tests is the URL parser on what the code holds.

/** How a value is written into a JavaScript string. */
export type JsStyle = 'double' | 'single' | 'template' | 'escaped' | 'continued';

const hex4 = (c: number) => c.toString(16).padStart(4, '0');

/**
 * `value` as a JavaScript string literal in `style` (`escaped`: every host character an
 * escape, `\x`, `\u` or `\u{}` in turn; `continued`: line continuations between).
 */
export function jsLiteral(value: string, style: JsStyle): string {
  switch (style) {
    case 'double':
      return JSON.stringify(value);
    case 'single':
      return `'${JSON.stringify(value).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
    case 'template':
      // Raw tabs and newlines stand in a template as they are.
      return '`' + value.replace(/[\\`$]/g, (c) => '\\' + c).replace(/\r/g, '\\r') + '`';
    case 'continued':
      // A line continuation (a backslash before a newline) stands for nothing: before every dot and slash, and at the end.
      return JSON.stringify(value).slice(0, -1).replace(/[./]/g, '\\\n$&') + '\\\n"';
    case 'escaped': {
      let out = '';
      let k = 0;
      for (const ch of value) {
        const cp = ch.codePointAt(0) as number;
        if (/[A-Za-z0-9.\-]/.test(ch) || cp > 0x7f) {
          const form = k++ % 3;
          out += form === 0 && cp <= 0xff ? '\\x' + cp.toString(16).padStart(2, '0') : form === 1 && cp <= 0xffff ? '\\u' + hex4(cp) : `\\u{${cp.toString(16)}}`;
        } else {
          out += JSON.stringify(ch).slice(1, -1);
        }
      }
      return `"${out}"`;
    }
  }
}

/** Runs `source` (which assigns `x`) and returns `x`: what the browser's script would hold. */
export function evalJs(source: string): unknown {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  return new Function(`let x; ${source}; return x;`)();
}

/** `value` as JSON with every `/` written `\/` (as PHP's json_encode writes it). */
export function jsonEscapedSlashes(value: string): string {
  return JSON.stringify(value).replace(/\//g, '\\/');
}

/** `value` as a double-quoted CSS string: `\` and `"` escaped, newlines as hex escapes (a raw one would end the string). */
export function cssString(value: string): string {
  return '"' + value.replace(/[\\"]/g, (c) => '\\' + c).replace(/[\n\r\f]/g, (c) => '\\' + c.charCodeAt(0).toString(16) + ' ') + '"';
}

const isHex = (c: string) => /^[0-9a-fA-F]$/.test(c);
const isCssWhitespace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';

/** The value of the first double-quoted CSS string in `css` (§4.3.5, §4.3.7). */
export function readCssString(css: string): string {
  const at = css.indexOf('"');
  let out = '';
  for (let i = at + 1; i < css.length;) {
    const c = css[i] as string;
    if (c === '"') return out;
    if (c !== '\\') {
      out += c;
      i++;
      continue;
    }
    const n = css[i + 1];
    if (n === '\n' || n === '\f' || n === '\r') {
      i += n === '\r' && css[i + 2] === '\n' ? 3 : 2;
      continue;
    }
    if (n !== undefined && isHex(n)) {
      let j = i + 1;
      let hex = '';
      while (j < css.length && hex.length < 6 && isHex(css[j] as string)) hex += css[j++];
      if (isCssWhitespace(css[j])) j += css[j] === '\r' && css[j + 1] === '\n' ? 2 : 1;
      const cp = parseInt(hex, 16);
      out += cp === 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? '\uFFFD' : String.fromCodePoint(cp);
      i = j;
      continue;
    }
    const cp = css.codePointAt(i + 1) as number;
    out += String.fromCodePoint(cp);
    i += 1 + (cp > 0xffff ? 2 : 1);
  }
  throw new Error(`no closed string in ${css}`);
}
