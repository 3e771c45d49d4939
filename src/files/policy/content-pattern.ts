import { RE2JS, RE2JSSyntaxException } from 're2js';

/**
 * A `content` pattern: a regular expression in RE2 syntax, searched (unanchored) in a
 * file's text. re2js matches in time linear in the text, whatever the pattern, so a
 * hostile file cannot stall the classifier; the price is that constructs only a
 * backtracking engine can run (backreferences, lookahead, lookbehind) are refused with a
 * message that says so. Flags go inline: `(?i)` case-insensitive, `(?s)` `.` matches
 * newlines, `(?m)` `^`/`$` at line ends.
 */
export interface ContentPattern {
  readonly source: string;
  /** Whether the pattern occurs anywhere in `text`. */
  foundIn(text: string): boolean;
  /**
   * Whether it occurs in `text` when `text` is only the start of the file's text (cut at
   * the character limit): a match that needs the text to end where the cut is (`$`, `\z`,
   * a `\b` at the cut) is no match of the file.
   */
  foundInCut(text: string): boolean;
}

const UNSUPPORTED = 'which linear-time matching (RE2) does not support';

/** A pattern, or a problem in words (said of the pattern: `uses a lookahead …`). */
export function compileContentPattern(source: string): ContentPattern | { readonly problem: string } {
  if (source === '') return { problem: 'is empty (it would match every file)' };
  let re: RE2JS;
  try {
    re = RE2JS.compile(source);
  } catch (err) {
    if (err instanceof RE2JSSyntaxException) return { problem: explain(err) };
    throw err;
  }
  // An end assertion looks at the characters either side of it, so a match that is
  // followed by one more character of the text read never depended on the cut.
  const cut = endSensitive(source) ? RE2JS.compile(`(?:${source})[\\s\\S]`) : re;
  return { source, foundIn: (text) => re.test(text), foundInCut: (text) => cut.test(text) };
}

/** Whether a pattern holds an assertion about what follows a position: `$`, `\z`, `\b`, `\B`. */
function endSensitive(source: string): boolean {
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '$') return true;
    if (c === '\\') {
      const next = source[i + 1];
      if (next === 'z' || next === 'b' || next === 'B') return true;
      i++;
    }
  }
  return false;
}

function explain(err: RE2JSSyntaxException): string {
  const at = err.input ?? '';
  if (err.error === 'invalid escape sequence' && /^\\[1-9]/.test(at)) return `uses a backreference (${at}), ${UNSUPPORTED}`;
  if (err.error === 'invalid escape sequence' && at.startsWith('\\k')) return `uses a named backreference (\\k<…>), ${UNSUPPORTED}`;
  if (at.startsWith('(?=') || at.startsWith('(?!')) return `uses a lookahead (${at.slice(0, 3)}…), ${UNSUPPORTED}`;
  if (at.startsWith('(?<=') || at.startsWith('(?<!')) return `uses a lookbehind (${at.slice(0, 4)}…), ${UNSUPPORTED}`;
  if (err.error === 'invalid escape sequence' && at.startsWith('\\u')) return 'uses \\u, which RE2 syntax does not have: write \\x{00e9} for a code point';
  return `is not a valid regular expression: ${err.error}${at === '' ? '' : ` at ${JSON.stringify(at)}`}`;
}
