/**
 * Receives the pieces of an XML document in order; their concatenation is the input.
 * Streamed kinds (text, CDATA, markup, subset, oversized) come in pieces cut anywhere;
 * tags and `<?xml-stylesheet?>` come whole.
 */
export interface XmlTokenSink {
  /** Character data outside markup (references not decoded). */
  text(piece: string): void;
  /** A piece of a CDATA section, `<![CDATA[` and `]]>` included; `end` with its last piece. */
  cdata(piece: string, end: boolean): void;
  /** Comments, processing instructions, the doctype outside its internal subset, stray `<!…>`. */
  markup(piece: string, end: boolean): void;
  /** The doctype's internal subset (between `[` and `]`), whose literals may define entities. */
  subset(piece: string, end: boolean): void;
  /** A whole start tag or empty-element tag. */
  startTag(raw: string): void;
  /** A whole end tag. */
  endTag(raw: string): void;
  /** A whole `<?xml-stylesheet …?>`. */
  stylesheet(raw: string): void;
  /** A tag or `<?xml-stylesheet?>` longer than the cap, or cut by the end of input, in pieces. */
  oversized(piece: string, end: boolean): void;
}

enum State {
  Text, Lt, Bang, PiTarget, PiWhole, Tag, EndTag, Term, Doctype, Subset, DoctypeAfter,
}

/** Where a streamed construct's pieces go. */
enum Out { Markup, Cdata, Oversized }

/** Inside a start tag: outside a value, after `=`, in a quoted value, in an unquoted value. */
enum TagPart { Outside, AfterEq, Quoted, Unquoted }

/** Inside the internal subset: between declarations' parts, a literal, a comment, a PI. */
enum SubPart { Normal, Literal, Comment, Pi }

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** XML's NameStartChar, ASCII part; every non-ASCII character (or byte) is let in. */
function isNameStart(c: number): boolean {
  return ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) || c === 0x5f || c === 0x3a || c >= 0x80;
}

const COMMENT_OPEN = '<!--';
const CDATA_OPEN = '<![CDATA[';
const DOCTYPE_OPEN = '<!DOCTYPE';
const STYLESHEET = '<?xml-stylesheet';
/** Longest PI target looked at: past it the PI is not `xml-stylesheet`. */
const TARGET_MAX = STYLESHEET.length + 1;

/**
 * A streaming XML tokenizer (XML 1.0 section 2 productions, read leniently): one pass
 * over each chunk, never looking back, so the cost is linear whatever the chunking. It
 * knows every element by the XML rules: no raw-text states, self-closing tags close,
 * CDATA sections anywhere. Only what the rewriter acts on is held whole (a tag, up to
 * `cap` characters); everything else streams. Malformed input never throws: a `<` that
 * opens nothing is text, a construct cut by the end of input is handed on as it is.
 *
 * Error recovery: everything before {@link unconsumed} has been handed to the sink.
 */
export class XmlTokenizer {
  private state = State.Text;
  /** The construct being collected (tags, the `<!`/`<?` prefixes). */
  private tok = '';
  /** For `Term`: the text that must come before `>` (`--`, `]]`, `?`, or nothing). */
  private before = '';
  /** For `Term`: the last characters of the construct, to see `before` across chunks. */
  private tail = '';
  private out = Out.Markup;
  private tagPart = TagPart.Outside;
  private quote = 0;
  /** Whether the tag being read passed the cap and now streams. */
  private tagStreams = false;
  private subPart = SubPart.Normal;
  /** How much of `<!--` (or `<?`) the subset has just seen. */
  private subMatch = 0;
  private chunk = '';
  private cursor = 0;

  constructor(private readonly sink: XmlTokenSink, private readonly cap: number) {}

  /** Takes the next chunk. */
  write(s: string): void {
    this.chunk = s;
    this.cursor = 0;
    let i = 0;
    while (i < s.length) {
      i = this.step(s, i);
      this.cursor = i;
    }
    this.chunk = '';
    this.cursor = 0;
  }

  /** The end of input: whatever construct is open is handed on as it is. */
  end(): void {
    const tok = this.tok;
    switch (this.state) {
      case State.Text: return;
      case State.Lt: this.sink.text(tok); break;
      case State.Term: this.emit('', true); break;
      case State.Doctype: case State.DoctypeAfter: this.sink.markup('', true); break;
      case State.Subset: this.sink.subset('', true); break;
      default:
        this.sink.oversized(this.tagStreams ? '' : tok, true);
    }
    this.tok = '';
    this.state = State.Text;
    this.tagStreams = false;
  }

  /** What was taken in but not yet handed to the sink (for recovery after an error). */
  unconsumed(): string {
    return this.tok + this.chunk.slice(this.cursor);
  }

  private step(s: string, i: number): number {
    switch (this.state) {
      case State.Text: return this.text(s, i);
      case State.Lt: return this.lt(s, i);
      case State.Bang: return this.bang(s, i);
      case State.PiTarget: return this.piTarget(s, i);
      case State.PiWhole: return this.term(s, i);
      case State.Tag: return this.tag(s, i);
      case State.EndTag: return this.endTag(s, i);
      case State.Term: return this.term(s, i);
      case State.Doctype: return this.doctype(s, i);
      case State.Subset: return this.subset(s, i);
      case State.DoctypeAfter: return this.doctypeAfter(s, i);
    }
  }

