import type { RewriteContext } from '../context.js';
import { applyEdits, isCodeOccurrence, type Edit } from '../domain/index.js';

/**
 * The conservative lexical rewrite of code too big (or too broken) to parse: DESIGN
 * rules 1-3 on the raw text, in fixed windows so memory stays bounded. A host is proxied
 * in a URL (after `//` in any spelling, or read by the URL parser), regex-escaped, or when
 * it is the whole of a quoted string (`"example.com"`, `"%65xample.com"`). Windows are
 * cut just before a separator (whitespace, quote, bracket, `;`, `,`) and no host, escape
 * or stretch the rules read contains one, so every occurrence is seen whole with its left
 * context, and where the input was split does not matter.
 */
export class LexicalCodeRewriter {
  private buf = '';

  constructor(private readonly ctx: RewriteContext, private readonly window = 64 * 1024) {}

  /** Takes more code; returns the rewritten code that is final. */
  push(text: string): string {
    this.buf += text;
    if (this.buf.length < 2 * this.window) return '';
    const cut = cutPoint(this.buf, this.buf.length - this.window);
    const out = this.rewrite(this.buf, cut);
    this.buf = this.buf.slice(cut);
    return out;
  }

  /** Returns the rest. */
  end(): string {
    const out = this.rewrite(this.buf, this.buf.length);
    this.buf = '';
    return out;
  }

  /** Bytes held and not yet returned (for error recovery). */
  pending(): string {
    return this.buf;
  }

  /**
   * Each stretch between separators that holds a candidate is read by the code rules as
   * a string's body (the whole string when a quote stands on each side): the text scan,
   * and the URL parser for what only it reads (escaped slashes, no slashes, hosts spelled
   * with escapes or `%`, nested URLs percent-encoded). No stretch holds a separator, so
   * none is ever cut by a window, and the output does not depend on where the input was
   * split.
   */
  private rewrite(text: string, to: number): string {
    if (to === 0) return '';
    const code = this.ctx.hosts.code;
    const scanner = this.ctx.hosts.scanner;
    const body = text.length === to ? text : text.slice(0, to);
    if (!code.mayContain(body)) return body;
    const edits: Edit[] = [];
    const search = code.candidates(body);
    for (let at = search.next(0); at !== -1;) {
      let s = at;
      while (s > 0 && !separatesAt(body, s - 1)) s--;
      let e = at;
      while (e < to && !separatesAt(body, e)) e++;
      const q = body.charCodeAt(s - 1);
      const whole = s > 0 && isQuote(q) && body.charCodeAt(e) === q;
      // Past ASCII the text may be the page's bytes (the byte streams) or its characters
      // (the string helpers): the text scan alone, which reads both alike.
      const found = NON_ASCII.test(body.slice(s, e)) ? scanner.scan(body, s, e, whole ? { start: s, end: e } : undefined) : code.occurrences(body, s, e, whole, 'literal');
      for (const o of found) if (isCodeOccurrence(o)) for (const edit of o.edits) edits.push(edit);
      at = search.next(Math.max(e, at + 1));
    }
    return applyEdits(body, edits, 0, to);
  }
}

const NON_ASCII = /[^\x00-\x7f]/;

function isQuote(c: number): boolean {
  return c === 0x22 || c === 0x27 || c === 0x60;
}

function isSeparator(c: number): boolean {
  return c <= 0x20 || c === 0x22 || c === 0x27 || c === 0x60 || c === 0x3b || c === 0x2c || c === 0x28 ||
    c === 0x29 || c === 0x7b || c === 0x7d || c === 0x3c || c === 0x3e || c === 0x5b || c === 0x5d;
}

/** Whether `text[i]` is a separator: not a brace of a code-point escape (`\u{2f}`), which is part of a string's text. */
function separatesAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (!isSeparator(c)) return false;
  if (c === 0x7b) return !(text.charCodeAt(i - 1) === 0x75 && text.charCodeAt(i - 2) === 0x5c);
  if (c !== 0x7d) return true;
  let j = i - 1;
  while (j > i - 9 && isHex(text.charCodeAt(j))) j--;
  return !(j < i - 1 && text.charCodeAt(j) === 0x7b && text.charCodeAt(j - 1) === 0x75 && text.charCodeAt(j - 2) === 0x5c);
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66);
}

/** The last separator at or before `at`; `at` itself when there is none (pathological input). */
function cutPoint(text: string, at: number): number {
  for (let i = at; i > 0; i--) if (separatesAt(text, i)) return i;
  return at;
}
