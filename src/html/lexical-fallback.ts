import type { RewriteContext } from '../context.js';
import { applyEdits, isCodeOccurrence, type Edit, type HostOccurrence } from '../domain/index.js';

/**
 * The conservative lexical rewrite of code too big (or too broken) to parse: DESIGN
 * rules 1-3 on the raw text, in fixed windows so memory stays bounded. A host is proxied
 * in a URL (after `//` in any spelling), regex-escaped, or when it is the whole of a
 * quoted string (`"example.com"`). Windows are cut just before a separator (whitespace,
 * quote, bracket, `;`, `,`) and no URL, host or escape contains one, so every occurrence
 * is seen whole with its left context, and where the input was split does not matter.
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

  private rewrite(text: string, to: number): string {
    const scanner = this.ctx.hosts.scanner;
    if (to === 0) return '';
    if (!scanner.mayContain(text.length === to ? text : text.slice(0, to))) return text.slice(0, to);
    const edits: Edit[] = [];
    for (const o of scanner.scan(text, 0, to)) {
      if (isCodeOccurrence(o) || quotedWhole(text, o)) for (const e of o.edits) edits.push(e);
    }
    return applyEdits(text, edits, 0, to);
  }
}

/** A host that is the whole of a quoted string: `"example.com"`, `'.example.com'`. */
function quotedWhole(text: string, o: HostOccurrence): boolean {
  if (o.context !== 'other' || o.start === 0) return false;
  const q = text.charCodeAt(o.start - 1);
  return (q === 0x22 || q === 0x27 || q === 0x60) && text.charCodeAt(o.end) === q;
}

function isSeparator(c: number): boolean {
  return c <= 0x20 || c === 0x22 || c === 0x27 || c === 0x60 || c === 0x3b || c === 0x2c || c === 0x28 ||
    c === 0x29 || c === 0x7b || c === 0x7d || c === 0x3c || c === 0x3e || c === 0x5b || c === 0x5d;
}

/** The last separator at or before `at`; `at` itself when there is none (pathological input). */
function cutPoint(text: string, at: number): number {
  for (let i = at; i > 0; i--) if (isSeparator(text.charCodeAt(i))) return i;
  return at;
}
