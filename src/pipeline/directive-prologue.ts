/**
 * Where code can be put at the start of a script without changing what the script is:
 * after a hashbang and after the directive prologue (ECMA-262 §11.2 "Directive
 * Prologues": the leading string-literal expression statements, `'use strict';` among
 * them), so the script's strictness is unchanged. Comments and white space after the
 * prologue stay where they are, after the inserted code.
 *
 * The bytes are read as a worker script is decoded (UTF-8, HTML "fetch a classic worker
 * script"), one code point at a time, in any chunking, each byte once: the scanner stops at
 * the first statement that is not a directive. A string statement is a directive only when
 * it ends there: at `;`, at the end of the script, or at a line break that automatic
 * semicolon insertion (ECMA-262 §12.10) turns into one, that is when the next token could
 * not continue the expression (`'use strict'\n var x`, but not `'a'\n.length` nor
 * `'use strict'\n(function () {})()`).
 */
export interface InsertionPoint {
  /** Byte offset in the script. */
  readonly at: number;
  /** What must come first so the inserted code starts a statement of its own: a line break after a hashbang that ends the script. */
  readonly prefix: string;
}

type State =
  | 'start' | 'hash' | 'hashbang'
  | 'between' | 'between-slash'
  | 'line-comment' | 'block-comment' | 'block-star'
  | 'string' | 'string-escape' | 'string-escape-cr'
  | 'after-string' | 'after-slash' | 'after-plus' | 'after-bang' | 'after-word';

const SPACE = new Set([0x09, 0x0b, 0x0c, 0x20, 0xa0, 0xfeff, 0x1680, 0x202f, 0x205f, 0x3000]);
const isSpace = (c: number) => SPACE.has(c) || (c >= 0x2000 && c <= 0x200a);
const isLineBreak = (c: number) => c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;
const isAsciiWord = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x24 || c === 0x5f;
/** Identifier characters: single code points, so the property test cannot backtrack. */
const isWordPart = (c: number) => isAsciiWord(c) || c === 0x5c || (c >= 0x80 && /[\p{ID_Continue}\u200c\u200d]/u.test(String.fromCodePoint(c)));
const isWordStart = (c: number) => !(c >= 0x30 && c <= 0x39) && isWordPart(c);
/** After a line break, these begin a new statement rather than continue `'string'` (no ASI otherwise). */
const startsStatement = (c: number) => c === 0x22 || c === 0x27 || (c >= 0x30 && c <= 0x39) || c === 0x7b || c === 0x7e || c === 0x23;

const FFFD = 0xfffd;

export class DirectivePrologueScanner {
  private state: State = 'start';
  /** Where the prologue read so far ends: the insertion point if the next statement is not a directive. */
  private safe = 0;
  private quote = 0;
  /** The `+` or `-` just read after a string and a line break. */
  private sign = 0;
  /** The byte offset just after the current string statement's closing quote. */
  private stringEnd = 0;
  /** A line break since that string (ASI may end its statement). */
  private crossed = false;
  private word = '';
  private returnTo: State = 'between';
  private offset = 0;
  // UTF-8 decoding state.
  private pending = 0;
  private codePoint = 0;
  private codeStart = 0;
  private result: InsertionPoint | null = null;

  /** The insertion point once known; null while more bytes are needed. */
  get point(): InsertionPoint | null {
    return this.result;
  }

  push(bytes: Uint8Array): InsertionPoint | null {
    for (let i = 0; i < bytes.length && this.result === null; i++) this.byte(bytes[i]);
    return this.result;
  }

  /** The end of the script: decides whatever is still open. */
  end(): InsertionPoint {
    if (this.result !== null) return this.result;
    if (this.pending > 0) {
      this.pending = 0;
      this.char(FFFD, this.codeStart, this.offset);
      if (this.result !== null) return this.result;
    }
    switch (this.state) {
      case 'hashbang':
        return this.decide(this.offset, '\n');
      case 'after-string':
      case 'after-plus':
      case 'after-bang':
      case 'after-word':
        // Only white space or a line comment after the string (or an operator with nothing to apply to): its statement ends there.
        return this.decide(this.stringEnd);
      case 'line-comment':
        return this.decide(this.returnTo === 'after-string' ? this.stringEnd : this.safe);
      default:
        return this.decide(this.safe);
    }
  }

  private byte(b: number): void {
    const at = this.offset++;
    if (this.pending > 0) {
      if ((b & 0xc0) === 0x80) {
        this.codePoint = (this.codePoint << 6) | (b & 0x3f);
        if (--this.pending === 0) this.char(this.codePoint, this.codeStart, at + 1);
        return;
      }
      this.pending = 0;
      this.char(FFFD, this.codeStart, at);
      if (this.result !== null) return;
    }
    if (b < 0x80) this.char(b, at, at + 1);
    else if (b >= 0xc2 && b <= 0xf4) {
      this.pending = b >= 0xf0 ? 3 : b >= 0xe0 ? 2 : 1;
      this.codePoint = b & (b >= 0xf0 ? 0x07 : b >= 0xe0 ? 0x0f : 0x1f);
      this.codeStart = at;
    } else this.char(FFFD, at, at + 1);
  }

