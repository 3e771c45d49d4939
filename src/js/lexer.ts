/**
 * A small resumable JavaScript lexer that finds only what the rewriter needs: string
 * literals, template chunks, regular-expression bodies and `//# sourceMappingURL=`
 * comments. It never throws and never backtracks over text it has committed.
 *
 * Regex versus division is decided from the previous significant token by the grammar's
 * own rules: after `)` a regex follows only when the parentheses were the head of `if`,
 * `while`, `for` or `with`; after an identifier, only when it is an operator keyword
 * (`return`, `typeof`, …) and not a property name. The only cases the token stream
 * cannot decide (`}` then `/`, `yield`/`await`/`of` then `/`, HTML-like comments when
 * the source type is unknown) set {@link JsLexer.uncertain}; the caller then asks the
 * parser. A heuristic still decides them so that the lexer alone is a usable fallback.
 * When it is sure, its literal spans equal those of the tokens acorn reports while
 * parsing: test/js/lexer-vs-acorn.test.ts checks this on real bundles and edge snippets.
 *
 * Resumable: `run(text, final = false)` stops at the start of any short token that
 * might continue past the end of the text and stays inside long ones (literal bodies,
 * comments), so any split of the input gives the same tokens.
 */

/** What kind of region a {@link LexSink} receives. */
export const LIT_STRING = 0;
export const LIT_TEMPLATE = 1;
export const LIT_REGEX = 2;
/** The URL of a `//# sourceMappingURL=` comment. */
export const LIT_SOURCE_MAP = 3;

/** Receives each literal body `text[start, end)` once it is closed. */
export interface LexSink {
  /** `whole` is false when a long literal was cut into pieces (see {@link JsLexer.cutOpenLiteral}). */
  literal(kind: number, start: number, end: number, whole: boolean): void;
}

/** Which grammar to lex: HTML-like comments exist only in classic scripts. */
export type LexSourceType = 'script' | 'module' | 'auto';

// Lexer modes.
const CODE = 0;
const STRING = 1;
const TEMPLATE = 2;
const REGEX = 3;
const LINE_COMMENT = 4;
const BLOCK_COMMENT = 5;
const SOURCE_MAP = 6;

// Bracket stack entries.
const PAREN = 0;
const PAREN_HEAD = 1;
const BRACKET = 2;
const BRACE_BLOCK = 3;
const BRACE_EXPR = 4;
const BRACE_TEMPLATE = 5;

// What the previous significant token allows next.
const SLASH_IS_REGEX = 0;
const SLASH_IS_DIVISION = 1;
const SLASH_UNKNOWN = 2;

/** Keywords after which an expression (so a regex) starts. */
const REGEX_AFTER = new Set(['return', 'typeof', 'instanceof', 'in', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'extends', 'default']);
/** Statement heads whose parenthesized part is followed by a statement, not an operator. */
const HEAD_KEYWORDS = new Set(['if', 'while', 'for', 'with']);
/** Before `{`, these make it a block. */
const BLOCK_AFTER = new Set(['else', 'do', 'try', 'finally', 'return' /* ASI guess only */]);

const ID_PART = new Uint8Array(128);
for (let c = 0x30; c <= 0x39; c++) ID_PART[c] = 1;
for (let c = 0x41; c <= 0x5a; c++) ID_PART[c] = 1;
for (let c = 0x61; c <= 0x7a; c++) ID_PART[c] = 1;
ID_PART[0x24] = 1; // $
ID_PART[0x5f] = 1; // _
ID_PART[0x5c] = 1; // \ (unicode escapes in identifiers)

const SOURCE_MAP_MARK = ' sourceMappingURL=';

function isNonAsciiSpace(c: number): boolean {
  return c === 0xa0 || c === 0xfeff || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f || c === 0x3000;
}

function isLineTerminator(c: number): boolean {
  return c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;
}

function isIdPart(c: number): boolean {
  return c < 128 ? ID_PART[c] === 1 : !isNonAsciiSpace(c) && c !== 0x2028 && c !== 0x2029;
}

export class JsLexer {
  /** Next character to read. Text before it is fully lexed. */
  pos = 0;
  /** Start of the open literal's (remaining) body when `inLiteral`. */
  litStart = 0;
  /** Set when a decision needed the parser (see the file comment). */
  uncertain = false;
  /** Lexical errors met (unterminated literal, unbalanced bracket); each was recovered from. */
  errors = 0;
  /** The first error, for the fallback report. */
  firstError = '';

