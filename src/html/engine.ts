import type { Token } from 'parse5';
import { RewritingStream } from 'parse5-html-rewriting-stream';
import type { RewriteContext } from '../context.js';
import { mayNeedRules, rewriteAttribute, type AttributeRuleContext } from './attribute-rules.js';
import { locateValue } from './attribute-splice.js';
import { rewriteValueSource, type ValueCodec } from './attribute-value.js';
import type { EscapeMode } from './codec.js';
import type { CodeView } from './code-view.js';
import { FastTokenizer } from './fast-tokenizer.js';
import { rewriteForeignBody } from './foreign-body.js';
import { dropOwnIntegrity } from './import-map.js';
import { rewriteInlineBody, type InlineKind } from './inline-code.js';
import { inlineStream, type InlineStream } from './inline-stream.js';
import { LexicalCodeRewriter } from './lexical-fallback.js';
import { useConstantTimeNamespaceStack } from './namespace-stack.js';
import { isOwnResource } from './own-resource.js';
import type { PageText } from './page-text.js';
import { scriptKind } from './script-type.js';
import { SnippetPlacer, type Injection } from './snippet.js';

/** Options of one engine run. */
export interface EngineOptions {
  /** Injected once at the start of `<head>` (in the engine's view of text, see `refView`). */
  readonly snippet?: string;
  /** Which characters of new attribute text become references (default `unicode`). */
  readonly escape?: EscapeMode;
  /**
   * Set when the text is the page's bytes as Latin-1: maps what a character reference
   * decodes to into that view, so changed values are rewritten and spliced as bytes.
   */
  readonly refView?: ((decoded: string) => string) | null;
  /** The input offset just past the `<meta>` the charset came from: the snippet never goes before it. */
  readonly charsetEnd?: number;
  /** With `charsetEnd`: the `<meta charset>` naming the encoding in use, put before the snippet when a policy `<meta>` precedes the page's (snippet.ts). */
  readonly charsetDeclaration?: string;
  /** Byte view: inline code decoded with the page's charset (see code-view.ts). */
  readonly codeView?: CodeView | null;
  /** Byte view: attribute values and foreign bodies decoded with the page's charset (see page-text.ts). */
  readonly pageText?: PageText | null;
  /** How many documents this one is nested in (`<noscript>` bodies, `srcdoc`): 0 for the page. */
  readonly depth?: number;
}

/**
 * The deepest nested document (`<noscript>` inside `<noscript>`, `srcdoc` inside `srcdoc`)
 * that gets an engine of its own. Each level is a fresh engine on the call stack and a
 * copy of the body, so without a bound 8,000 nested `<noscript>` overflowed the stack;
 * past it the body goes through the lexical fallback.
 */
export const MAX_NESTED_DOCUMENTS = 8;

/** A snippet placed but not yet written: it is skipped if the input already has it there. */
interface PendingSnippet {
  /** Input offset where it goes. */
  readonly at: number;
  readonly text: string;
  /** Where in `output` it goes; output past this point is held back until settled. */
  outAt: number;
}

/** An inline `<script>`, `<style>` or `<noscript>` body being collected. */
interface Capture {
  readonly tag: string;
  readonly kind: InlineKind;
  readonly foreign: boolean;
  /** A `<script type=importmap>`: its own modules' `integrity` entries go (import-map.ts). */
  readonly importMap: boolean;
  /** Absolute offset of the first character not yet collected. */
  from: number;
  /** Collected text, while under the buffer cap. */
  text: string;
  /** Past the cap: the streaming rewriter the rest goes through. */
  fallback: InlineStream | null;
}

const INTEGRITY_RESOURCE: Record<string, string> = { script: 'src', link: 'href' };

/** What the tokenizer decodes or drops in foreign content (references, markup, CR, NUL). */
const FOREIGN_DECODES = /[&<\r\0]/;

