import type { HeadersOutput } from '../headers/index.js';
import type { Rewriter } from '../rewriter.js';
import { bodyKindOf, isUnknownType, type BodyKind } from './content-kind.js';
import { allowNonce, createNonce, nonceSnippet, snippetKinds } from './csp-nonce.js';
import type { BodyTraits } from './body-decider.js';
import { canDecode, parseContentEncoding, type Coding } from './codings/index.js';
import { headerValue, headerValues, type HeaderLike } from './header-values.js';
import { removeHopByHop } from './hop-by-hop.js';
import { extractMimeType } from './mime-type.js';
import type { PipelineSettings } from './settings.js';
import { isWorkerScriptRequest } from './worker-prelude.js';

/** A response plan before the body's stream kind (Node or Web) is chosen. */
export interface ResponseDraft {
  readonly status: number;
  readonly headers: HeadersOutput;
  readonly kind: BodyKind;
  readonly hasBody: boolean;
  /** A 206 part of a rewritten type: the whole body must be fetched again (see `ResponsePlan.refetch`). */
  readonly refetch: boolean;
  /** Set when the body is rewritten: what the gate needs, and the codings to undo and redo. */
  readonly rewrite: { readonly traits: BodyTraits; readonly codings: Coding[] } | null;
}

// Fetch "null body status", plus 205 (RFC 9110 §15.3.6: no content) and the 1xx answers.
const NO_BODY_STATUS = new Set([101, 103, 204, 205, 304]);

/** Fields that describe the exact upstream bytes and are false once the body is rewritten. */
const BODY_BOUND = ['content-length', 'content-md5', 'digest', 'content-digest', 'repr-digest', 'accept-ranges'];

/**
 * The head to send the browser and what to do with the body, from the browser's request
 * and the upstream head. `decoded` says the body was already decoded (fetch does that), so
 * Content-Encoding no longer describes it.
 */
export function draftResponse(
  rw: Rewriter,
  settings: PipelineSettings,
  request: { readonly method: string; readonly headers: HeaderLike },
  status: number,
  upstreamHeaders: HeaderLike,
  decoded: boolean,
): ResponseDraft {
  const hasBody = request.method !== 'HEAD' && status >= 200 && !NO_BODY_STATUS.has(status);
  const kind = contentKind(upstreamHeaders);
  const attachment = /^\s*attachment\s*(;|$)/i.test(headerValue(upstreamHeaders, 'content-disposition') ?? '');
  const encoding = parseContentEncoding(headerValues(upstreamHeaders, 'content-encoding'));
  // fetch undoes gzip, deflate and br itself; a body in any other coding reaches us as it was sent.
  const fetchDecoded = decoded && encoding.unknown.length === 0 && !encoding.codings.includes('zstd');
  const decodable = decoded ? fetchDecoded : canDecode(encoding);
  // A type the pipeline rewrites, in a coding it can undo, and not a file being saved.
  const rewritten = kind !== 'pass' && !attachment && decodable;
  if (kind !== 'pass' && !decodable && hasBody) {
    rw.context.emit({ type: 'pipeline-unknown-coding', message: `Content-Encoding ${encoding.unknown.join(', ') || encoding.codings.join(', ')} cannot be decoded here: the body passes unrewritten`, codings: [...encoding.codings, ...encoding.unknown] });
  }

  const headers = removeHopByHop(rw.responseHeaders(upstreamHeaders, { bodyChanged: rewritten }), status === 101);
  if (fetchDecoded) {
    delete headers['content-encoding'];
    delete headers['content-length'];
  }
  if (status === 206 && rewritten) {
    rw.context.emit({ type: 'pipeline-range-refetch', message: 'a 206 part of a rewritten type cannot be rewritten: fetch the whole body again' });
    return { status: 502, headers: { 'content-type': 'text/plain; charset=utf-8' }, kind: 'pass', hasBody: false, refetch: true, rewrite: null };
  }
  if (rewritten) {
    for (const name of BODY_BOUND) delete headers[name];
    weakenEtag(headers);
  } else if (status === 304 && sentWeakened(request.headers, upstreamHeaders)) {
    weakenEtag(headers);
  }
  const effective: BodyKind = !rewritten ? 'pass' : kind === 'sniff' ? 'html' : kind;
  if (!rewritten || !hasBody) return { status, headers, kind: effective, hasBody, refetch: false, rewrite: null };

  const snippet = kind === 'html' || kind === 'sniff' ? documentSnippet(settings.snippet, headers) : undefined;
  const charset = extractMimeType(headerValues(upstreamHeaders, 'content-type'))?.parameters.get('charset');
  const workerPrelude = kind === 'js' && settings.workerPrelude !== undefined && settings.workerPrelude !== '' && isWorkerScriptRequest(request.headers) ? settings.workerPrelude : undefined;
  const traits: BodyTraits = { kind, charset, snippet, requestHeaders: request.headers, ...(workerPrelude !== undefined ? { workerPrelude } : {}) };
  return { status, headers, kind: effective, hasBody, refetch: false, rewrite: { traits, codings: decoded ? [] : encoding.codings } };
}

/** The kind the head gives, `sniff` for a missing type the browser would sniff, `pass` otherwise. */
function contentKind(headers: HeaderLike): BodyKind | 'sniff' {
  const type = extractMimeType(headerValues(headers, 'content-type'));
  if (!isUnknownType(type)) return bodyKindOf(type as NonNullable<typeof type>);
  // Fetch "determine nosniff": the first value of X-Content-Type-Options.
  const nosniff = (headerValue(headers, 'x-content-type-options') ?? '').split(',')[0]?.trim().toLowerCase() === 'nosniff';
  return nosniff ? 'pass' : 'sniff';
}

/**
 * The implementer's snippet, with a fresh nonce where the response's Content Security
 * Policy would block it; the policies are changed to allow that nonce.
 */
function documentSnippet(snippet: string | undefined, headers: HeadersOutput): string | undefined {
  if (snippet === undefined || snippet === '') return undefined;
  const kinds = snippetKinds(snippet);
  if (kinds.size === 0) return snippet;
  const nonce = createNonce();
  let used = false;
  for (const name of ['content-security-policy', 'content-security-policy-report-only']) {
    const value = headers[name];
    if (value === undefined) continue;
    const patched = (Array.isArray(value) ? value : [value]).map((v) => allowNonce(v, nonce, kinds));
    used ||= patched.some((p, i) => p !== (Array.isArray(value) ? value[i] : value));
    headers[name] = Array.isArray(value) ? patched : (patched[0] as string);
  }
  return used ? nonceSnippet(snippet, nonce) : snippet;
}

/** A rewritten body is not the upstream's bytes: a strong validator would be a lie (RFC 9110 §8.8.1). */
function weakenEtag(headers: HeadersOutput): void {
  const etag = headers['etag'];
  if (typeof etag === 'string' && etag.startsWith('"')) headers['etag'] = `W/${etag}`;
}

/** A 304 for a validator this pipeline weakened on the way out: keep it weak on the way back. */
function sentWeakened(requestHeaders: HeaderLike, upstreamHeaders: HeaderLike): boolean {
  const etag = headerValue(upstreamHeaders, 'etag');
  return etag !== undefined && etag.startsWith('"') && (headerValue(requestHeaders, 'if-none-match') ?? '').includes(`W/${etag}`);
}
