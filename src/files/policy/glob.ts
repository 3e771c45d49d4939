import { RE2JS } from 're2js';

/**
 * Globs for names and strings that have no path (`fileName`, `user`, `userAgent`,
 * `contentType`): `*` any run of characters, `?` one character, `[abc]`, `[a-z]`,
 * `[!abc]`/`[^abc]`, `[[:alpha:]]`, `{a,b}` alternatives, `\x` a literal x. Matching is
 * whole-string and case-insensitive; `/` and a leading `.` are ordinary characters (a
 * user agent has slashes; `*` matches `.hidden`). Other characters, `(` `)` `+` `@` `!`
 * included, are literal: there are no extended globs.
 *
 * A glob is translated to RE2 syntax and compiled by re2js, so matching is linear in the
 * subject: file names and user agents come from the user, and a backtracking matcher
 * (picomatch compiles to a JavaScript RegExp) could be made to run for minutes by a long
 * crafted name against a pattern like `*a*a*a*b`.
 */
export interface Glob {
  readonly source: string;
  matches(subject: string): boolean;
}

/** A glob, or a problem in words (said of the pattern: `has an unclosed "["`). */
export function compileGlob(source: string): Glob | { readonly problem: string } {
  if (source === '') return { problem: 'is empty' };
  const translated = translate(source);
  if ('problem' in translated) return translated;
  const re = RE2JS.compile(translated.re2, RE2JS.CASE_INSENSITIVE | RE2JS.DOTALL);
  return { source, matches: (subject) => re.matches(subject) };
}

const POSIX_CLASSES = new Set(['alnum', 'alpha', 'ascii', 'blank', 'cntrl', 'digit', 'graph', 'lower', 'print', 'punct', 'space', 'upper', 'word', 'xdigit']);

/** A code point as an RE2 literal that needs no escaping anywhere (inside a class too). */
const literal = (cp: number) => `\\x{${cp.toString(16)}}`;

function translate(source: string): { re2: string } | { problem: string } {
  const chars = Array.from(source);
  let re2 = '';
  let braces = 0;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c === '\\') {
      if (i + 1 === chars.length) return { problem: 'ends with a lone "\\" (write "\\\\" for a backslash)' };
      re2 += literal(chars[++i].codePointAt(0)!);
    } else if (c === '*') {
      re2 += '.*';
    } else if (c === '?') {
      re2 += '.';
    } else if (c === '[') {
      const cls = bracket(chars, i);
      if ('problem' in cls) return cls;
      re2 += cls.re2;
      i = cls.end;
    } else if (c === '{') {
      braces++;
      re2 += '(?:';
    } else if (c === ',' && braces > 0) {
      re2 += '|';
    } else if (c === '}' && braces > 0) {
      braces--;
      re2 += ')';
    } else {
      re2 += literal(c.codePointAt(0)!);
    }
  }
  if (braces > 0) return { problem: 'has an unclosed "{" (write "\\{" for a literal brace)' };
  return { re2 };
}

/** A bracket expression starting at chars[start] (`[`); `end` is the index of its `]`. */
function bracket(chars: readonly string[], start: number): { re2: string; end: number } | { problem: string } {
  let i = start + 1;
  let re2 = '[';
  if (chars[i] === '!' || chars[i] === '^') {
    re2 += '^';
    i++;
  }
  const first = i;
  let previous: number | null = null; // the last single character, which a `-` may start a range from
  for (; i < chars.length; i++) {
    const c = chars[i];
    if (c === ']' && i > first) return { re2: `${re2}]`, end: i };
    if (c === '[' && chars[i + 1] === ':') {
      const close = chars.indexOf(':', i + 2);
      const name = close > 0 && chars[close + 1] === ']' ? chars.slice(i + 2, close).join('') : null;
      if (name === null || !POSIX_CLASSES.has(name)) return { problem: `has an unknown character class "[:${name ?? ''}...", known: ${[...POSIX_CLASSES].join(', ')}` };
      re2 += `[:${name}:]`;
      i = close + 1;
      previous = null;
      continue;
    }
    let cp: number;
    if (c === '\\') {
      if (i + 1 === chars.length) break;
      cp = chars[++i].codePointAt(0)!;
    } else if (c === '-' && previous !== null && i + 1 < chars.length && chars[i + 1] !== ']') {
      let j = i + 1;
      if (chars[j] === '\\') j++;
      if (j >= chars.length) break;
      const hi = chars[j].codePointAt(0)!;
      if (hi < previous) return { problem: `has a reversed range "${String.fromCodePoint(previous)}-${String.fromCodePoint(hi)}"` };
      re2 += `-${literal(hi)}`;
      i = j;
      previous = null;
      continue;
    } else {
      cp = c.codePointAt(0)!;
    }
    re2 += literal(cp);
    previous = cp;
  }
  return { problem: 'has an unclosed "[" (write "\\[" for a literal bracket)' };
}
