/**
 * Where the optional snippet goes: once, at the start of `<head>`, but after any
 * `<meta charset>` (or `http-equiv=content-type`) that directly follows, so it never
 * pushes that declaration past the 1,024-byte prescan. Without a `<head>` tag it goes
 * in a `<head>` of its own before the first content, or after a leading `<meta charset>`.
 */
export class SnippetPlacer {
  private state: 'before' | 'head' | 'implicit' | 'done' = 'before';
  /** Where the snippet goes while waiting in the head. */
  private at = 0;
  /** In `before`: the end of the last token that may precede an explicit head. */
  private floor = 0;

  constructor(private readonly snippet: string) {}

  /** True once the snippet is placed. */
  get done(): boolean {
    return this.state === 'done';
  }

  /** The offset output must not pass yet: the snippet may still go there. */
  get limit(): number {
    return this.state === 'before' ? this.floor : this.at;
  }

  /** A start tag `[start, end)`; returns the injection `[offset, text]` it triggers, if any. */
  startTag(name: string, metaCharset: boolean, start: number, end: number): [number, string] | null {
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
      default:
        return null;
    }
  }

  /** An end tag, non-whitespace text, or the end of input at `start`. */
  content(start: number): [number, string] | null {
    if (this.state === 'done') return null;
    return this.state === 'before' ? this.place(start, true) : this.place(this.at, false);
  }

  /** A comment, doctype or whitespace ending at `end`: moves the floor before a head. */
  neutral(end: number): [number, string] | null {
    if (this.state === 'before') this.floor = end;
    else if (this.state !== 'done') return this.place(this.at, false);
    return null;
  }

  /** Whitespace: never a reason to place the snippet. */
  whitespace(end: number): void {
    if (this.state === 'before') this.floor = end;
  }

  /** Output must pass `limit` now (a buffer drop): place the snippet where it may go. */
  force(): [number, string] | null {
    if (this.state === 'done') return null;
    return this.state === 'before' ? this.place(this.floor, true) : this.place(this.at, false);
  }

  private place(at: number, wrap: boolean): [number, string] {
    this.state = 'done';
    return [at, wrap ? `<head>${this.snippet}</head>` : this.snippet];
  }
}