  private text(s: string, i: number): number {
    const lt = s.indexOf('<', i);
    if (lt < 0) {
      this.sink.text(s.slice(i));
      return s.length;
    }
    if (lt > i) this.sink.text(s.slice(i, lt));
    this.cursor = lt + 1;
    this.tok = '<';
    this.state = State.Lt;
    return lt + 1;
  }

  private lt(s: string, i: number): number {
    const c = s.charCodeAt(i);
    if (c === 0x21) return this.begin(State.Bang, s, i);
    if (c === 0x3f) return this.begin(State.PiTarget, s, i);
    if (c === 0x2f) return this.begin(State.EndTag, s, i);
    if (isNameStart(c)) {
      this.tagPart = TagPart.Outside;
      this.tagStreams = false;
      return this.begin(State.Tag, s, i);
    }
    // A `<` that opens nothing (not well-formed): it is text.
    this.state = State.Text;
    this.sink.text('<');
    this.tok = '';
    return i;
  }

  private begin(state: State, s: string, i: number): number {
    this.tok += s[i];
    this.state = state;
    return i + 1;
  }

  private bang(s: string, i: number): number {
    const tok = this.tok + s[i];
    this.tok = tok;
    const next = i + 1;
    if (COMMENT_OPEN.startsWith(tok)) {
      if (tok.length === COMMENT_OPEN.length) this.startTerm(next, '--', Out.Markup);
      return next;
    }
    if (CDATA_OPEN.startsWith(tok)) {
      if (tok.length === CDATA_OPEN.length) this.startTerm(next, ']]', Out.Cdata);
      return next;
    }
    if (DOCTYPE_OPEN.startsWith(tok.toUpperCase())) {
      if (tok.length === DOCTYPE_OPEN.length) {
        this.handOff(next, () => this.sink.markup(tok, false));
        this.state = State.Doctype;
        this.quote = 0;
      }
      return next;
    }
    // `<!` opening nothing XML knows outside a doctype: markup up to the next `>`.
    if (s.charCodeAt(i) === 0x3e) {
      this.handOff(next, () => this.sink.markup(tok, true));
      this.state = State.Text;
      return next;
    }
    this.startTerm(next, '', Out.Markup);
    return next;
  }

  /** Hands `tok` (which ends just before `next`) to the sink, then clears it. */
  private handOff(next: number, call: () => void): void {
    this.cursor = next;
    call();
    this.tok = '';
  }

  /** Hands `tok` on as the first piece of a construct that streams until `before` + `>`. */
  private startTerm(next: number, before: string, out: Out): void {
    const tok = this.tok;
    this.out = out;
    this.handOff(next, () => this.emit(tok, false));
    this.before = before;
    this.tail = '';
    this.state = State.Term;
  }

  private emit(piece: string, end: boolean): void {
    if (this.out === Out.Markup) this.sink.markup(piece, end);
    else if (this.out === Out.Cdata) this.sink.cdata(piece, end);
    else this.sink.oversized(piece, end);
  }

  private piTarget(s: string, i: number): number {
    const c = s.charCodeAt(i);
    const named = !isSpace(c) && c !== 0x3f && c !== 0x3e;
    if (named && this.tok.length < TARGET_MAX) return this.begin(State.PiTarget, s, i);
    if (this.tok === STYLESHEET && !named) {
      this.before = '?';
      this.tail = '';
      this.state = State.PiWhole;
      return i;
    }
    this.startTerm(i, '?', Out.Markup);
    return i;
  }

  /**
   * A construct that ends at `before` + `>`: comments (`-->`), CDATA (`]]>`), PIs
   * (`?>`), stray `<!…>`; also `<?xml-stylesheet?>`, collected whole (`PiWhole`).
   */
  private term(s: string, i: number): number {
    const whole = this.state === State.PiWhole && !this.tagStreams;
    let from = i;
    for (;;) {
      const gt = s.indexOf('>', from);
      if (gt < 0) {
        this.tail = (this.tail + s.slice(Math.max(from, s.length - 2))).slice(-2);
        return this.piece(s, i, s.length, false, whole);
      }
      const seen = this.tail + s.slice(Math.max(i, gt - 2), gt);
      if (seen.endsWith(this.before)) return this.piece(s, i, gt + 1, true, whole);
      this.tail = (seen + '>').slice(-2);
      from = gt + 1;
    }
  }

  /** `s[i, to)` of a `Term` construct: collected (`whole`) or handed on; `done` when it ends at `to`. */
  private piece(s: string, i: number, to: number, done: boolean, whole: boolean): number {
    if (whole) {
      this.tok += s.slice(i, to);
      if (done) {
        const tok = this.tok;
        this.handOff(to, () => this.sink.stylesheet(tok));
      } else if (this.tok.length > this.cap) {
        this.overCap(to);
      }
    } else {
      this.emit(s.slice(i, to), done);
    }
    if (done) {
      this.state = State.Text;
      this.tagStreams = false;
    }
    return to;
  }