  private decide(at: number, prefix = ''): InsertionPoint {
    this.result = { at, prefix };
    return this.result;
  }

  /** One code point at bytes [start, end). */
  private char(c: number, start: number, end: number): void {
    switch (this.state) {
      case 'start':
        if (c === 0xfeff && start === 0) {
          this.safe = end; // the one BOM the decoder strips stays first; a second U+FEFF is whitespace
          return;
        }
        if (c === 0x23) {
          this.state = 'hash';
          this.safe = start;
          return;
        }
        this.state = 'between';
        this.safe = start;
        return this.char(c, start, end);
      case 'hash':
        if (c === 0x21) this.state = 'hashbang';
        else this.decide(this.safe);
        return;
      case 'hashbang':
        // The comment ends at the line break; code may start right after its first character (CR and LF alike).
        if (isLineBreak(c)) {
          this.safe = end;
          this.state = 'between';
        }
        return;
      case 'between':
        if (isSpace(c) || isLineBreak(c)) return;
        if (c === 0x2f) this.state = 'between-slash';
        else if (c === 0x22 || c === 0x27) this.openString(c);
        else this.decide(this.safe);
        return;
      case 'between-slash':
        return this.comment(c, 'between', () => this.decide(this.safe));
      case 'line-comment':
        if (isLineBreak(c)) {
          this.crossed = true;
          this.state = this.returnTo;
        }
        return;
      case 'block-comment':
        if (c === 0x2a) this.state = 'block-star';
        else if (isLineBreak(c)) this.crossed = true;
        return;
      case 'block-star':
        if (c === 0x2f) this.state = this.returnTo;
        else if (c !== 0x2a) {
          if (isLineBreak(c)) this.crossed = true;
          this.state = 'block-comment';
        }
        return;
      case 'string':
        if (c === this.quote) {
          this.stringEnd = end;
          this.crossed = false;
          this.state = 'after-string';
        } else if (c === 0x5c) this.state = 'string-escape';
        else if (c === 0x0a || c === 0x0d) this.decide(this.safe); // unterminated: not a statement to keep
        return;
      case 'string-escape':
        this.state = c === 0x0d ? 'string-escape-cr' : 'string';
        return;
      case 'string-escape-cr':
        // `\` CR LF is one line continuation.
        this.state = 'string';
        if (c !== 0x0a) this.char(c, start, end);
        return;
      case 'after-string':
        return this.afterString(c, end);
      case 'after-slash':
        return this.comment(c, 'after-string', () => this.decide(this.safe)); // division: the string goes on
      case 'after-plus':
        // `++`/`--` after a line break begins a new statement (restricted production); one `+`/`-` is an operator.
        this.decide(c === this.sign ? this.stringEnd : this.safe);
        return;
      case 'after-bang':
        this.decide(c === 0x3d ? this.safe : this.stringEnd); // `!=` continues; `!x` is a statement of its own
        return;
      case 'after-word':
        if (isWordPart(c) && this.word.length <= 10) {
          this.word += String.fromCodePoint(c);
          return;
        }
        this.decide(this.word === 'in' || this.word === 'instanceof' ? this.safe : this.stringEnd);
        return;
    }
  }

  private openString(quote: number): void {
    this.quote = quote;
    this.state = 'string';
  }

  /** After a `/`: a comment (then back to `returnTo`), or `otherwise`. */
  private comment(c: number, returnTo: State, otherwise: () => void): void {
    if (c === 0x2f || c === 0x2a) {
      this.returnTo = returnTo;
      this.state = c === 0x2f ? 'line-comment' : 'block-comment';
    } else otherwise();
  }

  /** The first token after a string statement's literal decides whether it was a directive. */
  private afterString(c: number, end: number): void {
    if (isSpace(c)) return;
    if (isLineBreak(c)) {
      this.crossed = true;
      return;
    }
    if (c === 0x2f) {
      this.state = 'after-slash';
      return;
    }
    if (c === 0x3b) {
      // `;`: a directive; the prologue goes on after it.
      this.safe = end;
      this.state = 'between';
      return;
    }
    if (!this.crossed) {
      this.decide(this.safe); // `'a' + b`, `'a'.length`: an expression, not a directive
      return;
    }
    if (c === 0x2b || c === 0x2d) {
      this.sign = c;
      this.state = 'after-plus';
    } else if (c === 0x21) this.state = 'after-bang';
    else if (isWordStart(c)) {
      this.word = String.fromCodePoint(c);
      this.state = 'after-word';
    } else if (c === 0x22 || c === 0x27) {
      // ASI: the string was a directive, and the next statement is a string too (maybe another directive).
      this.safe = this.stringEnd;
      this.openString(c);
    } else if (startsStatement(c)) this.decide(this.stringEnd);
    else this.decide(this.safe); // `(`, `[`, `.`, `` ` ``, an operator: the expression goes on
  }
}