/**
 * The HTML rewriting core: parse5's rewriting stream driven synchronously, whose output
 * is the input itself with splices. Nothing is re-serialized: text, comments, doctypes
 * and unchanged tags are never looked at again, which is also where the speed comes from
 * (the stock SAX layer concatenates every character token and copies its location; here
 * character tokens are ignored). A changed tag gets just its attribute values replaced,
 * located by parse5's source offsets. Inline bodies are collected up to the buffer cap
 * and rewritten whole; past it they stream through the lexical fallback.
 *
 * Before parse5 drops parsed input from its buffer, everything up to the drop point is
 * emitted (or collected into the current inline body); so memory is parse5's window plus
 * at most one inline body up to the cap.
 */
export class HtmlSpliceEngine extends RewritingStream {
  private output = '';
  /** Absolute input offset up to which output has been produced (outside captures). */
  private flushed = 0;
  private capture: Capture | null = null;
  private readonly snippet: SnippetPlacer | null;
  /** The rules on values in the engine's view (the byte view where a page's bytes gave no exact text). */
  private readonly rules: AttributeRuleContext;
  /** The rules on values decoded to text (see attribute-value.ts). */
  private readonly textRules: AttributeRuleContext;
  private readonly values: ValueCodec;
  private finished = false;
  private failed = false;
  private pendingSnippet: PendingSnippet | null = null;
  /** A `<meta charset>` of ours went before the page's: the page's may move past the prescan without harm. */
  private declared = false;
  /** Output characters handed out so far. */
  private taken = 0;
  private readonly fast: FastTokenizer;
  private readonly escape: EscapeMode;
  /** Counts for reports. */
  readonly stats = { rewrites: 0, fallbacks: 0 };

  constructor(private readonly ctx: RewriteContext, private readonly engineOptions: EngineOptions = {}) {
    super();
    // The tokenizer with the run fast paths, in place of the stock one, before any input.
    const sim = this.parserFeedbackSimulator as unknown as { tokenizer: FastTokenizer };
    this.fast = new FastTokenizer({ sourceCodeLocationInfo: true }, sim as never);
    sim.tokenizer = this.fast;
    this.tokenizer = this.fast;
    this.escape = engineOptions.escape ?? 'unicode';
    this.snippet = engineOptions.snippet ? new SnippetPlacer(engineOptions.snippet, engineOptions.charsetEnd ?? 0, engineOptions.charsetDeclaration) : null;
    this.fast.fastData = this.snippet === null;
    const codeView = engineOptions.codeView ?? null;
    const depth = (engineOptions.depth ?? 0) + 1;
    const pageText = engineOptions.pageText ?? null;
    const nested: EngineOptions = { escape: this.escape, refView: engineOptions.refView, codeView, pageText, depth };
    const tooDeep = depth > MAX_NESTED_DOCUMENTS;
    const rewriteDocument = tooDeep ? (html: string) => this.tooDeep(html) : (html: string) => rewriteHtmlText(ctx, html, nested);
    this.rules = { ctx, rewriteDocument, codeView };
    // A `srcdoc` decoded to text is a document read as a string, as the helpers read one.
    const rewriteTextDocument = tooDeep ? (html: string) => this.tooDeep(html) : (html: string) => rewriteHtmlText(ctx, html, { depth });
    this.textRules = { ctx, rewriteDocument: rewriteTextDocument, codeView: null };
    this.values = { escape: this.escape, refView: engineOptions.refView ?? null, pageText };
    useConstantTimeNamespaceStack(this.parserFeedbackSimulator);
    const pre = this.tokenizer.preprocessor;
    const drop = pre.dropParsedChunk.bind(pre);
    pre.dropParsedChunk = (keep = 0) => {
      if (pre.willDropParsedChunk()) this.beforeDrop(pre.offset - keep);
      drop(keep);
    };
  }

  /** Parses more input. Never throws: after an internal error the rest passes unchanged. */
  feed(text: string): void {
    if (this.failed) {
      this.output += text;
      return;
    }
    try {
      this.tokenizer.write(text, false);
      this.tokenizer.flushCurrentCharacterToken();
      this.flushSafe();
      this.settleSnippet(false);
    } catch (err) {
      this.fail(err);
    }
  }

  /** Ends the input. */
  finish(): void {
    if (this.failed || this.finished) return;
    try {
      this.tokenizer.write('', true);
      if (!this.finished) this.onEof();
    } catch (err) {
      this.fail(err);
    }
  }

