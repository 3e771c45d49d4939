/** Where the snippet goes, and its text; `declarationEnd`: where in `text` a `<meta charset>` of ours ends. */
export type Injection = readonly [at: number, text: string, declarationEnd?: number];

/** The `<meta charset>` naming `encoding` (a WHATWG encoding name, which is also one of its labels). */
export function charsetDeclaration(encoding: string): string {
  return `<meta charset="${encoding}">`;
}

/**
 * Where the optional snippet goes: once, at the start of `<head>`, but after any
 * `<meta charset>` (or `http-equiv=content-type`) that directly follows, so it never
 * pushes that declaration past the 1,024-byte prescan. Without a `<head>` tag it goes
 * in a `<head>` of its own before the first content, or after a leading `<meta charset>`.
 * When the page's charset comes from a `<meta>` found by the prescan further on (after
 * scripts, say), the snippet waits until just after that tag: put before it, it could
 * push the declaration out of the first 1,024 bytes and change how the page decodes.
 *
 * Unless a `<meta http-equiv="Content-Security-Policy">` comes first: the policy applies
 * from that element on, so a snippet after it would be blocked. The snippet then goes
 * right before the policy, preceded by a `<meta charset>` of ours naming the encoding the
 * page is decoded with. The browser's prescan stops at the first `<meta>` that declares an
 * encoding (HTML, "prescan a byte stream to determine its encoding": "Abort the prescan
 * ... returning the encoding given by charset"), which is now ours, early in the page and
 * the same encoding; when the parser meets the page's own declaration later, "change the
 * encoding" finds it identical to the one in use and only makes the confidence certain.
 * A `Content-Security-Policy-Report-Only` `<meta>` changes nothing: it is no pragma
 * (HTML's http-equiv states) and CSP3 ignores it in `<meta>`, so it blocks nothing.
 */
export class SnippetPlacer {
  private state: 'before' | 'head' | 'implicit' | 'deferred' | 'done' = 'before';
  /** Where the snippet goes while waiting in the head. */
  private at = 0;
  /** In `before`: the end of the last token that may precede an explicit head. */
  private floor = 0;
  /** In `deferred`: where it would have gone, and whether in a `<head>` of its own. */
  private deferredAt = 0;
  private deferredWrap = false;

  /**
   * `charsetEnd`: the input offset just past the `<meta>` that declares the page's charset
   * (0: none); `declaration`: the `<meta charset>` written before a policy `<meta>` ahead of it.
   */
  constructor(private readonly snippet: string, private readonly charsetEnd = 0, private readonly declaration = '') {}

  /** True once the snippet is placed. */
  get done(): boolean {
    return this.state === 'done';
  }

  /** The offset output must not pass yet: the snippet may still go there. */
  get limit(): number {
    if (this.state === 'deferred') return this.deferredAt;
    return this.state === 'before' ? this.floor : this.at;
  }

  /**
   * A start tag `[start, end)`; `policy`: a `<meta>` that sets an enforced Content Security
   * Policy. Returns the injection it triggers, if any.
   */
  startTag(name: string, metaCharset: boolean, policy: boolean, start: number, end: number): Injection | null {
    if (policy && start < this.charsetEnd && this.state !== 'done') return this.declare(start);
    switch (this.state) {
      case 'before':
        if (name === 'html') { this.floor = end; return null; }
        if (name === 'head') { this.state = 'head'; this.at = end; return null; }
        if (metaCharset) { this.state = 'implicit'; this.at = end; return null; }
        return this.place(start, true);
      case 'head':
      case 'implicit':
        if (metaCharset) { this.at = end; return null; }
        return this.place(this.at, false);
      case 'deferred':
        if (start >= this.charsetEnd) return this.place(start, this.deferredWrap);
        return metaCharset && end >= this.charsetEnd ? this.place(end, this.deferredWrap) : null;
      default:
        return null;
    }
  }

  /** An end tag, non-whitespace text, or the end of input at `start`. */
  content(start: number): Injection | null {
    if (this.state === 'done') return null;
    if (this.state === 'deferred') return start >= this.charsetEnd ? this.place(start, this.deferredWrap) : null;
    return this.state === 'before' ? this.place(start, true) : this.place(this.at, false);
  }

  /** A comment, doctype or whitespace ending at `end`: moves the floor before a head. */
  neutral(end: number): Injection | null {
    if (this.state === 'deferred') return end >= this.charsetEnd ? this.place(end, this.deferredWrap) : null;
    if (this.state === 'before') this.floor = end;
    else if (this.state !== 'done') return this.place(this.at, false);
    return null;
  }

  /** Whitespace: never a reason to place the snippet. */
  whitespace(end: number): void {
    if (this.state === 'before') this.floor = end;
  }

  /** Output must pass `limit` now (a buffer drop): place the snippet where it may go. */
  force(): Injection | null {
    if (this.state === 'done') return null;
    if (this.state === 'deferred') return this.emit(this.deferredAt, this.deferredWrap);
    return this.state === 'before' ? this.emit(this.floor, true) : this.emit(this.at, false);
  }

  /** Places the snippet at `at`, or defers it when that is before the charset declaration's end. */
  private place(at: number, wrap: boolean): Injection | null {
    if (at >= this.charsetEnd) return this.emit(at, wrap);
    this.state = 'deferred';
    this.deferredAt = at;
    this.deferredWrap = wrap;
    return null;
  }

  /**
   * Before a policy `<meta>` ahead of the page's charset declaration: ours first, then the
   * snippet, in a `<head>` of its own only where it would have had one at this point.
   */
  private declare(at: number): Injection {
    const wrap = this.state === 'before' || (this.state === 'deferred' && this.deferredWrap);
    const [, text] = this.emit(at, wrap, this.declaration + this.snippet);
    return [at, text, (wrap ? '<head>'.length : 0) + this.declaration.length];
  }

  private emit(at: number, wrap: boolean, text = this.snippet): Injection {
    this.state = 'done';
    return [at, wrap ? `<head>${text}</head>` : text];
  }
}
