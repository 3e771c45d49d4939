import type { RewriteContext } from '../context.js';
import type { TextEngine } from '../stream/index.js';
import { applyEdits, isCodeOccurrence, rewriteWindow, rewriteWindowTail, WINDOW_CONTEXT as CONTEXT, type CodeStrings } from '../domain/index.js';

/**
 * A streaming lexer for JSON-like text that only needs to know where strings are:
 * text outside strings passes straight through, each string body is rewritten with
 * rule 3 when it ends. Anything that is not valid JSON is lexed the same way, so it
 * is never rejected. A string longer than the buffer cap is rewritten in fixed
 * windows that depend only on the string's content, never on how it was chunked.
 */
export class JsonStringLexer implements TextEngine {
  private inString = false;
  /** The open string's body so far (after any windows already emitted), with `kept` characters of look-behind in front. */
  private body = '';
  private kept = 0;
  /** Whether the open string was cut into windows (then it can no longer be a whole-string host). */
  private windowed = false;
  /** The previous chunk ended inside an escape: its next character is escaped. */
  private pendingEscape = false;
  private readonly window: number;
  /** Positions of the next `"` and `\\` in the current chunk (-2: not searched yet, -1: none), reused across its strings. */
  private nextQuote = -2;
  private nextBackslash = -2;

  /**
   * `code` decides the direction: the forward rules (default) proxy protected hosts in
   * responses, `ctx.hosts.reverseCode` maps proxied hosts back in request bodies.
   * `bytes`: the text is UTF-8 bytes read as Latin-1 (the byte streams), which the URL
   * rule reads as the browser decodes them.
   */
  constructor(ctx: RewriteContext, private readonly code: CodeStrings = ctx.hosts.code, private readonly bytes = false) {
    this.window = Math.max(ctx.limits.maxBufferBytes - CONTEXT, CONTEXT);
  }

  /** How a string body is written: a literal, its text UTF-8 bytes read as Latin-1 in the byte streams. */
  private get form(): 'literal' | 'literal-bytes' {
    return this.bytes ? 'literal-bytes' : 'literal';
  }

  /**
   * What `drainRaw` gives back after a failure inside `write`: the open string's body
   * as the write found it (from `kept` on) and that write's text. Kept as references and
   * joined only on failure: slicing the body on every write would copy the whole open
   * string per chunk (quadratic in a long string).
   */
  private unemitted: { body: string; kept: number; text: string } | null = null;

  /** Feeds text; returns what can be emitted now. */
  write(text: string): string {
    this.unemitted = { body: this.body, kept: this.kept, text };
    const out = this.lex(text);
    this.unemitted = null;
    return out;
  }

  /** After a failure inside `write`: the raw text it had not emitted. */
  drainRaw(): string {
    const u = this.unemitted;
    const raw = u === null ? '' : u.body.slice(u.kept) + u.text;
    this.unemitted = null;
    this.body = '';
    this.kept = 0;
    this.inString = false;
    return raw;
  }

  private lex(text: string): string {
    const parts: string[] = [];
    const candidates = this.code.candidates(text);
    const len = text.length;
    let candidate = -2;
    this.nextQuote = -2;
    this.nextBackslash = -2;
    // text[emitFrom, i) passes through unchanged; it is copied out only when an edited string interrupts it.
    let emitFrom = 0;
    let i = 0;
    while (i < len) {
      if (!this.inString) {
        if (this.nextQuote !== -1 && this.nextQuote < i) this.nextQuote = text.indexOf('"', i);
        if (this.nextQuote === -1) break;
        this.inString = true;
        i = this.nextQuote + 1;
        continue;
      }
      const opened = this.body.length === 0 && !this.pendingEscape;
      const end = this.findStringEnd(text, i);
      if (end === -1) {
        parts.push(text.slice(emitFrom, i));
        this.body += text.slice(i);
        emitFrom = len;
        parts.push(this.drainWindows());
        break;
      }
      if (opened) {
        // A string wholly inside this chunk with no candidate in it passes as it is.
        if (candidate !== -1 && candidate < i) candidate = candidates.next(i);
        if (candidate === -1 || candidate >= end) {
          this.inString = false;
          i = end + 1;
          continue;
        }
      }
      parts.push(text.slice(emitFrom, i));
      this.body += text.slice(i, end);
      parts.push(this.finishString());
      emitFrom = end;
      this.inString = false;
      i = end + 1;
    }
    if (parts.length === 0) return text;
    if (emitFrom < len) parts.push(text.slice(emitFrom));
    return parts.join('');
  }

  /** Ends the input: an unterminated string is rewritten as far as it goes. */
  end(): string {
    if (!this.inString) return '';
    this.unemitted = { body: this.body, kept: this.kept, text: '' };
    const out = this.finishString();
    this.unemitted = null;
    return out;
  }

  /** Index of the closing quote in `text` from `i`, or -1, tracking escapes across chunks. */
  private findStringEnd(text: string, i: number): number {
    let pos = i;
    if (this.pendingEscape) {
      this.pendingEscape = false;
      pos++;
    }
    const len = text.length;
    while (pos < len) {
      if (this.nextQuote !== -1 && this.nextQuote < pos) this.nextQuote = text.indexOf('"', pos);
      if (this.nextBackslash !== -1 && this.nextBackslash < pos) this.nextBackslash = text.indexOf('\\', pos);
      const backslash = this.nextBackslash;
      if (backslash !== -1 && (this.nextQuote === -1 || backslash < this.nextQuote)) {
        if (backslash + 1 >= len) {
          this.pendingEscape = true;
          return -1;
        }
        pos = backslash + 2;
        continue;
      }
      return this.nextQuote;
    }
    return -1;
  }

  private drainWindows(): string {
    let out = '';
    while (this.body.length - this.kept >= this.window + CONTEXT) out += this.emitWindow();
    return out;
  }

  /** Emits the first `window` characters after the look-behind, never cutting an occurrence's edits. */
  private emitWindow(): string {
    const body = this.body;
    const { cut, out } = rewriteWindow(this.code.windowReader(this.form), body, 0, this.kept, this.window, isCodeOccurrence);
    const keepFrom = Math.max(0, cut - CONTEXT);
    this.body = ownCopy(body.slice(keepFrom));
    this.kept = cut - keepFrom;
    this.windowed = true;
    return out;
  }

  private finishString(): string {
    const body = this.body;
    const from = this.kept;
    this.body = '';
    this.kept = 0;
    const windowed = this.windowed;
    this.windowed = false;
    const code = this.code;
    if (!code.mayContain(body, from)) return body.slice(from);
    if (windowed) return rewriteWindowTail(code.windowReader(this.form), body, 0, from, body.length, isCodeOccurrence);
    return applyEdits(body, code.edits(body, 0, body.length, this.form), 0, body.length);
  }
}

/**
 * `text` in memory of its own. V8 makes a slice of a long string share the long string's
 * memory, so the few KB of look-behind kept after a window would keep the whole window
 * (up to the buffer cap) alive until the next one.
 */
function ownCopy(text: string): string {
  return ` ${text}`.slice(1);
}
