import type { RewriteContext } from '../context.js';
import { applyEdits, type Edit } from '../domain/index.js';
import { rewriteAttribute, type AttributeRuleContext } from './attribute-rules.js';
import type { EscapeMode } from './codec.js';
import { rewriteHtmlText } from './engine.js';
import { rewriteInlineBody } from './inline-code.js';
import type { CodeView } from './code-view.js';
import { LexicalCodeRewriter } from './lexical-fallback.js';
import { isOwnResource } from './own-resource.js';
import type { PageText } from './page-text.js';
import { scriptKind } from './script-type.js';
import { decodeValue, rawMaxOf, SEG_INNER, wholeValue, type CharMap, type RefView } from './xml-char-data.js';
import { decodeContent } from './xml-content.js';
import { NamespaceStack, type NamespaceKind } from './xml-namespaces.js';
import { changedRegions, rewriteWholeContent } from './xml-splice.js';
import { findAttribute, parseAttributes, parseTag, type XmlAttribute, type XmlTag } from './xml-tag.js';
import { XmlTokenizer, type XmlTokenSink } from './xml-tokenizer.js';

/** Options of one XML engine run (the page's codec, as for the HTML engine). */
export interface XmlEngineOptions {
  /** Which characters of new text become references (default `unicode`). */
  readonly escape?: EscapeMode;
  /** Byte view: what a reference decodes to, as the page's bytes (see codec.ts). */
  readonly refView?: ((decoded: string) => string) | null;
  /** Byte view: inline code decoded with the page's charset. */
  readonly codeView?: CodeView | null;
  /** Byte view: values and data text decoded with the page's charset (see page-text.ts). */
  readonly pageText?: PageText | null;
}

/**
 * How character data is read and written back: as the engine's view (references through
 * `view`, new text escaped past `rawMax`), or as the page's text decoded from the byte
 * view, whose result is encoded back (see {@link XmlSpliceEngine.inText}).
 */
interface Reading {
  readonly rules: AttributeRuleContext;
  readonly view: RefView;
  readonly rawMax: number;
}

/** An inline `<script>` or `<style>` body (element content) being collected. */
interface Capture {
  readonly tag: string;
  readonly kind: 'classic' | 'module' | 'json' | 'css';
  /** Open child elements (their end tags are not the capture's). */
  depth: number;
  /** The content's source so far, child tags already rewritten; while under the cap. */
  raw: string;
  /** Past the cap: the streaming fallback the rest goes through. */
  fallback: LexicalCodeRewriter | null;
}

const STYLESHEET_TARGET_END = '<?xml-stylesheet'.length;

/** Elements whose resource an `integrity` hash covers, and the attribute naming it. */
const INTEGRITY_RESOURCE: Record<string, string> = { script: 'src', link: 'href' };

/**
 * The XML rewriting core for XHTML, SVG, Atom, RSS and any other XML document: the
 * same rules as the HTML engine, parsed the way a browser's XML parser parses (see
 * xml-tokenizer.ts), output spliced the same way: bytes not changed come out as they
 * came, a changed attribute value gets only its changed regions rewritten, escaped for
 * XML. `<script>` and `<style>` of XHTML and SVG run on their decoded child text
 * (references decoded, CDATA sections joined), and the rewrite is written back into
 * whichever piece each change falls in: raw in a CDATA section, escaped outside.
 * Character data of elements outside XHTML, SVG and MathML (feeds, sitemaps) that is
 * one absolute URL is a URL too, and such text holding escaped HTML is HTML. Never a
 * snippet.
 */
export class XmlSpliceEngine implements XmlTokenSink {
  private output = '';
  private readonly tokenizer: XmlTokenizer;
  private readonly ns = new NamespaceStack();
  private capture: Capture | null = null;
  /** Character data of an element of another vocabulary, collected up to the cap; null when none. */
  private run: string | null = null;
  /** The current run passed the cap: its rest goes through the lexical rules. */
  private runLex: LexicalCodeRewriter | null = null;
  /** The doctype's internal subset and oversized tags: the lexical rules. */
  private subsetLex: LexicalCodeRewriter | null = null;
  private oversizedLex: LexicalCodeRewriter | null = null;
  private finished = false;
  private failed = false;
  private readonly rules: AttributeRuleContext;
  private readonly rawMax: number;
  private readonly view: RefView;
  private readonly pageText: PageText | null;
  /** The engine's view; and the page's text (byte view with a known charset only). */
  private readonly viewReading: Reading;
  private readonly textReading: Reading | null;
  private readonly cap: number;
  /** Counts for reports. */
  readonly stats = { rewrites: 0, fallbacks: 0 };