  /** The output produced since the last call. */
  takeOutput(): string {
    const p = this.pendingSnippet;
    if (p !== null) {
      const ready = this.output.slice(0, p.outAt);
      this.output = this.output.slice(p.outAt);
      p.outAt = 0;
      this.taken += ready.length;
      return ready;
    }
    const out = this.output;
    this.taken += out.length;
    this.output = '';
    return out;
  }

  // ---- token handlers (called by parse5's tokenizer through the feedback simulator) ----

  override onCharacter(token: Token.CharacterToken): void {
    if (this.snippet !== null && !this.snippet.done && token.location) this.inject(this.snippet.content(token.location.startOffset));
  }

  override onNullCharacter(token: Token.CharacterToken): void {
    this.onCharacter(token);
  }

  override onWhitespaceCharacter(token: Token.CharacterToken): void {
    if (this.snippet !== null && !this.snippet.done && token.location) this.snippet.whitespace(token.location.endOffset);
  }

  override onComment(token: Token.CommentToken): void {
    if (this.snippet !== null && !this.snippet.done && token.location) {
      this.inject(this.snippet.neutral(token.location.endOffset));
    }
  }

  override onDoctype(token: Token.DoctypeToken): void {
    this.onComment(token as unknown as Token.CommentToken);
  }

  override onEof(): void {
    if (this.finished) return;
    this.finished = true;
    const end = this.inputEnd();
    if (this.capture !== null) this.endCapture(end);
    if (this.snippet !== null) {
      this.inject(this.snippet.content(end));
      if (!this.snippet.done) this.inject(this.snippet.force());
    }
    this.emitUpTo(end);
    this.settleSnippet(true);
  }

  override onStartTag(token: Token.TagToken): void {
    const loc = token.location;
    if (loc === null) return;
    const foreign = this.parserFeedbackSimulator.inForeignContent;
    if (this.capture !== null) this.abortCapture(loc.startOffset);
    const name = token.tagName;
    let httpEquiv: string | null = null;
    if (name === 'meta') httpEquiv = attr(token, 'http-equiv')?.trim().toLowerCase() ?? null;
    if (this.snippet !== null && !this.snippet.done) {
      const metaCharset = name === 'meta' && (attr(token, 'charset') !== null || httpEquiv === 'content-type');
      const policy = httpEquiv === 'content-security-policy';
      this.inject(this.snippet.startTag(name, metaCharset, policy, loc.startOffset, loc.endOffset));
    }
    if (token.attrs.length > 0) this.rewriteAttributes(token, loc, httpEquiv);
    if (token.selfClosing && foreign) return;
    let kind: InlineKind | null = null;
    if (name === 'script') {
      const k = scriptKind(attr(token, 'type'), attr(token, 'language'));
      if (k !== 'unknown') kind = k;
    } else if (name === 'style') {
      kind = 'css';
    } else if (name === 'noscript' && !foreign) {
      kind = 'html';
    }
    if (kind !== null) {
      this.emitUpTo(loc.endOffset);
      const importMap = name === 'script' && !foreign && attr(token, 'type')?.trim().toLowerCase() === 'importmap';
      this.capture = { tag: name, kind, foreign, importMap, from: loc.endOffset, text: '', fallback: null };
    }
  }

  override onEndTag(token: Token.TagToken): void {
    const loc = token.location;
    if (loc === null) return;
    if (this.capture !== null) {
      if (token.tagName === this.capture.tag) this.endCapture(loc.startOffset);
      else this.abortCapture(loc.startOffset);
    }
    if (this.snippet !== null && !this.snippet.done) this.inject(this.snippet.content(loc.startOffset));
  }

  // ---- output ----

  private inputEnd(): number {
    const pre = this.tokenizer.preprocessor;
    return pre.droppedBufferSize + pre.html.length;
  }

  private slice(from: number, to: number): string {
    const pre = this.tokenizer.preprocessor;
    return pre.html.slice(from - pre.droppedBufferSize, to - pre.droppedBufferSize);
  }

