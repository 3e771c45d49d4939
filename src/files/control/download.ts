import type { IncomingHttpHeaders } from 'node:http';
import { Readable } from 'node:stream';
import { headersToObject, type HeadersOutput } from '../../headers/index.js';
import { bodyKindOf, canDecode, createDecoder, extractMimeType, hasBinaryDataByte, hasUtf16Bom, parseContentEncoding, type GatedResponse, type UpstreamHead, type UpstreamRequest } from '../../pipeline/index.js';
import { classifyDownload, extensionOf, fileNameOf, parseContentRange } from '../detect/index.js';
import type { FileFacts, SessionContext } from '../file-facts.js';
import { BodyReader } from './body-reader.js';
import { decideFile, type Delivery, type FileOutcome } from './decide-file.js';
import type { FileControlSettings } from './options.js';
import { replacementHead } from '../protect/index.js';
import { definedHeaders, first, single, withoutFields } from './header-fields.js';
import { sniffBody } from './sniff-body.js';


/** An upstream response as the download gate sees it. */
export interface DownloadResponse {
  readonly method: string;
  /** The browser's request headers. */
  readonly requestHeaders: IncomingHttpHeaders;
  readonly upstream: UpstreamRequest;
  readonly head: UpstreamHead;
  readonly body: Readable;
  readonly session: SessionContext;
  /** The caller knows this response answers a navigation (when Sec-Fetch-Dest is missing). */
  readonly navigation?: boolean;
}

/** Statuses without a body (RFC 9110 §6.4.1): nothing to classify. */
const BODYLESS = (status: number) => status < 200 || status === 204 || status === 205 || status === 304;

/**
 * Download control: a response that is a file (an attachment, a navigation to a type the
 * browser does not render, or bytes that are a governed file whoever fetched them) is
 * classified, and the browser gets what the decision says; any other response passes on
 * with its bytes replayed (only the first chunk was looked at).
 */
export async function gateDownload(d: DownloadResponse, settings: FileControlSettings): Promise<{ readonly response: GatedResponse; readonly outcome: FileOutcome | null }> {
  const untouched = { response: { head: d.head, body: d.body }, outcome: null };
  if (d.method === 'HEAD' || BODYLESS(d.head.status)) return untouched;
  let headers = headersToObject(d.head.headers);
  const requestHeaders = definedHeaders(d.requestHeaders);
  const declaredMime = extractMimeType(headers['content-type']);
  const declared = declaredMime?.essence ?? null;
  const base = { status: d.head.status, requestHeaders, responseHeaders: headers, url: d.upstream.url, navigation: d.navigation ?? false };

  // A coded body is a file only by its head (a page is not sniffed through its gzip); such a
  // file is decoded so it can be sniffed and read, and goes on decoded.
  let body: Readable = d.body;
  let unreadableAs: 'corrupt' | undefined;
  const coding = parseContentEncoding(headers['content-encoding'] ?? '');
  if (coding.codings.length > 0 || coding.unknown.length > 0) {
    if (!classifyDownload({ ...base, sniffed: null }).isFile) return untouched;
    if (canDecode(coding)) {
      body = d.body.pipe(createDecoder(coding.codings));
      d.body.on('error', (err) => body.destroy(err));
      headers = withoutFields(headers, ['content-encoding', 'content-length']);
    } else {
      unreadableAs = 'corrupt';
    }
  }

  const reader = new BodyReader(body);
  // Tar's magic sits at byte 257: only a body the pipeline passes untouched waits for it,
  // never the first chunk of a page, script or stylesheet it rewrites.
  const waitForTar = declaredMime === null || bodyKindOf(declaredMime) === 'pass';
  const sniffed = unreadableAs === undefined ? await sniffBody(reader, waitForTar) : null;
  const prefix = reader.bytes();
  const found = classifyDownload({ ...base, responseHeaders: headers, sniffed, binary: !hasUtf16Bom(prefix) && hasBinaryDataByte(prefix) });
  if (!found.isFile) return { response: { head: { status: d.head.status, headers }, body: reader.replay() }, outcome: null };

  const facts = downloadFacts(d, headers, declared, sniffed?.mime ?? null);
  const outcome = await decideFile(
    { facts, reader, session: d.session, context: { request: { method: d.method, url: d.upstream.url, headers: requestHeaders }, response: { status: d.head.status, headers } }, ...(unreadableAs ? { unreadableAs } : {}) },
    settings,
  );
  return { response: deliver(outcome.delivery, d.head.status, headers), outcome };
}

function downloadFacts(d: DownloadResponse, headers: HeadersOutput, declaredType: string | null, sniffedType: string | null): FileFacts {
  const name = fileNameOf(first(headers['content-disposition']), d.upstream.url);
  const partial = d.head.status === 206;
  let size: number | null = null;
  if (partial) {
    const range = parseContentRange(single(headers['content-range']));
    size = range?.complete ?? null;
  } else if (headers['content-encoding'] === undefined) {
    const length = Number(single(headers['content-length']));
    size = Number.isSafeInteger(length) && length >= 0 ? length : null;
  }
  return { activity: 'download', name, extension: extensionOf(name), declaredType, sniffedType, size, partial, url: d.upstream.url, appHost: d.upstream.host };
}

/** The response for what the user gets: the file as it came, the blocked notice, the protected file. */
function deliver(delivery: Delivery, status: number, headers: HeadersOutput): GatedResponse {
  if (delivery.kind === 'original') return { head: { status, headers }, body: delivery.body };
  const blocked = delivery.kind === 'blocked';
  const head = replacementHead(headers, { name: delivery.name, contentType: delivery.contentType, size: blocked ? delivery.body.length : null });
  return { head: { status: head.status, headers: head.headers as HeadersOutput }, body: blocked ? Readable.from([delivery.body]) : delivery.body };
}
