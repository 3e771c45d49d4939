import type { RewriteContext } from '../context.js';
import { createCssProcessor } from '../css/index.js';
import { HtmlByteRewriter } from '../html/index.js';
import { JsByteProcessor } from '../js/index.js';
import { createJsonProcessor } from '../json/index.js';
import type { BodyKind } from './content-kind.js';
import { isDocumentResponse } from './document-request.js';
import type { BodyDecision } from './gated-processor.js';
import type { HeaderLike } from './header-values.js';
import { hasUtf16Bom, looksBinary, sniffUnknownType } from './sniff.js';
import { WorkerPreludeProcessor } from './worker-prelude.js';

/** What the head said about a body the pipeline may rewrite. */
export interface BodyTraits {
  /** The kind the type gave, or `sniff` when the type was missing and sniffing is allowed. */
  readonly kind: Exclude<BodyKind, 'pass'> | 'sniff';
  /** The `charset` parameter of the Content-Type, if any. */
  readonly charset: string | undefined;
  /** The snippet for a document (nonce already in it), or undefined. */
  readonly snippet: string | undefined;
  /** The browser's request headers (normalized): they tell a document from a fragment. */
  readonly requestHeaders: HeaderLike;
  /** For a script fetched as a worker's: the prelude to put after its directive prologue. */
  readonly workerPrelude?: string;
}

function isUtf16Label(charset: string | undefined): boolean {
  return charset !== undefined && /^\s*(utf-16|utf-16le|utf-16be|unicode|ucs-2|csunicode|iso-10646-ucs-2|unicodefeff|unicodefffe)\s*$/i.test(charset);
}

/**
 * The decision a {@link GatedProcessor} takes on a body's resource header: which
 * rewriter, or none. A body of unknown type is sniffed (HTML or XML, else passed); bytes
 * that hold binary data under a text type (a font as `text/css`, an image as `text/html`)
 * are passed untouched rather than spliced into, and reported.
 */
export function decideBody(ctx: RewriteContext, traits: BodyTraits): (head: Uint8Array) => BodyDecision {
  return (head) => {
    let kind = traits.kind;
    if (kind === 'sniff') {
      const sniffed = sniffUnknownType(head);
      if (sniffed === null) return 'pass';
      kind = sniffed;
    }
    if (!isUtf16Label(traits.charset) && !hasUtf16Bom(head) && looksBinary(head)) {
      ctx.emit({ type: 'pipeline-binary-body', message: `binary bytes under a ${kind} type: passed through unrewritten`, kind });
      return 'pass';
    }
    switch (kind) {
      case 'html': {
        const snippet = traits.snippet !== undefined && isDocumentResponse(traits.requestHeaders, head) ? traits.snippet : undefined;
        return new HtmlByteRewriter(ctx, { charset: traits.charset, snippet });
      }
      case 'xml':
        return new HtmlByteRewriter(ctx, { charset: traits.charset, document: 'xml' });
      case 'js': {
        const js = new JsByteProcessor(ctx, { sourceType: 'auto' });
        return traits.workerPrelude !== undefined ? new WorkerPreludeProcessor(js, traits.workerPrelude) : js;
      }
      case 'css':
        return createCssProcessor(ctx);
      case 'json':
        return createJsonProcessor(ctx);
    }
  };
}