  /** A tag or stylesheet PI past the cap: what was collected goes on, the rest streams. */
  private overCap(next: number): void {
    const tok = this.tok;
    this.tagStreams = true;
    this.out = Out.Oversized;
    this.handOff(next, () => this.sink.oversized(tok, false));
  }

  private tag(s: string, i: number): number {
    let j = i;
    const n = s.length;
    let ended = false;
    while (j < n) {
      const c = s.charCodeAt(j++);
      switch (this.tagPart) {
        case TagPart.Outside:
          if (c === 0x3e) ended = true;
          else if (c === 0x3d) this.tagPart = TagPart.AfterEq;
          break;
        case TagPart.AfterEq:
          if (c === 0x22 || c === 0x27) { this.tagPart = TagPart.Quoted; this.quote = c; }
          else if (c === 0x3e) ended = true;
          else if (!isSpace(c)) this.tagPart = TagPart.Unquoted;
          break;
        case TagPart.Quoted:
          if (c === this.quote) this.tagPart = TagPart.Outside;
          break;
        case TagPart.Unquoted:
          if (c === 0x3e) ended = true;
          else if (isSpace(c)) this.tagPart = TagPart.Outside;
          break;
      }
      if (ended) break;
    }
    return this.collect(s, i, j, ended, (tok) => this.sink.startTag(tok));
  }

  private endTag(s: string, i: number): number {
    const gt = s.indexOf('>', i);
    const to = gt < 0 ? s.length : gt + 1;
    return this.collect(s, i, to, gt >= 0, (tok) => this.sink.endTag(tok));
  }

  /** `s[i, to)` of a tag: collected, handed on whole when it `ended`, or streamed past the cap. */
  private collect(s: string, i: number, to: number, ended: boolean, whole: (tok: string) => void): number {
    if (this.tagStreams) {
      this.sink.oversized(s.slice(i, to), ended);
    } else {
      this.tok += s.slice(i, to);
      if (ended) {
        const tok = this.tok;
        this.handOff(to, () => whole(tok));
      } else if (this.tok.length > this.cap) {
        this.overCap(to);
      }
    }
    if (ended) {
      this.state = State.Text;
      this.tagStreams = false;
    }
    return to;
  }

  /** The doctype up to its internal subset or its end; quoted identifiers may hold `>` or `[`. */
  private doctype(s: string, i: number): number {
    for (let j = i; j < s.length; j++) {
      const c = s.charCodeAt(j);
      if (this.quote !== 0) {
        if (c === this.quote) this.quote = 0;
      } else if (c === 0x22 || c === 0x27) {
        this.quote = c;
      } else if (c === 0x5b || c === 0x3e) {
        const end = c === 0x3e;
        this.sink.markup(s.slice(i, j + 1), end);
        this.state = end ? State.Text : State.Subset;
        this.subPart = SubPart.Normal;
        this.subMatch = 0;
        return j + 1;
      }
    }
    this.sink.markup(s.slice(i), false);
    return s.length;
  }

  /** The internal subset up to its `]`: literals, comments and PIs may hold `]`. */
  private subset(s: string, i: number): number {
    for (let j = i; j < s.length; j++) {
      const c = s.charCodeAt(j);
      switch (this.subPart) {
        case SubPart.Literal:
          if (c === this.quote) this.subPart = SubPart.Normal;
          continue;
        case SubPart.Comment:
          if (c === 0x3e && this.subMatch >= 2) this.subPart = SubPart.Normal;
          this.subMatch = c === 0x2d ? this.subMatch + 1 : 0;
          continue;
        case SubPart.Pi:
          if (c === 0x3e && this.subMatch === 1) this.subPart = SubPart.Normal;
          this.subMatch = c === 0x3f ? 1 : 0;
          continue;
        case SubPart.Normal:
          break;
      }
      const m = this.subMatch;
      this.subMatch = 0;
      if (c === 0x22 || c === 0x27) {
        this.subPart = SubPart.Literal;
        this.quote = c;
      } else if (c === 0x5d) {
        this.sink.subset(s.slice(i, j), true);
        this.state = State.DoctypeAfter;
        return j;
      } else if (c === 0x3c) {
        this.subMatch = 1;
      } else if (m === 1 && c === 0x3f) {
        this.subPart = SubPart.Pi;
      } else if ((m === 1 && c === 0x21) || (m === 2 && c === 0x2d)) {
        this.subMatch = m + 1;
      } else if (m === 3 && c === 0x2d) {
        this.subPart = SubPart.Comment;
      }
    }
    this.sink.subset(s.slice(i), false);
    return s.length;
  }

  private doctypeAfter(s: string, i: number): number {
    const gt = s.indexOf('>', i);
    const to = gt < 0 ? s.length : gt + 1;
    this.sink.markup(s.slice(i, to), gt >= 0);
    if (gt >= 0) this.state = State.Text;
    return to;
  }
}