  private emitUpTo(pos: number): void {
    if (pos > this.flushed) {
      const charsetEnd = this.engineOptions.charsetEnd ?? 0;
      if (!this.declared && this.flushed < charsetEnd && pos >= charsetEnd) this.checkCharsetDeclaration(this.taken + this.output.length + charsetEnd - this.flushed);
      this.output += this.slice(this.flushed, pos);
      this.flushed = pos;
    }
  }

  /**
   * Rewrites before the charset `<meta>` may have pushed it past the 1,024 bytes a
   * browser prescans: say so, so the caller can send the charset in `Content-Type`.
   */
  private checkCharsetDeclaration(outputEnd: number): void {
    if (outputEnd <= 1024) return;
    this.ctx.emit({
      type: 'html-charset-meta-moved',
      message: `rewrites before the charset <meta> moved its end to byte ${outputEnd}, past the 1,024-byte prescan; send the charset in Content-Type`,
      offset: outputEnd,
    });
  }

  /** Places the snippet; whether it is really written is settled once the input there is seen. */
  private inject(at: Injection | null): void {
    if (at === null) return;
    this.fast.fastData = true;
    this.emitUpTo(at[0]);
    const declarationEnd = at[2];
    if (declarationEnd !== undefined) {
      // From here our declaration is the one the prescan must find in time, not the page's.
      this.declared = true;
      this.checkCharsetDeclaration(this.taken + this.output.length + declarationEnd);
    }
    this.pendingSnippet = { at: at[0], text: at[1], outAt: this.output.length };
    this.settleSnippet(false);
  }

  /**
   * Writes the pending snippet unless the input already has exactly its text where it
   * goes (a page rewritten before): decided as soon as enough input is there, or
   * when it must be (`final`: end of input, buffer drop, error).
   */
  private settleSnippet(final: boolean): void {
    const p = this.pendingSnippet;
    if (p === null) return;
    const n = Math.min(this.inputEnd() - p.at, p.text.length);
    const seen = n > 0 ? this.slice(p.at, p.at + n) : '';
    const prefix = seen === (n === p.text.length ? p.text : p.text.slice(0, n));
    if (prefix && n < p.text.length && !final) return;
    this.pendingSnippet = null;
    if (!prefix || n < p.text.length) this.output = this.output.slice(0, p.outAt) + p.text + this.output.slice(p.outAt);
  }

  /** After a write: emit everything before the first unfinished token. */
  private flushSafe(): void {
    if (this.capture !== null || this.finished) return;
    // parse5 keeps this boundary private but public at run time; it is exactly "before any
    // unfinished token or buffered delimiter", which is what may leave now.
    let safe = (this.tokenizer as unknown as { getCharacterTokenEndOffset(): number }).getCharacterTokenEndOffset();
    if (this.snippet !== null && !this.snippet.done) safe = Math.min(safe, this.snippet.limit);
    this.emitUpTo(safe);
  }

  private beforeDrop(point: number): void {
    if (this.pendingSnippet !== null && point > this.pendingSnippet.at) this.settleSnippet(true);
    const c = this.capture;
    if (c !== null) {
      if (point > c.from) {
        const text = this.slice(c.from, point);
        c.from = point;
        this.collect(c, text);
      }
      return;
    }
    if (this.snippet !== null && !this.snippet.done && point > this.snippet.limit) this.inject(this.snippet.force());
    this.emitUpTo(point);
  }

  /**
   * After an internal error: everything taken in and not yet emitted goes out unchanged
   * (a capture's collected text, what its fallback holds, the input not yet flushed).
   * Every path keeps that recoverable: input leaves parse5's buffer only once it is in
   * the output or in the capture, and a capture is only cleared once its body is out.
   * The bytes go first and the report after, in case the error was the stack's limit.
   */
  private fail(err: unknown): void {
    this.failed = true;
    const pre = this.tokenizer.preprocessor;
    const end = this.inputEnd();
    const c = this.capture;
    if (c !== null) this.output += (c.fallback?.pending() ?? '') + c.text + this.slice(Math.max(c.from, pre.droppedBufferSize), end);
    else this.output += this.slice(Math.max(this.flushed, pre.droppedBufferSize), end);
    this.flushed = end;
    this.capture = null;
    try {
      this.settleSnippet(true);
    } finally {
      this.ctx.emit({ type: 'html-error', message: `HTML rewriting stopped (${(err as Error)?.message ?? String(err)}); the rest passes unchanged` });
    }
  }

