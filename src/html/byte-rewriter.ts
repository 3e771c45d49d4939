import type { RewriteContext } from '../context.js';
import { PRESCAN_BYTES, sniffCharset } from './charset.js';
import { createCodec, type TextCodec } from './codec.js';
import { HtmlSpliceEngine } from './engine.js';
import { charsetDeclaration } from './snippet.js';
import type { HtmlOptions } from './options.js';
import type { ByteProcessor } from '../stream/index.js';
import { sniffXmlCharset } from './xml-charset.js';
import { XmlSpliceEngine } from './xml-engine.js';

/**
 * Bytes in, bytes out: sniffs the charset (BOM, HTTP charset, `<meta>` prescan), turns
 * the bytes into text (Latin-1 byte view for every ASCII-compatible charset, a real
 * decode for UTF-16, see codec.ts), runs the splice engine and
 * turns the text back into bytes. A BOM passes straight through (it stays first even when
 * a snippet goes in). Holds at most the 1,024 bytes of the prescan before the first output.
 * With `document: 'xml'` the XML rules pick the charset (xml-charset.ts) and the XML
 * engine runs (xml-engine.ts), on the same codecs.
 */
export class HtmlByteRewriter implements ByteProcessor {
  private head: Buffer[] = [];
  private headLength = 0;
  private codec: TextCodec | null = null;
  private engine: HtmlSpliceEngine | XmlSpliceEngine | null = null;
  /** The BOM's bytes, emitted as they are before anything else. */
  private bom: Buffer | null = null;

  constructor(private readonly ctx: RewriteContext, private readonly options: HtmlOptions = {}) {}

  /** The counts of the engine (attribute and inline rewrites, cap fallbacks). */
  get stats(): { rewrites: number; fallbacks: number } {
    return this.engine?.stats ?? { rewrites: 0, fallbacks: 0 };
  }

  /** The encoding chosen, once known. */
  get encoding(): string | null {
    return this.codec?.encoding ?? null;
  }

  write(chunk: Uint8Array): Buffer | null {
    if (this.codec === null) {
      this.head.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      this.headLength += chunk.byteLength;
      if (!this.decide(false)) return null;
      return this.run();
    }
    return this.feed(chunk);
  }

  end(): Buffer | null {
    const parts: Buffer[] = [];
    if (this.codec === null) {
      this.decide(true);
      const first = this.run();
      if (first) parts.push(first);
    }
    const codec = this.codec as TextCodec;
    const engine = this.engine as HtmlSpliceEngine | XmlSpliceEngine;
    const tail = codec.end();
    if (tail.length > 0) engine.feed(tail);
    engine.finish();
    const out = engine.takeOutput();
    if (out.length > 0) parts.push(codec.encode(out));
    const leftover = codec.leftover();
    if (leftover !== null) parts.push(leftover);
    if (parts.length === 0) return null;
    return parts.length === 1 ? parts[0] as Buffer : Buffer.concat(parts);
  }

  private decide(final: boolean): boolean {
    const bytes = this.head.length === 1 ? this.head[0] as Buffer : Buffer.concat(this.head, this.headLength);
    this.head = [bytes];
    if (!final && this.headLength < PRESCAN_BYTES && this.options.charset === undefined && this.headLength < 3) return false;
    const xml = this.options.document === 'xml';
    const sniffed = xml ? sniffXmlCharset(bytes, this.options.charset, final) : sniffCharset(bytes, this.options.charset, final);
    if (sniffed === null) return false;
    const codec = createCodec(sniffed.encoding);
    this.codec = codec;
    if (sniffed.source === 'bom') {
      const n = sniffed.encoding === 'UTF-8' ? 3 : 2;
      this.bom = bytes.subarray(0, n);
      this.head = [bytes.subarray(n)];
    }
    const snippet = this.options.snippet;
    if (xml) {
      this.engine = new XmlSpliceEngine(this.ctx, { escape: codec.escape, refView: codec.refView, codeView: codec.codeView, pageText: codec.pageText });
      return true;
    }
    this.engine = new HtmlSpliceEngine(this.ctx, {
      snippet: snippet === undefined ? undefined : codec.view(snippet),
      escape: codec.escape,
      refView: codec.refView,
      codeView: codec.codeView,
      pageText: codec.pageText,
      charsetEnd: sniffed.source === 'meta' ? sniffed.declarationEnd : 0,
      charsetDeclaration: sniffed.source === 'meta' ? codec.view(charsetDeclaration(codec.encoding)) : undefined,
    });
    return true;
  }

  private run(): Buffer | null {
    const bytes = this.head[0] as Buffer;
    this.head = [];
    const out = this.feed(bytes);
    const bom = this.bom;
    if (bom === null) return out;
    this.bom = null;
    return out === null ? Buffer.from(bom) : Buffer.concat([bom, out]);
  }

  private feed(chunk: Uint8Array): Buffer | null {
    const codec = this.codec as TextCodec;
    const engine = this.engine as HtmlSpliceEngine | XmlSpliceEngine;
    const text = codec.decode(chunk);
    if (text.length > 0) engine.feed(text);
    const out = engine.takeOutput();
    return out.length > 0 ? codec.encode(out) : null;
  }
}