  constructor(private readonly ctx: RewriteContext, options: XmlEngineOptions = {}) {
    const escape = options.escape ?? 'unicode';
    const codeView = options.codeView ?? null;
    this.rawMax = rawMaxOf(escape);
    this.view = options.refView ?? null;
    this.cap = ctx.limits.maxBufferBytes;
    // `srcdoc` holds an HTML document whatever the page is.
    const nested = { escape, refView: options.refView, codeView, depth: 1 };
    this.rules = { ctx, codeView, rewriteDocument: (html) => rewriteHtmlText(ctx, html, nested) };
    this.pageText = options.pageText ?? null;
    this.viewReading = { rules: this.rules, view: this.view, rawMax: this.rawMax };
    this.textReading = this.pageText === null ? null : {
      rules: { ctx, codeView: null, rewriteDocument: (html) => rewriteHtmlText(ctx, html, { depth: 1 }) },
      view: null,
      // New text stays within what the charset holds (ASCII and references outside UTF-8).
      rawMax: this.pageText.holdsAll ? 0x10ffff : 0x7e,
    };
    this.tokenizer = new XmlTokenizer(this, this.cap);
  }

  /** Parses more input. Never throws: after an internal error the rest passes unchanged. */
  feed(text: string): void {
    if (this.failed) {
      this.output += text;
      return;
    }
    try {
      this.tokenizer.write(text);
    } catch (err) {
      this.fail(err);
    }
  }

  /** Ends the input. */
  finish(): void {
    if (this.failed || this.finished) return;
    this.finished = true;
    try {
      this.tokenizer.end();
      this.endRun();
      if (this.capture !== null) this.endCapture();
    } catch (err) {
      this.fail(err);
    }
  }

  /** The output produced since the last call. */
  takeOutput(): string {
    const out = this.output;
    this.output = '';
    return out;
  }

  // ---- tokens ----

  text(piece: string): void {
    if (this.capture !== null) this.appendCapture(piece);
    else if (this.runLex !== null) this.output += this.runLex.push(piece);
    else if (this.run !== null) this.extendRun(piece);
    else if (this.ns.current() === 'other') {
      this.run = '';
      this.extendRun(piece);
    } else this.output += piece;
  }

  cdata(piece: string): void {
    this.text(piece);
  }

  markup(piece: string): void {
    this.endRun();
    this.out(piece);
  }

  subset(piece: string, end: boolean): void {
    this.endRun();
    this.subsetLex ??= new LexicalCodeRewriter(this.ctx);
    this.out(this.subsetLex.push(piece));
    if (end) {
      this.out(this.subsetLex.end());
      this.subsetLex = null;
    }
  }

  oversized(piece: string, end: boolean): void {
    this.endRun();
    if (this.oversizedLex === null) {
      // A tag cut by the end of input is only truncated input: no report.
      if (!this.finished) {
        this.stats.fallbacks++;
        this.ctx.emit({
          type: 'html-inline-cap',
          message: `an XML tag over ${this.cap} characters is rewritten by the lexical fallback`,
          tag: 'xml-tag',
        });
      }
      this.oversizedLex = new LexicalCodeRewriter(this.ctx);
    }
    this.out(this.oversizedLex.push(piece));
    if (end) {
      this.out(this.oversizedLex.end());
      this.oversizedLex = null;
    }
  }

  startTag(raw: string): void {
    this.endRun();
    const tag = parseTag(raw);
    const kind = this.ns.open(tag.prefix, this.declarations(raw, tag), tag.selfClosing);
    const next = this.rewriteTag(raw, tag, kind);
    const c = this.capture;
    if (c !== null) {
      if (!tag.selfClosing) c.depth++;
      this.appendCapture(next);
      return;
    }
    this.output += next;
    if (!tag.selfClosing && (kind === 'html' || kind === 'svg')) this.startCapture(raw, tag);
  }

  endTag(raw: string): void {
    this.endRun();
    this.ns.close();
    const c = this.capture;
    if (c !== null && c.depth > 0) {
      c.depth--;
      this.appendCapture(raw);
      return;
    }
    if (c !== null) this.endCapture();
    this.output += raw;
  }