  /** A document nested past {@link MAX_NESTED_DOCUMENTS}: the lexical rewrite, no engine. */
  private tooDeep(html: string): string {
    this.stats.fallbacks++;
    this.ctx.emit({
      type: 'html-nesting-limit',
      message: `a document nested more than ${MAX_NESTED_DOCUMENTS} deep (<noscript> or srcdoc) is rewritten by the lexical fallback`,
      depth: MAX_NESTED_DOCUMENTS + 1,
    });
    const lex = new LexicalCodeRewriter(this.ctx);
    return lex.push(html) + lex.end();
  }

  // ---- inline bodies ----

  private collect(c: Capture, text: string): void {
    if (c.fallback !== null) {
      this.output += c.fallback.push(text);
      return;
    }
    c.text += text;
    if (c.text.length > this.ctx.limits.maxBufferBytes) this.overCap(c);
  }

  private overCap(c: Capture): void {
    this.stats.fallbacks++;
    this.ctx.emit({
      type: 'html-inline-cap',
      message: `inline <${c.tag}> is over ${this.ctx.limits.maxBufferBytes} characters; rewritten as it streams`,
      tag: c.tag,
    });
    c.fallback = inlineStream(this.ctx, c.kind);
    const text = c.text;
    c.text = '';
    this.output += c.fallback.push(text);
  }

  /**
   * The body ends at `end`. The capture stays set until the body is out, so that an
   * error on the way (a nested document, the stack) finds its text in `fail`.
   */
  private endCapture(end: number): void {
    const c = this.capture as Capture;
    const rest = this.slice(c.from, end);
    if (c.fallback === null && c.text.length + rest.length <= this.ctx.limits.maxBufferBytes) {
      const body = c.text + rest;
      const next = c.kind === 'html' ? this.rules.rewriteDocument(body) : c.foreign ? this.rewriteForeign(c, c.kind, body) : this.rewriteBody(c.kind, body, c.importMap);
      if (next !== body) this.stats.rewrites++;
      this.capture = null;
      this.output += next;
      this.flushed = end;
      return;
    }
    // The rest goes to the streaming fallback, which holds what it has not returned.
    c.from = end;
    if (c.fallback === null) {
      c.text += rest;
      this.overCap(c);
    } else {
      this.output += c.fallback.push(rest);
    }
    this.output += (c.fallback as unknown as InlineStream).end();
    this.capture = null;
    this.flushed = end;
  }

  /** A whole inline body, through the charset's code view when it has one. */
  private rewriteBody(kind: Exclude<InlineKind, 'html'>, body: string, importMap: boolean): string {
    const ctx = this.ctx;
    const integrity = importMap && body.includes('integrity');
    const run = integrity
      ? (text: string) => rewriteInlineBody(ctx, kind, dropOwnIntegrity(ctx, text))
      : (text: string) => rewriteInlineBody(ctx, kind, text);
    const view = this.rules.codeView;
    if (!view || !(integrity || ctx.hosts.code.mayContain(body))) return run(body);
    return view.rewrite(ctx, body, run);
  }

  /** An SVG `<script>`/`<style>` body (foreign-body.ts); the lexical rules where its reading is not parse5's. */
  private rewriteForeign(c: Capture, kind: Exclude<InlineKind, 'html'>, body: string): string {
    // Nothing a parser decodes: the text is the source, as in a raw-text body.
    if (!FOREIGN_DECODES.test(body)) return this.rewriteBody(kind, body, false);
    const tag = c.tag === 'script' ? 'script' : 'style';
    const codec = { pageText: this.values.pageText, refView: this.values.refView, codeView: this.rules.codeView ?? null };
    const next = rewriteForeignBody(this.ctx, tag, kind, body, codec);
    if (next !== null) return next;
    const lex = new LexicalCodeRewriter(this.ctx);
    return lex.push(body) + lex.end();
  }