  private mode = CODE;
  private quote = 0;
  private inClass = false;
  private litSplit = false;
  private readonly stack: number[] = [];
  private slash = SLASH_IS_REGEX;
  private guessRegex = true;
  private afterDot = false;
  private newlineBefore = false;
  private hadToken = false;
  private started = false;
  private word = '';
  private word2 = '';
  private punct = 0;
  private punct2 = 0;

  constructor(private readonly sink: LexSink, private readonly sourceType: LexSourceType = 'auto') {}

  /** True while inside a string, template chunk, regex or source-map comment body. */
  get inLiteral(): boolean {
    return this.mode === STRING || this.mode === TEMPLATE || this.mode === REGEX || this.mode === SOURCE_MAP;
  }

  /** Shifts every position after the caller dropped `n` characters from the front of its buffer. */
  rebase(n: number): void {
    this.pos -= n;
    this.litStart -= n;
  }

  /**
   * Reports the open literal's body up to `cut` as a piece (not whole) and continues the
   * literal from there: the streaming caller's bound on memory for one huge literal.
   */
  cutOpenLiteral(cut: number): void {
    this.sink.literal(this.kindOfMode(), this.litStart, cut, false);
    this.litStart = cut;
    this.litSplit = true;
  }

  /** Lexes `text` from `pos`; with `final`, the text ends here and everything is closed. */
  run(text: string, final: boolean): void {
    const end = text.length;
    if (!this.started) {
      if (end === 0 || (!final && end < 3)) return;
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) this.pos = 1;
      if (text.charCodeAt(this.pos) === 0x23 && text.charCodeAt(this.pos + 1) === 0x21) {
        this.mode = LINE_COMMENT; // hashbang
        this.pos += 2;
      }
    }
    while (this.pos < end) {
      let done: boolean;
      switch (this.mode) {
        case CODE: done = this.code(text, end, final); break;
        case STRING: done = this.string(text, end, final); break;
        case TEMPLATE: done = this.template(text, end, final); break;
        case REGEX: done = this.regex(text, end, final); break;
        case BLOCK_COMMENT: done = this.blockComment(text, end, final); break;
        default: done = this.lineComment(text, end); break;
      }
      if (!done) break; // waiting for more text
    }
    if (final) this.finish(end);
  }

  private finish(end: number): void {
    if (this.mode === SOURCE_MAP) {
      this.sink.literal(LIT_SOURCE_MAP, this.litStart, end, !this.litSplit);
    } else if (this.inLiteral) {
      this.error('unterminated literal at end of input');
      this.sink.literal(this.kindOfMode(), this.litStart, end, !this.litSplit);
    } else if (this.mode === BLOCK_COMMENT) {
      this.error('unterminated comment at end of input');
    }
    this.mode = CODE;
    if (this.stack.length > 0) this.error('unclosed bracket at end of input');
    this.stack.length = 0;
  }

  private kindOfMode(): number {
    return this.mode === STRING ? LIT_STRING : this.mode === TEMPLATE ? LIT_TEMPLATE : this.mode === REGEX ? LIT_REGEX : LIT_SOURCE_MAP;
  }

  private error(message: string): void {
    if (this.errors++ === 0) this.firstError = message;
  }

  /** Records a completed non-identifier token. */
  private token(slash: number, punct = 0): void {
    this.punct2 = this.punct;
    this.punct = punct;
    this.slash = slash;
    this.afterDot = false;
    this.newlineBefore = false;
    this.hadToken = true;
    this.word2 = this.word;
    this.word = '';
  }

  private regexAllowed(): boolean {
    if (this.slash === SLASH_IS_REGEX) return true;
    if (this.slash === SLASH_IS_DIVISION) return false;
    this.uncertain = true;
    return this.guessRegex;
  }

  private unknown(guessRegex: boolean): number {
    this.guessRegex = guessRegex;
    return SLASH_UNKNOWN;
  }

  /** Lexes code tokens until a literal or comment opens (true) or more text is needed (false). */
  private code(text: string, end: number, final: boolean): boolean {
    let pos = this.pos;
    while (pos < end) {
      const c = text.charCodeAt(pos);
      if (c === 0x20 || c === 0x09 || c === 0x0b || c === 0x0c) { pos++; continue; }
      if (c === 0x0a || c === 0x0d) { this.newlineBefore = true; pos++; continue; }
      if (c < 128 ? ID_PART[c] === 1 && c !== 0x5c : true) {
        if (c >= 128 && (c === 0x2028 || c === 0x2029)) { this.newlineBefore = true; pos++; continue; }
        if (c >= 128 && isNonAsciiSpace(c)) { pos++; continue; }
        if (c >= 0x30 && c <= 0x39) {
          // Numbers: the whole run of word characters and dots (1.5e3, 0x1F, 1_000n).
          let j = pos + 1;
          while (j < end && (isIdPart(text.charCodeAt(j)) || text.charCodeAt(j) === 0x2e)) j++;
          if (j === end && !final) break;
          this.token(SLASH_IS_DIVISION);
          pos = j;
          continue;
        }
        let j = pos + 1;
        while (j < end && isIdPart(text.charCodeAt(j))) j++;
        if (j === end && !final) break;
        this.identifier(text, pos, j);
        pos = j;
        continue;
      }
      if (c === 0x5c || c === 0x23) {
        // `\u0061bc` identifiers and `#private` names.
        let j = pos + 1;
        while (j < end && isIdPart(text.charCodeAt(j))) j++;
        if (j === end && !final) break;
        this.token(SLASH_IS_DIVISION);
        pos = j;
        continue;
      }
      const next = pos + 1 < end ? text.charCodeAt(pos + 1) : -1;
      switch (c) {
        case 0x22: case 0x27: // " '
          this.quote = c;
          this.openLiteral(STRING, pos + 1);
          return true;
        case 0x60: // `
          this.openLiteral(TEMPLATE, pos + 1);
          return true;
        case 0x2f: { // /
          if (next === -1 && !final) { this.pos = pos; return false; }
          if (next === 0x2f) {
            const mark = pos + 2;
            if (mark >= end && !final) { this.pos = pos; return false; }
            const nc = text.charCodeAt(mark);
            if (nc === 0x23 || nc === 0x40) { // # or @
              if (mark + 1 + SOURCE_MAP_MARK.length > end && !final) { this.pos = pos; return false; }
              if (text.startsWith(SOURCE_MAP_MARK, mark + 1)) {
                this.openLiteral(SOURCE_MAP, mark + 1 + SOURCE_MAP_MARK.length);
                return true;
              }
            }
            this.pos = mark; this.mode = LINE_COMMENT; return true;
          }
          if (next === 0x2a) { this.pos = pos + 2; this.mode = BLOCK_COMMENT; return true; }
          if (this.regexAllowed()) {
            this.inClass = false;
            this.openLiteral(REGEX, pos + 1);
            return true;
          }
          pos += next === 0x3d ? 2 : 1;
          this.token(SLASH_IS_REGEX);
          continue;
        }
        case 0x2e: { // .
          if (next === -1 && !final) { this.pos = pos; return false; }
          if (next >= 0x30 && next <= 0x39) {
            let j = pos + 1;
            while (j < end && (isIdPart(text.charCodeAt(j)) || text.charCodeAt(j) === 0x2e)) j++;
            if (j === end && !final) { this.pos = pos; return false; }
            this.token(SLASH_IS_DIVISION);
            pos = j;
            continue;
          }
          if (next === 0x2e) {
            if (pos + 2 >= end && !final) { this.pos = pos; return false; }
            pos += text.charCodeAt(pos + 2) === 0x2e ? 3 : 2;
            this.token(SLASH_IS_REGEX);
            continue;
          }
          pos++;
          this.token(SLASH_IS_REGEX);
          this.afterDot = true;
          continue;
        }
        case 0x3f: { // ?
          if (pos + 2 >= end && !final) { this.pos = pos; return false; }
          const third = text.charCodeAt(pos + 2);
          if (next === 0x2e && !(third >= 0x30 && third <= 0x39)) {
            pos += 2;
            this.token(SLASH_IS_REGEX);
            this.afterDot = true;
            continue;
          }
          pos++;
          this.token(SLASH_IS_REGEX);
          continue;
        }
        case 0x28: { // (
          const w = this.word;
          const head = HEAD_KEYWORDS.has(w) || (w === 'await' && this.word2 === 'for');
          this.stack.push(head ? PAREN_HEAD : PAREN);
          pos++;
          this.token(SLASH_IS_REGEX, c);
          continue;
        }
        case 0x29: { // )
          const top = this.close(PAREN, PAREN_HEAD);
          pos++;
          this.token(top === PAREN_HEAD ? SLASH_IS_REGEX : SLASH_IS_DIVISION, c);
          continue;
        }
        case 0x5b: // [
          this.stack.push(BRACKET);
          pos++;
          this.token(SLASH_IS_REGEX);
          continue;
        case 0x5d: // ]
          this.close(BRACKET, BRACKET);
          pos++;
          this.token(SLASH_IS_DIVISION);
          continue;
        case 0x7b: // {
          this.stack.push(this.braceIsBlock() ? BRACE_BLOCK : BRACE_EXPR);
          pos++;
          this.token(SLASH_IS_REGEX, c);
          continue;
        case 0x7d: { // }
          const top = this.close(BRACE_BLOCK, BRACE_TEMPLATE);
          pos++;
          if (top === BRACE_TEMPLATE) {
            this.token(SLASH_IS_DIVISION);
            this.openLiteral(TEMPLATE, pos);
            return true;
          }
          this.token(this.unknown(top !== BRACE_EXPR), c);
          continue;
        }
        case 0x2b: case 0x2d: { // + -
          if (next === -1 && !final) { this.pos = pos; return false; }
          if (next === c) {
            if (c === 0x2d && this.sourceType !== 'module' && (this.newlineBefore || !this.hadToken)) {
              if (pos + 2 >= end && !final) { this.pos = pos; return false; }
              if (text.charCodeAt(pos + 2) === 0x3e) { // -->
                if (this.sourceType === 'auto') this.uncertain = true;
                this.pos = pos + 3; this.mode = LINE_COMMENT; return true;
              }
            }
            // Postfix (no line break allowed before it) ends an expression; prefix starts one.
            const prev = this.slash;
            pos += 2;
            const slash = prev === SLASH_IS_DIVISION && !this.newlineBefore ? SLASH_IS_DIVISION
              : prev === SLASH_UNKNOWN && !this.newlineBefore ? this.unknown(this.guessRegex) : SLASH_IS_REGEX;
            this.token(slash);
            continue;
          }
          pos++;
          this.token(SLASH_IS_REGEX);
          continue;
        }
        case 0x3c: { // <
          if (this.sourceType !== 'module' && next === 0x21) {
            if (pos + 4 > end && !final) { this.pos = pos; return false; }
            if (text.startsWith('<!--', pos)) {
              if (this.sourceType === 'auto') this.uncertain = true;
              this.pos = pos + 4; this.mode = LINE_COMMENT; return true;
            }
          }
          pos++;
          this.token(SLASH_IS_REGEX);
          continue;
        }
        default:
          pos++;
          this.token(SLASH_IS_REGEX, c);
          continue;
      }
    }
    this.pos = pos;
    return false;
  }

  private identifier(text: string, start: number, end: number): void {
    const len = end - start;
    let slash = SLASH_IS_DIVISION;
    let name = '';
    if (!this.afterDot && len >= 2 && len <= 10) {
      name = text.slice(start, end);
      if (REGEX_AFTER.has(name)) slash = SLASH_IS_REGEX;
      else if (name === 'await' && this.sourceType === 'module') slash = SLASH_IS_REGEX;
      else if (name === 'yield' || name === 'await') slash = this.unknown(true);
      else if (name === 'of') slash = this.unknown(false);
    }
    this.token(slash);
    this.word = name;
  }

  /** A guess used only when a `}` is followed by `/` and the parser is unavailable. */
  private braceIsBlock(): boolean {
    if (!this.hadToken) return true;
    if (this.word !== '') return BLOCK_AFTER.has(this.word);
    // After `)`, `;`, `{`, `}`, `=>`: a block or a body. After operators, `(`, `,`, `:`: an object.
    const p = this.punct;
    return p === 0x3b || p === 0x7b || p === 0x7d || p === 0x29 || (p === 0x3e && this.punct2 === 0x3d);
  }

  /** Pops the matching opener; on a mismatch, recovers to the nearest one of the kind. */
  private close(low: number, high: number): number {
    const stack = this.stack;
    for (let i = stack.length - 1; i >= 0; i--) {
      const k = stack[i];
      if (k >= low && k <= high) {
        if (i !== stack.length - 1) this.error('mismatched bracket');
        stack.length = i;
        return k;
      }
    }
    this.error('unbalanced closing bracket');
    return -1;
  }

  private openLiteral(mode: number, bodyStart: number): void {
    this.mode = mode;
    this.pos = bodyStart;
    this.litStart = bodyStart;
    this.litSplit = false;
  }

  private closeLiteral(kind: number, bodyEnd: number, next: number, slash: number): void {
    this.sink.literal(kind, this.litStart, bodyEnd, !this.litSplit);
    this.mode = CODE;
    this.pos = next;
    this.token(slash);
  }

  private string(text: string, end: number, final: boolean): boolean {
    const q = this.quote;
    let pos = this.pos;
    while (pos < end) {
      const c = text.charCodeAt(pos);
      if (c === q) { this.closeLiteral(LIT_STRING, pos, pos + 1, SLASH_IS_DIVISION); return true; }
      if (c === 0x5c) {
        if (pos + 2 >= end && !final) break; // `\` `\r\n` may straddle the end
        pos += text.charCodeAt(pos + 1) === 0x0d && text.charCodeAt(pos + 2) === 0x0a ? 3 : 2;
        continue;
      }
      if (c === 0x0a || c === 0x0d) {
        this.error('unterminated string literal');
        this.closeLiteral(LIT_STRING, pos, pos, SLASH_IS_DIVISION);
        return true;
      }
      pos++;
    }
    this.pos = Math.min(pos, end);
    return false;
  }

  private template(text: string, end: number, final: boolean): boolean {
    let pos = this.pos;
    while (pos < end) {
      const c = text.charCodeAt(pos);
      if (c === 0x60) { this.closeLiteral(LIT_TEMPLATE, pos, pos + 1, SLASH_IS_DIVISION); return true; }
      if (c === 0x5c) {
        if (pos + 1 >= end && !final) break;
        pos += 2;
        continue;
      }
      if (c === 0x24) {
        if (pos + 1 >= end && !final) break;
        if (text.charCodeAt(pos + 1) === 0x7b) {
          this.closeLiteral(LIT_TEMPLATE, pos, pos + 2, SLASH_IS_REGEX);
          this.stack.push(BRACE_TEMPLATE);
          return true;
        }
      }
      pos++;
    }
    this.pos = Math.min(pos, end);
    return false;
  }

  private regex(text: string, end: number, final: boolean): boolean {
    let pos = this.pos;
    let inClass = this.inClass;
    while (pos < end) {
      const c = text.charCodeAt(pos);
      if (c === 0x5c) {
        if (pos + 1 >= end && !final) break;
        if (isLineTerminator(text.charCodeAt(pos + 1))) { pos++; continue; } // reported below
        pos += 2;
        continue;
      }
      if (isLineTerminator(c)) {
        this.error('unterminated regular expression');
        if (!this.litSplit) {
          // It was a division after all: lex the text after the `/` as code.
          this.mode = CODE;
          this.pos = this.litStart;
          this.token(SLASH_IS_REGEX);
        } else {
          this.closeLiteral(LIT_REGEX, pos, pos, SLASH_IS_DIVISION);
        }
        this.inClass = false;
        return true;
      }
      if (inClass) {
        if (c === 0x5d) inClass = false;
      } else if (c === 0x5b) {
        inClass = true;
      } else if (c === 0x2f) {
        this.inClass = false;
        this.closeLiteral(LIT_REGEX, pos, pos + 1, SLASH_IS_DIVISION);
        return true;
      }
      pos++;
    }
    this.inClass = inClass;
    this.pos = Math.min(pos, end);
    return false;
  }

  private lineComment(text: string, end: number): boolean {
    let pos = this.pos;
    while (pos < end && !isLineTerminator(text.charCodeAt(pos))) pos++;
    this.pos = pos;
    if (pos === end) return false;
    if (this.mode === SOURCE_MAP) this.sink.literal(LIT_SOURCE_MAP, this.litStart, pos, !this.litSplit);
    this.mode = CODE;
    return true;
  }

  private blockComment(text: string, end: number, final: boolean): boolean {
    let pos = this.pos;
    while (pos < end) {
      const c = text.charCodeAt(pos);
      if (c === 0x2a) {
        if (pos + 1 >= end && !final) break;
        if (text.charCodeAt(pos + 1) === 0x2f) {
          this.pos = pos + 2;
          this.mode = CODE;
          return true;
        }
      } else if (isLineTerminator(c)) {
        this.newlineBefore = true;
      }
      pos++;
    }
    this.pos = Math.min(pos, end);
    return false;
  }
}