  stylesheet(raw: string): void {
    this.endRun();
    const { attrs } = parseAttributes(raw, STYLESHEET_TARGET_END, raw.length - 2);
    const href = attrs.find((a) => a.name === 'href' && a.valueStart >= 0);
    let next = raw;
    if (href !== undefined && this.mayHold(raw.slice(href.valueStart, href.valueEnd))) {
      const edit = this.rewriteValue(raw, href, 'pi', (r, text) => rewriteAttribute(r.rules, 'xml-stylesheet', 'href', text, null));
      if (edit !== null) {
        next = applyEdits(raw, [edit]);
        this.stats.rewrites++;
      }
    }
    this.out(next);
  }

  // ---- output ----

  private out(text: string): void {
    if (this.capture !== null) this.appendCapture(text);
    else this.output += text;
  }

  /** Whether source text may hold a protected host, directly or behind references. */
  private mayHold(raw: string): boolean {
    return this.ctx.hosts.scanner.mayContain(raw) || raw.includes('&');
  }

  /** The same for content, where markup (a comment, a CDATA boundary) may also split a host. */
  private mayHoldContent(raw: string): boolean {
    return this.mayHold(raw) || raw.includes('<');
  }

  /**
   * After an internal error: everything taken in and not yet emitted goes out unchanged
   * (a capture's or run's collected text, what a fallback holds, the tokenizer's rest).
   */
  private fail(err: unknown): void {
    this.failed = true;
    const c = this.capture;
    let held = c === null ? '' : (c.fallback?.pending() ?? '') + c.raw;
    held += (this.run ?? '') + (this.runLex?.pending() ?? '') + (this.subsetLex?.pending() ?? '') + (this.oversizedLex?.pending() ?? '');
    this.output += held + this.tokenizer.unconsumed();
    this.capture = null;
    this.run = null;
    this.runLex = this.subsetLex = this.oversizedLex = null;
    this.ctx.emit({ type: 'html-error', message: `XML rewriting stopped (${(err as Error)?.message ?? String(err)}); the rest passes unchanged` });
  }

  // ---- attributes ----

  /** The `xmlns` / `xmlns:p` declarations of a tag, decoded. */
  private declarations(raw: string, tag: XmlTag): [string, string][] {
    const decls: [string, string][] = [];
    for (const a of tag.attrs) {
      if (a.valueStart < 0 || !a.name.startsWith('xmlns')) continue;
      const prefix = a.name === 'xmlns' ? '' : a.name.startsWith('xmlns:') ? a.name.slice(6) : null;
      if (prefix !== null) decls.push([prefix, decodeValue(raw, a.valueStart, a.valueEnd, 'attr').text]);
    }
    return decls;
  }

  private rewriteTag(raw: string, tag: XmlTag, kind: NamespaceKind): string {
    const resourceAttr = kind === 'html' ? INTEGRITY_RESOURCE[tag.local] : undefined;
    const integrity = resourceAttr !== undefined ? findAttribute(tag, 'integrity') : null;
    if (!this.mayHold(raw) && integrity === null) return raw;
    const edits: Edit[] = [];
    const element = tag.local.toLowerCase();
    const httpEquiv = element === 'meta' ? this.attributeText(raw, tag, 'http-equiv')?.trim().toLowerCase() ?? null : null;
    for (const a of tag.attrs) {
      if (a.valueStart < 0 || a.name === 'integrity' || a.name === 'xmlns' || a.name.startsWith('xmlns:')) continue;
      const source = raw.slice(a.valueStart, a.valueEnd);
      if (!this.mayHold(source)) continue;
      const key = attributeKey(a.name);
      const edit = this.rewriteValue(raw, a, 'attr', (r, text) => rewriteAttribute(r.rules, element, key, text, httpEquiv));
      if (edit === null) continue;
      edits.push(edit);
      this.stats.rewrites++;
    }
    if (integrity !== null && isOwnResource(this.ctx, this.attributeText(raw, tag, resourceAttr as string))) {
      let start = integrity.start;
      while (start > 0 && isSpace(raw.charCodeAt(start - 1))) start--;
      edits.push({ start, end: integrity.end, text: '' });
    }
    const next = edits.length === 0 ? raw : applyEdits(raw, edits);
    // A `<` inside a tag is never well-formed: a quote left open swallowed markup, whose
    // URLs may now sit in values or names. The lexical rules find them wherever they are.
    return raw.includes('<', 1) ? this.lexical(next) : next;
  }

