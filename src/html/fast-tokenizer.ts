import { Token, Tokenizer, type TokenHandler, type TokenizerOptions } from 'parse5';

/**
 * parse5's tokenizer, with the per-character hot paths the splice engine does not need
 * cut short. The engine never reads the text of character tokens or comments (its
 * output is the input itself, located by offsets), so:
 *
 * - in text, script, style and `<textarea>`/`<title>` content, in comments and in
 *   quoted attribute values, a run of ordinary characters is taken in one step, up to
 *   the next character that means something in that state (`<`, `&`, the quote, `-`,
 *   NUL, CR), instead of going through the state machine one character at a time;
 * - the text of character tokens and comments is never concatenated (attribute values
 *   still are).
 *
 * A run merges whitespace and other text into one character token, which only matters
 * for where a snippet goes: text runs in the data state are taken only while
 * `fastData` is set (the engine sets it once the snippet is placed or when there is
 * none). Line and column numbers are not kept up to date inside runs; offsets are exact.
 * Before parse5's input buffer passes its drop mark inside a long run, the pending
 * character token is emitted so the buffer can be dropped, as parse5 does when a
 * token's type changes: memory stays bounded. Inside a long comment the buffer is
 * dropped the same way (its text is never read), so time stays linear whatever the
 * comment holds.
 */
export class FastTokenizer extends Tokenizer {
  /** Take text runs in the data state too (no snippet placement pending). */
  fastData = false;
  /** Input was appended without being tokenized (see `write`). */
  private holding = false;
  /**
   * What the last character read was taken in: a run inside a quoted attribute value
   * (`"` or `'`), a run inside a comment (`-`), or null. Set by the run overrides, cleared
   * by every character that stops a run, so it is exact at the end of the input.
   */
  openRun: '"' | "'" | '-' | null = null;
  /** The last three characters written, for a comment end split across pieces. */
  private tail = '';

  constructor(options: TokenizerOptions, handler: TokenHandler) {
    super(options, handler);
  }

  /**
   * While a tag, comment or doctype is open, input that cannot end it would emit nothing
   * if tokenized now: it is only appended, and tokenized with the first piece that may
   * end it (or at the end). Otherwise each piece of a long token (a 16 MB attribute
   * value) would make V8 flatten the whole buffer again when parse5 reads on (quadratic
   * time, and garbage many times the token's size); this way the buffer is flattened
   * once. What may end it: the quote inside a quoted attribute value (an SVG `data:` URL
   * is full of `>`), `->` or `!>` inside a comment, a `>` anywhere else.
   */
  override write(chunk: string, isLastChunk: boolean, writeCallback?: () => void): void {
    const t = this as unknown as Internals;
    const pre = t.preprocessor;
    const parked = this.holding || (t.currentToken !== null && pre.pos === pre.html.length - 1);
    const joined = this.tail + chunk;
    this.tail = joined.length <= 3 ? joined : chunk.length >= 3 ? chunk.slice(-3) : joined.slice(-3);
    if (!isLastChunk && parked && !this.mayEnd(chunk, joined)) {
      this.holding = true;
      pre.write(chunk, false);
      writeCallback?.();
      return;
    }
    this.holding = false;
    super.write(chunk, isLastChunk, writeCallback);
  }

  /** Whether `chunk` (`joined`: with the characters before it) may end the open token (see `write`). */
  private mayEnd(chunk: string, joined: string): boolean {
    switch (this.openRun) {
      case '"': case "'": return chunk.indexOf(this.openRun) >= 0;
      case '-': return joined.indexOf('->') >= 0 || joined.indexOf('!>') >= 0;
      default: return chunk.indexOf('>') >= 0;
    }
  }

  /**
   * Once its tag is handled, the tag's last attribute value (up to a buffer cap's worth)
   * is no longer kept alive by the tokenizer until the next attribute starts.
   */
  protected override emitCurrentTagToken(): void {
    super.emitCurrentTagToken();
    this.currentAttr = { name: '', value: '' };
  }
}

/** Characters that end a run, per state: a table over ASCII (nothing at or above 0x80 ends one). */
function stops(chars: string): Uint8Array {
  const t = new Uint8Array(128);
  t[0] = 1;
  t[0x0d] = 1;
  for (let i = 0; i < chars.length; i++) t[chars.charCodeAt(i)] = 1;
  return t;
}

const DATA_STOPS = stops('<&');
const RAW_STOPS = stops('<');
const DOUBLE_QUOTED_STOPS = stops('"&');
const SINGLE_QUOTED_STOPS = stops("'&");
const COMMENT_STOPS = stops('-<');

/** The parts of parse5's tokenizer the runs use (public at run time, private in its types). */
interface Internals {
  preprocessor: { html: string; pos: number; bufferWaterline: number; skipNextNewLine: boolean; dropParsedChunk(keep?: number): void; write(chunk: string, last: boolean): void };
  runEnd: number;
  currentCharacterToken: object | null;
  currentLocation: unknown;
  currentToken: object | null;
  fastData: boolean;
  openRun: '"' | "'" | '-' | null;
  runStart: number;
  getCurrentLocation(offset: number): unknown;
  _emitCurrentCharacterToken(location: unknown): void;
  _emitCodePoint(cp: number): void;
  _extendRun(cp: number): void;
}