  /** Foreign content only: a tag inside an SVG `<script>`/`<style>` ends the body early. */
  private abortCapture(at: number): void {
    const c = this.capture as Capture;
    const text = c.text + this.slice(c.from, at);
    // From here the fallback holds the body (see endCapture).
    c.fallback ??= new LexicalCodeRewriter(this.ctx);
    c.text = '';
    c.from = at;
    this.output += c.fallback.push(text);
    this.output += c.fallback.end();
    this.capture = null;
    this.flushed = at;
  }

  // ---- attributes ----

  private rewriteAttributes(token: Token.TagToken, loc: Token.LocationWithAttributes, httpEquiv: string | null): void {
    const pre = this.tokenizer.preprocessor;
    const dropped = pre.droppedBufferSize;
    const html = pre.html;
    const tagText = html.slice(loc.startOffset - dropped, loc.endOffset - dropped);
    let hot = mayNeedRules(this.ctx, tagText);
    if (!hot && tagText.includes('&')) hot = token.attrs.some((a) => mayNeedRules(this.ctx, a.value));
    const resourceAttr = INTEGRITY_RESOURCE[token.tagName];
    const integrity = resourceAttr !== undefined && attr(token, 'integrity') !== null;
    if (!hot && !integrity) return;
    const locs = loc.attrs;
    if (locs === undefined) return;
    const edits: { start: number; end: number; text: string }[] = [];
    if (hot) {
      for (const a of token.attrs) {
        const key = (a.prefix ? `${a.prefix}:${a.name}` : a.name).toLowerCase();
        if (key === 'integrity') continue;
        if (a.value.length === 0 || !mayNeedRules(this.ctx, a.value)) continue;
        const al = locs[key];
        const span = al && locateValue(html, al.startOffset - dropped, al.endOffset - dropped);
        if (!span) continue;
        const raw = html.slice(span.start, span.end);
        const text = rewriteValueSource(raw, span.quote, a.value, this.values, (value, asText) =>
          this.rewriteValue(asText ? this.textRules : this.rules, token.tagName, key, value, httpEquiv));
        if (text === null) continue;
        const q = span.quote === '' ? 0 : 1;
        edits.push({ start: span.start - q + dropped, end: span.end + q + dropped, text });
        this.stats.rewrites++;
      }
    }
    if (integrity && this.ownResource(attr(token, resourceAttr))) {
      const al = locs['integrity'];
      if (al) {
        let start = al.startOffset;
        while (start > loc.startOffset && isSpace(html.charCodeAt(start - 1 - dropped))) start--;
        edits.push({ start, end: al.endOffset, text: '' });
      }
    }
    if (edits.length === 0) return;
    edits.sort((a, b) => a.start - b.start);
    for (const e of edits) {
      this.emitUpTo(e.start);
      this.output += e.text;
      this.flushed = e.end;
    }
  }

  /**
   * One attribute value by the rules. An internal error in them costs that value only
   * (the lexical rules, reported), never the rest of the page.
   */
  private rewriteValue(rules: AttributeRuleContext, element: string, name: string, value: string, httpEquiv: string | null): string {
    try {
      return rewriteAttribute(rules, element, name, value, httpEquiv);
    } catch (err) {
      this.ctx.emit({ type: 'html-inline-fallback', message: `the rules failed on the ${name} attribute (${(err as Error)?.message ?? String(err)}); lexical fallback used` });
      const lex = new LexicalCodeRewriter(this.ctx);
      return lex.push(value) + lex.end();
    }
  }

  /** Whether a resource URL is relative or on a protected host: its bytes get rewritten. */
  private ownResource(url: string | null): boolean {
    return isOwnResource(this.ctx, url);
  }
}

function attr(token: Token.TagToken, name: string): string | null {
  for (const a of token.attrs) if (a.name === name && !a.prefix) return a.value;
  return null;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;
}

/** Rewrites a whole HTML string with a fresh engine (documents, `srcdoc`, `<noscript>`). */
export function rewriteHtmlText(ctx: RewriteContext, html: string, options: EngineOptions = {}): string {
  const engine = new HtmlSpliceEngine(ctx, options);
  engine.feed(html);
  engine.finish();
  return engine.takeOutput();
}