  /** The decoded value of the unprefixed attribute `name`, or null. */
  private attributeText(raw: string, tag: XmlTag, name: string): string | null {
    const a = findAttribute(tag, name);
    return a === null ? null : decodeValue(raw, a.valueStart, a.valueEnd, 'attr').text;
  }

  /** The edit rewriting the value of `a` in tag `raw` by `rules`, or null when it stays. */
  private rewriteValue(raw: string, a: XmlAttribute, ctx: 'attr' | 'pi', rules: (r: Reading, text: string) => string): Edit | null {
    const q = a.quote === '' ? 0 : 1;
    const text = this.inText(raw.slice(a.valueStart, a.valueEnd), (source, r) => {
      const map = decodeValue(source, 0, source.length, ctx, r.view);
      const next = rules(r, map.text);
      return next === map.text ? null : this.spliceValue(source, a.quote, map, next, ctx, r);
    });
    return text === null ? null : { start: a.valueStart - q, end: a.valueEnd + q, text };
  }

  /**
   * The new source of value `source` (quotes included) whose decoding `map` becomes
   * `next`: only the changed regions when they map back and read back right, else the
   * whole value anew, double-quoted.
   */
  private spliceValue(source: string, quote: XmlAttribute['quote'], map: CharMap, next: string, ctx: 'attr' | 'pi', r: Reading): string {
    if (quote !== '') {
      const regions = changedRegions(map, next, quote, r.rawMax);
      if (regions !== null) {
        const inner = applyEdits(source, regions);
        if (decodeValue(inner, 0, inner.length, ctx, r.view).text === next) return quote + inner + quote;
      }
    }
    return wholeValue(next, ctx, r.rawMax);
  }

  /**
   * `run` on character data `source`, in the page's text when the page is held as bytes
   * of a known charset (the URL parser must read `bücher`, not the Latin-1 reading of its
   * bytes), the result encoded back; in the engine's view otherwise, or where the bytes
   * do not decode exactly. `run` returns the new source, or null when nothing changes.
   */
  private inText(source: string, run: (source: string, r: Reading) => string | null): string | null {
    const pageText = this.pageText;
    if (pageText !== null && this.textReading !== null) {
      const text = pageText.toText(source);
      if (text !== null) {
        const next = run(text, this.textReading);
        if (next === null) return null;
        const back = pageText.toView(next);
        if (back !== null) return back;
      }
    }
    return run(source, this.viewReading);
  }

  private lexical(text: string): string {
    const lex = new LexicalCodeRewriter(this.ctx);
    return lex.push(text) + lex.end();
  }

  // ---- inline bodies ----

  private startCapture(raw: string, tag: XmlTag): void {
    let kind: Capture['kind'] | null = null;
    if (tag.local === 'script') {
      const k = scriptKind(this.attributeText(raw, tag, 'type'), this.attributeText(raw, tag, 'language'));
      if (k !== 'unknown') kind = k;
    } else if (tag.local === 'style') {
      kind = 'css';
    }
    if (kind !== null) this.capture = { tag: tag.name, kind, depth: 0, raw: '', fallback: null };
  }

  private appendCapture(text: string): void {
    const c = this.capture as Capture;
    if (c.fallback !== null) {
      this.output += c.fallback.push(text);
      return;
    }
    c.raw += text;
    if (c.raw.length <= this.cap) return;
    this.stats.fallbacks++;
    this.ctx.emit({
      type: 'html-inline-cap',
      message: `inline <${c.tag}> is over ${this.cap} characters; rewritten by the streaming lexical fallback`,
      tag: c.tag,
    });
    c.fallback = new LexicalCodeRewriter(this.ctx);
    const body = c.raw;
    c.raw = '';
    this.output += c.fallback.push(body);
  }

  /** The body ends: rewritten whole, or the fallback's rest. The capture is cleared once its text is out. */
  private endCapture(): void {
    const c = this.capture as Capture;
    const next = c.fallback !== null ? c.fallback.end() : this.rewriteInline(c);
    this.capture = null;
    this.output += next;
  }