/** Moves the run end from after the current character to the next stop (never past the buffer's last character). */
function skip(t: Internals, table: Uint8Array): void {
  const pre = t.preprocessor;
  // After a CR the tokenizer must see the next character itself (a following LF is dropped).
  if (pre.skipNextNewLine) return;
  const html = pre.html;
  const end = html.length - 1;
  let j = pre.pos + 1;
  while (j < end) {
    const c = html.charCodeAt(j);
    if (c < 0x80 && table[c] === 1) break;
    j++;
  }
  if (j > pre.pos + 1) {
    pre.pos = j - 1;
    t.runEnd = j;
  }
}

/** A character of text: emitted as parse5 would, then the rest of the run with it. */
function textRun(t: Internals, cp: number, table: Uint8Array): void {
  const pre = t.preprocessor;
  if (t.currentCharacterToken !== null && pre.pos > pre.bufferWaterline) {
    t.currentLocation = t.getCurrentLocation(0);
    t._emitCurrentCharacterToken(t.currentLocation);
    pre.dropParsedChunk();
  }
  t._emitCodePoint(cp);
  skip(t, table);
}

type StateMethod = (this: Internals, cp: number) => void;
const base = Tokenizer.prototype as unknown as Record<string, StateMethod>;
const proto = FastTokenizer.prototype as unknown as Record<string, StateMethod>;

/**
 * Overrides `name` so that an ordinary character (one not in `table`, not EOF) starts a
 * run; `open` is what {@link FastTokenizer.openRun} says while in it.
 */
function override(
  name: string, table: Uint8Array, run: (t: Internals, cp: number) => void, when?: (t: Internals) => boolean, open: Internals['openRun'] = null,
): void {
  const original = base[name] as StateMethod;
  proto[name] = function (this: Internals, cp: number): void {
    if (cp >= 0 && (cp >= 0x80 || table[cp] !== 1) && (when === undefined || when(this))) {
      this.openRun = open;
      run(this, cp);
    } else {
      this.openRun = null;
      original.call(this, cp);
    }
  };
}

/**
 * A comment's text is never read (see `_flushRun` below): past the drop mark inside a
 * long comment the parsed input is dropped, keeping the current character, as parse5
 * itself does between tokens. The run left pending is empty for a comment. Not while
 * the snippet's place is open (`fastData` unset): a drop there would force it before
 * the comment instead of at the `<head>` after it.
 */
function dropInComment(t: Internals): void {
  const pre = t.preprocessor;
  if (!t.fastData || pre.pos <= pre.bufferWaterline) return;
  t.runStart = t.runEnd;
  pre.dropParsedChunk();
}

override('_stateData', DATA_STOPS, (t, cp) => textRun(t, cp, DATA_STOPS), (t) => t.fastData);
override('_stateRcdata', DATA_STOPS, (t, cp) => textRun(t, cp, DATA_STOPS));
override('_stateRawtext', RAW_STOPS, (t, cp) => textRun(t, cp, RAW_STOPS));
override('_stateScriptData', RAW_STOPS, (t, cp) => textRun(t, cp, RAW_STOPS));
override('_stateAttributeValueDoubleQuoted', DOUBLE_QUOTED_STOPS, (t, cp) => { t._extendRun(cp); skip(t, DOUBLE_QUOTED_STOPS); }, undefined, '"');
override('_stateAttributeValueSingleQuoted', SINGLE_QUOTED_STOPS, (t, cp) => { t._extendRun(cp); skip(t, SINGLE_QUOTED_STOPS); }, undefined, "'");
override('_stateComment', COMMENT_STOPS, (t, cp) => { dropInComment(t); t._extendRun(cp); skip(t, COMMENT_STOPS); }, undefined, '-');

// Character and comment text is never read: drop it instead of concatenating it.
// Attribute values still collect while a tag is open.
type FlushRun = (this: Internals & { runStart: number; currentAttr: { value: string } }, text: string) => void;
(proto as unknown as Record<string, FlushRun>)['_flushRun'] = function (text: string): void {
  const token = this.currentToken as { type: Token.TokenType } | null;
  if (token === null || token.type === Token.TokenType.COMMENT) {
    this.runStart = this.runEnd;
  } else if (this.runEnd !== this.runStart || text.length > 0) {
    // An attribute value is a slice of the input, not parse5's copy of it: it lives only
    // while its tag is handled (see emitCurrentTagToken), and a long one (a 16 MB data:
    // URL) then costs no second buffer of its size.
    const run = this.preprocessor.html.slice(this.runStart, this.runEnd) + text;
    this.runStart = this.runEnd;
    this.currentAttr.value += run;
  }
};
