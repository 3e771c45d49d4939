import type { RewriteContext } from '../context.js';
import { rewriteBody, type BodyRole } from './body-rewrite.js';
import { BACKSLASH, CR, LF, isNewlineCode, isWhitespaceCode } from './chars.js';
import { escapeEnd } from './escapes.js';
import { HeldText } from './held-text.js';
import { MAX_NAME_RAW, decodeName, functionNameBefore, nameEnd, startsIdent } from './names.js';
import { CONTEXT, rewriteWindow, startWindows, windowLength, type WindowState } from './token-windows.js';
import type { TokenQuote } from './token-text.js';

// A resumable CSS Syntax Level 3 tokenizer that recognises exactly what host rewriting
// needs (comments, strings, url tokens, function names, at-keywords, parentheses) and
// copies everything else through. Only string and url token bodies are ever rewritten,
// and each is buffered whole before it is, up to the buffer cap; a longer body is
// rewritten in windows cut where its own text says (token-windows.ts). Every other byte
// is emitted as soon as it is tokenized. Every decision depends only on the text at most
// LOOKBEHIND characters back and the text of the current token, so any chunking of the
// input gives the same output.

const enum Mode { Normal, Comment, String, UrlLead, UrlBody, UrlTail, BadUrl }

const enum AtRule { None, Import, Namespace, Other }

/**
 * What the innermost open parenthesis is: strings directly inside URL ones are URLs;
 * inside `local()`, `format()` and `tech()` they are font names and keywords, never hosts.
 */
const enum Paren { Other, Url, Name }

/** Text kept behind the tokenizer's position, for reading a function name backwards. */
const LOOKBEHIND = MAX_NAME_RAW + 56;
/**
 * A pending token read this far past the buffer's start is moved out of the buffer into
 * held pieces at the end of a write (see held-text.ts), so the next chunk is appended to
 * a short buffer: each chunk then costs its own length, however long the token.
 */
const SPILL_AT = 8 * 1024;
/** Deeper parentheses are only counted (memory stays bounded on hostile input). */
const MAX_DEPTH = 256;