  private rewriteInline(c: Capture): string {
    const raw = c.raw;
    if (!this.mayHoldContent(raw) && !this.ctx.hosts.code.mayContain(raw)) return raw;
    const map = decodeContent(raw, this.view);
    const view = this.rules.codeView;
    const code = map.text;
    const run = (text: string) => rewriteInlineBody(this.ctx, c.kind, text);
    const next = view && this.ctx.hosts.code.mayContain(code) ? view.rewrite(this.ctx, code, run) : run(code);
    // Text inside a child element is no script; still, URLs there are rewritten lexically.
    const inner: Edit[] = [];
    for (let k = 0; k < map.length; k++) {
      if (map.kind[k] !== SEG_INNER) continue;
      const start = map.rawStart[k] as number;
      const end = map.rawEnd[k] as number;
      const text = this.lexical(raw.slice(start, end));
      if (text !== raw.slice(start, end)) inner.push({ start, end, text });
    }
    if (next === code && inner.length === 0) return raw;
    this.stats.rewrites++;
    return this.spliceContent(raw, map, next, inner);
  }

  /**
   * Content whose character data `map` changes to `next`: the changed regions when they
   * map back and the result reads back as `next` (adding no `]]>` to text), else the
   * whole text anew in place of the old.
   */
  private spliceContent(raw: string, map: CharMap, next: string, inner: Edit[] = [], r: Reading = this.viewReading): string {
    if (next === map.text) return applyEdits(raw, inner);
    const regions = changedRegions(map, next, '"', r.rawMax);
    if (regions !== null) {
      const out = applyEdits(raw, regions.concat(inner));
      const check = decodeContent(out, r.view);
      if (check.text === next && check.cdataEndsInText <= map.cdataEndsInText) return out;
    }
    return rewriteWholeContent(raw, map, next, r.rawMax, (from, to) => this.lexical(raw.slice(from, to)));
  }

  // ---- data text ----

  private extendRun(piece: string): void {
    const run = (this.run as string) + piece;
    if (run.length <= this.cap) {
      this.run = run;
      return;
    }
    // Longer than any URL, too long to rewrite as HTML: the lexical rules, streaming.
    this.run = null;
    this.stats.fallbacks++;
    this.ctx.emit({
      type: 'html-inline-cap',
      message: `XML character data over ${this.cap} characters is rewritten by the streaming lexical fallback`,
      tag: 'xml-text',
    });
    this.runLex = new LexicalCodeRewriter(this.ctx);
    this.output += this.runLex.push(run);
  }

  /** A run of character data ends (markup or a tag follows): one absolute URL in it is rewritten. */
  private endRun(): void {
    if (this.runLex !== null) {
      this.output += this.runLex.end();
      this.runLex = null;
    }
    const raw = this.run;
    if (raw === null) return;
    this.run = null;
    this.output += this.rewriteDataText(raw);
  }

  /**
   * Data text: one absolute URL (`<link>` of RSS, `<id>` of Atom, `<loc>` of a sitemap)
   * goes through the URL rules; text holding markup once decoded (RSS `<description>`,
   * Atom `<content type="html">`, which readers and XSLT render as HTML) through the HTML
   * rules; other text is prose and stays.
   */
  private rewriteDataText(raw: string): string {
    if (!this.mayHoldContent(raw)) return raw;
    const out = this.inText(raw, (source, r) => {
      const map = decodeContent(source, r.view);
      const text = map.text;
      let next = text;
      if (isWholeUrl(text)) next = this.ctx.hosts.url(text);
      else if (text.includes('<') && this.ctx.hosts.scanner.mayContain(text)) next = r.rules.rewriteDocument(text);
      return next === text ? null : this.spliceContent(source, map, next, [], r);
    });
    if (out === null) return raw;
    this.stats.rewrites++;
    return out;
  }
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

const ABSOLUTE_URL_START = /^(?:(?:https?|wss?):)?\/\//i;

/** Whether text is one absolute (or protocol-relative) URL, with XML whitespace around it. */
export function isWholeUrl(text: string): boolean {
  let from = 0;
  let to = text.length;
  while (from < to && isSpace(text.charCodeAt(from))) from++;
  while (to > from && isSpace(text.charCodeAt(to - 1))) to--;
  if (!ABSOLUTE_URL_START.test(text.slice(from, from + 8))) return false;
  for (let i = from; i < to; i++) if (isSpace(text.charCodeAt(i))) return false;
  return true;
}

/**
 * The name the attribute rules know an attribute by: lower case, and any prefixed
 * `href` (`xlink:href` under whatever prefix the document binds XLink to, or another
 * vocabulary's) as `xlink:href`, a URL. A wider table cannot over-rewrite: the URL
 * rules only touch protected hosts after `//`.
 */
function attributeKey(name: string): string {
  const lower = name.toLowerCase();
  const colon = lower.indexOf(':');
  return colon > 0 && lower.slice(colon + 1) === 'href' ? 'xlink:href' : lower;
}