// Characters that can change the tokenizer's state in normal mode, one search per
// state. `RegExp#test` skips the long runs of names and numbers in native code without
// allocating a match (measured 3x faster than a charCodeAt loop); the stop is at
// lastIndex - 1.
// - Outside any parenthesis the tokenizer tracks (and outside at-rule preludes) a '(' only
//   matters after a name that may be one it acts on: the names end in l, c, h or t, or an
//   escape (a digit, or a non-name character); `var(`, `rgba(` … are skipped in the search,
//   and so are their ')'.
// - Inside a tracked parenthesis every '(' and ')' counts; in an at-rule prelude so do
//   '{', '}' and ';', which end it.
const TOP_LEVEL_STOPS = /["'\/\\@]|(?<![A-BD-GI-KM-SU-Za-bd-gi-km-su-z_\-\u0080-\uffff])\(/g;
const IN_PARENS_STOPS = /["'\/\\()@]/g;
const PRELUDE_STOPS = /["'\/\\(@{};]/g;
const PRELUDE_IN_PARENS_STOPS = /["'\/\\()@{};]/g;

// What ends or breaks an unquoted url token's body: ')', an escape, whitespace, a quote,
// '(' or a non-printable character.
const URL_STOPS = /[)\\"'( \t\n\r\f\x00-\x08\x0b\x0e-\x1f\x7f]/g;
// What ends, escapes or breaks a string, per quote.
const DOUBLE_QUOTED_STOPS = /["\\\n\r\f]/g;
const SINGLE_QUOTED_STOPS = /['\\\n\r\f]/g;

const PAREN_KINDS = new Map<string, Paren>([
  ['image-set', Paren.Url], ['-webkit-image-set', Paren.Url], ['src', Paren.Url],
  ['local', Paren.Name], ['format', Paren.Name], ['tech', Paren.Name],
]);
/** The function names the tokenizer acts on: `url(` and those above. */
const FUNCTION_NAMES: readonly string[] = ['url', ...PAREN_KINDS.keys()];

/**
 * The CSS rewriting engine: feed it text with {@link CssTokenRewriter.write} and
 * finish with {@link CssTokenRewriter.end}; each call returns the output that is ready.
 * Works on JS strings; the stream feeds it bytes decoded as latin1 (offsets = bytes).
 */
export class CssTokenRewriter {
  private buf = '';
  private pos = 0;
  private emitted = 0;
  private mode = Mode.Normal;
  private atRule = AtRule.None;
  private readonly parens: Paren[] = [];
  private overflow = 0;
  /** A string or url token is open (its body is being read). */
  private pending = false;
  /**
   * Start of the pending token's body (once it is windowed: of the part not yet
   * emitted). Offsets into `buf` (this one, `emitted`, `urlValueEnd`) are negative when
   * they point into `held`, which stands just before `buf`.
   */
  private tokStart = 0;
  /** The pending token's text already read, moved out of `buf` (see SPILL_AT). */
  private readonly held = new HeldText();
  /** Once the pending token is cut into windows: what they carry from one to the next. */
  private windows: WindowState | null = null;
  private readonly window: number;
  /** The most body a token holds back before windows are cut from it. */
  private readonly holdLimit: number;
  private role: BodyRole = 'code';
  /** The pending string's quote; 0 for a url token. */
  private quote: TokenQuote = 0;
  /** Where an unquoted url's value ended before its trailing whitespace. */
  private urlValueEnd = 0;
  private out: string[] = [];

  /**
   * `bytes`: the text is bytes read as Latin-1 (the stream), so a URL value holding
   * non-ASCII is read as UTF-8, as the browser reads the stylesheet (see rewriteBody).
   */
  constructor(private readonly ctx: RewriteContext, private readonly bytes = false) {
    this.window = windowLength(ctx);
    this.holdLimit = this.window + CONTEXT;
  }

  /** Takes the next piece of input; returns the output that no later input can change. */
  write(text: string): string {
    return this.process(text, false);
  }

  /** Ends the input; returns the rest of the output. */
  end(): string {
    return this.process('', true);
  }

  /**
   * Everything received and not yet returned (what was already rewritten, then the rest
   * as it came): the way out after an internal error, so that no byte is lost.
   */
  drainRaw(): string {
    const { text, shift } = this.view();
    const rest = this.out.join('') + text.slice(this.emitted + shift);
    this.out = [];
    this.buf = '';
    this.held.take();
    this.pos = this.emitted = 0;
    this.pending = false;
    this.windows = null;
    return rest;
  }

  private process(text: string, final: boolean): string {
    // Windows are cut only from a buffer that holds the whole pending token.
    if (this.held.length > 0 && this.buf.length + text.length - this.tokStart > this.holdLimit) this.restore();
    this.buf = this.buf.length === 0 ? text : this.buf + text;
    this.run(final);
    const safe = this.pending ? this.tokStart : this.pos;
    if (safe > this.emitted) {
      this.out.push(this.buf.slice(this.emitted, safe));
      this.emitted = safe;
    }
    const result = this.out.length === 1 ? this.out[0] : this.out.join('');
    this.out = [];
    if (final) {
      this.buf = '';
      this.pos = this.emitted = 0;
    } else {
      this.compact();
      this.spill();
    }
    return result;
  }

  private compact(): void {
    const keep = Math.min(this.emitted, this.pos - LOOKBEHIND);
    if (keep <= 0) return;
    this.buf = this.buf.slice(keep);
    this.moveOrigin(keep);
  }

  /** Moves what was read of a long pending token out of `buf` (see SPILL_AT). */
  private spill(): void {
    if (!this.pending || this.pos < SPILL_AT) return;
    const at = this.pos;
    this.held.push(this.buf.slice(0, at));
    this.buf = this.buf.slice(at);
    this.moveOrigin(at);
  }

  /** Puts the held text back in front of `buf`. Only between writes: it moves every offset. */
  private restore(): void {
    const k = this.held.length;
    this.buf = this.held.take() + this.buf;
    this.moveOrigin(-k);
  }

  /** `buf` now starts `by` characters later (earlier when negative). */
  private moveOrigin(by: number): void {
    this.pos -= by;
    this.emitted -= by;
    this.tokStart -= by;
    this.urlValueEnd -= by;
  }

  /** The held text and `buf` as one string, and where `buf` starts in it. */
  private view(): { text: string; shift: number } {
    const shift = this.held.length;
    return { text: shift === 0 ? this.buf : this.held.text() + this.buf, shift };
  }

  /**
   * The pending token is done: its held text goes, what of it was not out yet goes out
   * as it is (a token left unrewritten, a url's trailing whitespace).
   */
  private releaseHeld(): void {
    if (this.held.length === 0) return;
    const shift = this.held.length;
    const held = this.held.take();
    if (this.emitted < 0) {
      this.out.push(held.slice(this.emitted + shift));
      this.emitted = 0;
    }
  }

  private run(final: boolean): void {
    const buf = this.buf;
    const n = buf.length;
    let progress = true;
    while (progress && this.pos < n) {
      switch (this.mode) {
        case Mode.Normal: progress = this.normal(buf, n, final); break;
        case Mode.Comment: progress = this.comment(buf, n, final); break;
        case Mode.String: progress = this.string(buf, n, final); break;
        case Mode.UrlLead: progress = this.urlLead(buf, n, final); break;
        case Mode.UrlBody: progress = this.urlBody(buf, n, final); break;
        case Mode.UrlTail: progress = this.urlTail(buf, n, final); break;
        case Mode.BadUrl: progress = this.badUrl(buf, n, final); break;
      }
    }
    if (this.pending) {
      if (final) {
        // EOF closes an open string or url token (a parse error, but still a token to the browser).
        this.finishToken(this.mode === Mode.UrlTail ? this.urlValueEnd : n, n);
        this.mode = Mode.Normal;
      } else {
        // Cut every window the body read so far holds (the same cuts whatever the chunking).
        this.drainWindows(this.mode === Mode.UrlTail ? this.urlValueEnd : this.pos);
        // Whitespace after a url's value is held too: past the limit the token passes as it is.
        if (this.mode === Mode.UrlTail && n - this.tokStart > this.holdLimit) this.tooLong(n - this.tokStart);
      }
    }
  }

  /** Normal mode: skip to the next character that matters. Returns false to wait for input. */
  private normal(buf: string, n: number, final: boolean): boolean {
    const inParens = this.parens.length + this.overflow > 0;
    const stops = this.atRule !== AtRule.None
      ? (inParens ? PRELUDE_IN_PARENS_STOPS : PRELUDE_STOPS)
      : (inParens ? IN_PARENS_STOPS : TOP_LEVEL_STOPS);
    stops.lastIndex = this.pos;
    if (!stops.test(buf)) { this.pos = n; return true; }
    const i = stops.lastIndex - 1;
    this.pos = i;
    const c = buf.charCodeAt(i);
    switch (c) {
      case 0x2f: // '/'
        if (i + 1 >= n) { if (final) this.pos = n; return final; }
        if (buf.charCodeAt(i + 1) === 0x2a) { this.mode = Mode.Comment; this.pos = i + 2; } else this.pos = i + 1;
        return true;
      case BACKSLASH: // an escape in an ident: the escaped character is part of the name
        if (i + 1 >= n) { if (final) this.pos = n; return final; }
        this.pos = i + 2;
        return true;
      case 0x22: case 0x27: // a string
        this.quote = c === 0x22 ? 0x22 : 0x27;
        this.role = this.stringRole();
        this.pending = true;
        this.tokStart = i + 1;
        this.pos = i + 1;
        this.mode = Mode.String;
        return true;
      case 0x28: // '('
        this.pos = i + 1;
        this.openParen(functionNameBefore(buf, i, 0, FUNCTION_NAMES));
        return true;
      case 0x29: // ')'
        if (this.overflow > 0) this.overflow--;
        else this.parens.pop();
        this.pos = i + 1;
        return true;
      case 0x40: // '@'
        return this.atKeyword(buf, i, n, final);
      default: // '{', '}', ';' end an at-rule's prelude
        this.atRule = AtRule.None;
        this.pos = i + 1;
        return true;
    }
  }

  private openParen(name: string | null): void {
    if (name === 'url') { this.mode = Mode.UrlLead; return; }
    const kind = (name !== null && PAREN_KINDS.get(name)) || Paren.Other;
    // Outside tracked parentheses and preludes an untracked one is not counted: its ')'
    // is not searched for either (see TOP_LEVEL_STOPS).
    if (kind === Paren.Other && this.parens.length + this.overflow === 0 && this.atRule === AtRule.None) return;
    this.push(kind);
  }

  private push(kind: Paren): void {
    if (this.overflow > 0 || this.parens.length >= MAX_DEPTH) this.overflow++;
    else this.parens.push(kind);
  }

  private stringRole(): BodyRole {
    if (this.atRule === AtRule.Namespace) return 'none';
    const depth = this.parens.length + this.overflow;
    if (depth === 0) return this.atRule === AtRule.Import ? 'url' : 'code';
    const kind = this.overflow === 0 ? this.parens[this.parens.length - 1] : Paren.Other;
    return kind === Paren.Url ? 'url' : kind === Paren.Name ? 'none' : 'code';
  }

  private atKeyword(buf: string, at: number, n: number, final: boolean): boolean {
    const start = at + 1;
    if (start + 3 > n && !final) return false; // "would start an ident" looks three ahead
    if (!startsIdent(buf, start, n)) { this.pos = start; return true; }
    const cap = start + MAX_NAME_RAW;
    const end = nameEnd(buf, start, Math.min(n, cap), final || n >= cap);
    if (end < 0) return false;
    if (end >= cap) {
      this.atRule = AtRule.Other;
      this.pos = start;
      return true;
    }
    const name = decodeName(buf, start, end);
    this.atRule = name === 'import' ? AtRule.Import : name === 'namespace' ? AtRule.Namespace : AtRule.Other;
    this.pos = end;
    return true;
  }

  private comment(buf: string, n: number, final: boolean): boolean {
    const close = buf.indexOf('*/', this.pos);
    if (close >= 0) {
      this.pos = close + 2;
      this.mode = Mode.Normal;
      return true;
    }
    // Hold back a final '*' that the next chunk may close.
    const next = final ? n : Math.max(this.pos, n - 1);
    const moved = next > this.pos;
    this.pos = next;
    return moved && next === n;
  }

  private string(buf: string, n: number, final: boolean): boolean {
    const quote = this.quote;
    const stops = quote === 0x22 ? DOUBLE_QUOTED_STOPS : SINGLE_QUOTED_STOPS;
    let i = this.pos;
    for (;;) {
      stops.lastIndex = i;
      if (!stops.test(buf)) { this.pos = n; return true; }
      i = stops.lastIndex - 1;
      const c = buf.charCodeAt(i);
      if (c === quote) {
        this.finishToken(i, i);
        this.pos = i + 1;
        this.mode = Mode.Normal;
        return true;
      }
      if (c === BACKSLASH) {
        if (i + 1 >= n) { this.pos = i; if (final) this.pos = n; return final; }
        const d = buf.charCodeAt(i + 1);
        if (d === CR) {
          if (i + 2 >= n && !final) { this.pos = i; return false; }
          i += i + 2 < n && buf.charCodeAt(i + 2) === LF ? 3 : 2;
        } else if (isNewlineCode(d)) {
          i += 2; // a line continuation
        } else {
          const e = escapeEnd(buf, i, n, final);
          if (e < 0) { this.pos = i; return false; }
          i = e;
        }
        continue;
      }
      if (isNewlineCode(c)) {
        // A bad string: the browser drops it, so it is left as written (past any windows already cut).
        this.dropToken(i);
        this.pos = i;
        this.mode = Mode.Normal;
        return true;
      }
    }
  }

  private urlLead(buf: string, n: number, _final: boolean): boolean {
    let i = this.pos;
    while (i < n && isWhitespaceCode(buf.charCodeAt(i))) i++;
    this.pos = i;
    if (i >= n) return true;
    const c = buf.charCodeAt(i);
    if (c === 0x22 || c === 0x27) {
      // `url("…")` is a function token whose string is the URL.
      this.push(Paren.Url);
      this.mode = Mode.Normal;
    } else if (c === 0x29) {
      this.pos = i + 1;
      this.mode = Mode.Normal;
    } else {
      this.role = this.atRule === AtRule.Namespace ? 'none' : 'url';
      this.quote = 0;
      this.pending = true;
      this.tokStart = i;
      this.mode = Mode.UrlBody;
    }
    return true;
  }

  private urlBody(buf: string, n: number, final: boolean): boolean {
    URL_STOPS.lastIndex = this.pos;
    if (!URL_STOPS.test(buf)) { this.pos = n; return true; }
    const i = URL_STOPS.lastIndex - 1;
    const c = buf.charCodeAt(i);
    if (c === 0x29) {
      this.finishToken(i, i);
      this.pos = i + 1;
      this.mode = Mode.Normal;
    } else if (isWhitespaceCode(c)) {
      this.urlValueEnd = i;
      this.pos = i;
      this.mode = Mode.UrlTail;
    } else if (c === BACKSLASH) {
      if (i + 1 >= n) { this.pos = i; if (final) this.pos = n; return final; }
      if (isNewlineCode(buf.charCodeAt(i + 1))) return this.badUrlFrom(i);
      const e = escapeEnd(buf, i, n, final);
      if (e < 0) { this.pos = i; return false; }
      this.pos = e;
    } else {
      return this.badUrlFrom(i); // a quote, '(' or a non-printable character
    }
    return true;
  }

  private urlTail(buf: string, n: number, _final: boolean): boolean {
    let i = this.pos;
    while (i < n && isWhitespaceCode(buf.charCodeAt(i))) i++;
    this.pos = i;
    if (i >= n) return true;
    if (buf.charCodeAt(i) === 0x29) {
      this.finishToken(this.urlValueEnd, i);
      this.pos = i + 1;
      this.mode = Mode.Normal;
      return true;
    }
    return this.badUrlFrom(i);
  }

  /** A bad url token: the browser drops it, so it is left as written (past any windows already cut). */
  private badUrlFrom(i: number): boolean {
    this.dropToken(this.mode === Mode.UrlTail ? this.urlValueEnd : i);
    this.pos = i;
    this.mode = Mode.BadUrl;
    return true;
  }

  private badUrl(buf: string, n: number, final: boolean): boolean {
    let i = this.pos;
    for (;;) {
      if (i >= n) { this.pos = n; return true; }
      const c = buf.charCodeAt(i);
      if (c === 0x29) { this.pos = i + 1; this.mode = Mode.Normal; return true; }
      if (c === BACKSLASH) {
        if (i + 1 >= n) { this.pos = final ? n : i; return final; }
        i += 2;
        continue;
      }
      i++;
    }
  }

  /**
   * The pending token's body is `buf[tokStart, bodyEnd)` and the token closes at
   * `close`: rewrite it, whole or (past the cap) window by window.
   */
  private finishToken(bodyEnd: number, close: number): void {
    if (!this.pending) return;
    this.drainWindows(bodyEnd);
    const start = this.tokStart;
    const windows = this.windows;
    this.pending = false;
    this.windows = null;
    // Only a url's trailing whitespace can take a token past the limit after its windows.
    if (close - start > this.holdLimit) {
      this.reportTooLong(close - start, 'passed through unrewritten');
    } else {
      const { text, shift } = this.view();
      let next: string;
      const from = start + shift;
      const to = bodyEnd + shift;
      if (windows !== null) {
        next = this.guarded(() => rewriteWindow(this.ctx, text, from, to, to, windows, true).out, () => text.slice(from, to));
      } else {
        const raw = text.slice(from, to);
        next = this.guarded(() => rewriteBody(this.ctx, raw, this.role, this.quote, this.bytes), () => raw);
        if (next === raw) next = '';
      }
      if (next !== '' || windows !== null) {
        this.out.push(text.slice(this.emitted + shift, start + shift), next);
        this.emitted = bodyEnd;
      }
    }
    this.releaseHeld();
  }

  /** A bad token: cut the windows its body holds, then leave the rest as written. */
  private dropToken(bodyEnd: number): void {
    if (this.pending) this.drainWindows(bodyEnd);
    this.pending = false;
    this.windows = null;
    this.releaseHeld();
  }

  /** Cuts and emits every window of the pending body that `buf[tokStart, end)` holds with its look-ahead. */
  private drainWindows(end: number): void {
    // (Never with held text: a write that may cut a window restores it first.)
    if (!this.pending) return;
    while (end - this.tokStart > this.holdLimit) {
      const from = this.tokStart;
      if (this.windows === null) {
        this.windows = startWindows(this.role, this.quote, this.buf.slice(from, from + this.window));
        this.reportTooLong(end - from, 'rewritten in windows');
      }
      const limit = from + this.window;
      const windows = this.windows;
      const { cut, out } = this.guarded(() => rewriteWindow(this.ctx, this.buf, from, limit, limit + CONTEXT, windows, false), () => {
        this.windows = { ...windows, skipped: true };
        return { cut: limit, out: this.buf.slice(from, limit) };
      });
      this.out.push(this.buf.slice(this.emitted, from), out);
      this.emitted = this.tokStart = cut;
    }
  }

  /** The pending token's trailing whitespace outgrew the limit: pass it through as it is and keep tokenizing. */
  private tooLong(length: number): void {
    this.reportTooLong(length, 'passed through unrewritten');
    this.pending = false;
    this.windows = null;
    this.releaseHeld();
  }

  /**
   * One value's rewrite. An internal error (a bug) leaves that value as written and is
   * reported; the rest of the stylesheet is rewritten as ever.
   */
  private guarded<T>(run: () => T, asWritten: () => T): T {
    try {
      return run();
    } catch (err) {
      this.ctx.emit({ type: 'css-error', message: `a CSS ${this.mode === Mode.String ? 'string' : 'url()'} could not be rewritten and is left as written: ${String(err)}` });
      return asWritten();
    }
  }

  private reportTooLong(length: number, what: string): void {
    this.ctx.emit({
      type: 'css-token-too-long',
      message: `a CSS ${this.mode === Mode.String ? 'string' : 'url()'} longer than ${this.ctx.limits.maxBufferBytes} characters was ${what}`,
      length,
    });
  }
}
