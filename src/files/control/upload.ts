import type { IncomingHttpHeaders } from 'node:http';
import { Readable } from 'node:stream';
import { extractMimeType, GateRefusal, type GateAnswer, type UpstreamRequest } from '../../pipeline/index.js';
import { classifyUploadBody, extensionOf, fileNameOf, sniffFileType, SNIFF_BYTES, uploadFileName } from '../detect/index.js';
import type { FileFacts, SessionContext } from '../file-facts.js';
import { uploadRefusal } from '../protect/index.js';
import { BodyReader, drain, toBuffer } from './body-reader.js';
import { decideFile, type FileOutcome } from './decide-file.js';
import { MultipartWatch, type WatchedPart } from './multipart-watch.js';
import type { FileControlSettings } from './options.js';
import { definedHeaders, headerOf } from './header-fields.js';
import { sniffBody } from './sniff-body.js';


/** The request as the upload gate sees it. */
export interface UploadRequest {
  readonly method: string;
  readonly headers: IncomingHttpHeaders;
  readonly upstream: UpstreamRequest;
  readonly session: SessionContext;
  readonly body: AsyncIterable<unknown>;
}

/** Either the body to send upstream (the same bytes) or the answer that refuses it. */
export type UploadVerdict = { readonly body: Readable; readonly outcomes: readonly FileOutcome[] } | { readonly answer: GateAnswer; readonly outcomes: readonly FileOutcome[] };

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/**
 * Upload control: each file part of a multipart/form-data body, or a raw body that is a
 * governed file, is classified before a byte of it goes upstream; a blocked one is
 * answered here (403) and upstream never sees the request.
 */
export async function gateUpload(request: UploadRequest, settings: FileControlSettings): Promise<UploadVerdict> {
  if (!BODY_METHODS.has(request.method)) return { body: Readable.from(request.body), outcomes: [] };
  const contentType = headerOf(request.headers, 'content-type');
  const mime = extractMimeType(contentType);
  if (mime?.essence === 'multipart/form-data' && contentType !== undefined) return gateMultipart(request, contentType, settings);
  return gateRawBody(request, settings);
}

async function gateRawBody(request: UploadRequest, settings: FileControlSettings): Promise<UploadVerdict> {
  const reader = new BodyReader(request.body, 'drain');
  const sniffed = await sniffBody(reader, true);
  const verdict = classifyUploadBody(request.headers, sniffed);
  if (!verdict.isFile) return { body: reader.replay(), outcomes: [] };
  const length = Number(headerOf(request.headers, 'content-length'));
  const name = uploadFileName(definedHeaders(request.headers), request.upstream.url);
  const facts = uploadFacts(request, name, extractMimeType(headerOf(request.headers, 'content-type'))?.essence ?? null, sniffed?.mime ?? null, Number.isSafeInteger(length) ? length : null);
  const outcome = await decideFile({ facts, reader, session: request.session, context: contextOf(request) }, settings);
  if (outcome.delivery.kind === 'blocked') return { answer: refusal(request, facts.name, outcome), outcomes: [outcome] };
  return { body: outcome.delivery.kind === 'original' ? outcome.delivery.body : reader.replay(), outcomes: [outcome] };
}

async function gateMultipart(request: UploadRequest, contentType: string, settings: FileControlSettings): Promise<UploadVerdict> {
  const { limits } = settings;
  // The whole body is held back up to the governed size (and a margin for the other
  // fields), so every part within it is classified with its content.
  const holdBytes = limits.governedBytes + 1024 * 1024;
  const watch = new MultipartWatch(contentType, limits.governedBytes);
  const iterator = request.body[Symbol.asyncIterator]();
  const held: Buffer[] = [];
  let heldBytes = 0;
  let ended = false;
  try {
    while (heldBytes <= holdBytes) {
      const step = await iterator.next();
      if (step.done === true) {
        ended = true;
        break;
      }
      const chunk = toBuffer(step.value);
      held.push(chunk);
      heldBytes += chunk.length;
      await watch.write(chunk);
    }
    if (ended) await watch.end();
  } catch (err) {
    drain(iterator);
    return { answer: malformed(request, err), outcomes: [] };
  }

  const outcomes: FileOutcome[] = [];
  let refused: GateAnswer | null = null;
  // Past the hold, parts still running cannot be read whole: from here on each part keeps
  // only what a sniff needs, and every decided part lets go of its bytes.
  if (!ended) watch.keepAtMost(SNIFF_BYTES);
  for (const part of watch.takeAnnounced()) {
    const outcome = await decidePart(request, part, settings);
    watch.release(part);
    outcomes.push(outcome);
    if (outcome.delivery.kind === 'blocked') refused ??= refusal(request, part.fileName, outcome);
  }
  if (refused !== null) {
    drain(iterator);
    return { answer: refused, outcomes };
  }
  if (ended) return { body: Readable.from(held), outcomes };
  // A body past the hold: parts announced from here on are classified by what their
  // headers say, and the chunk that announces one waits for its decision.
  return {
    outcomes,
    body: Readable.from(
      (async function* () {
        yield* held.splice(0);
        let refused = false;
        try {
          for (;;) {
            const step = await iterator.next();
            if (step.done === true) break;
            const chunk = toBuffer(step.value);
            await watch.write(chunk);
            for (const part of watch.takeAnnounced()) {
              const outcome = await decidePart(request, part, settings);
              watch.release(part);
              if (outcome.delivery.kind === 'blocked') {
                refused = true;
                throw new GateRefusal(refusal(request, part.fileName, outcome));
              }
            }
            yield chunk;
          }
          await watch.end();
        } finally {
          // Refused: the browser is still sending and must read the answer, so its body is drained.
          if (refused) drain(iterator);
          else await iterator.return?.();
        }
      })(),
    ),
  };
}

async function decidePart(request: UploadRequest, part: WatchedPart, settings: FileControlSettings): Promise<FileOutcome> {
  const bytes = Buffer.concat(part.chunks, part.keptBytes);
  const whole = part.complete && part.keptBytes === part.size && part.size <= settings.limits.governedBytes;
  const sniffed = bytes.length === 0 ? null : await sniffFileType(new Uint8Array(bytes.subarray(0, SNIFF_BYTES)));
  const name = part.fileName === '' ? fileNameOf(undefined, request.upstream.url) : part.fileName;
  const facts = uploadFacts(request, name, part.declaredType, sniffed?.mime ?? null, part.complete ? part.size : null);
  const reader = new BodyReader(Readable.from(whole ? [bytes] : []));
  return decideFile({ facts, reader, session: request.session, context: contextOf(request), ...(whole ? {} : { unreadableAs: 'too-large' as const }) }, settings);
}

function uploadFacts(request: UploadRequest, name: string, declaredType: string | null, sniffedType: string | null, size: number | null): FileFacts {
  return { activity: 'upload', name, extension: extensionOf(name), declaredType, sniffedType, size, partial: false, url: request.upstream.url, appHost: request.upstream.host };
}

function contextOf(request: UploadRequest) {
  return { request: { method: request.method, url: request.upstream.url, headers: definedHeaders(request.headers) }, response: null };
}

function refusal(request: UploadRequest, fileName: string, outcome: FileOutcome): GateAnswer {
  return uploadRefusal({ accept: headerOf(request.headers, 'accept'), fileName, message: outcome.decision.message });
}

function malformed(request: UploadRequest, err: unknown): GateAnswer {
  // A body whose parts cannot be told apart cannot be checked for files: it does not pass.
  const message = `The upload could not be read as multipart/form-data (${err instanceof Error ? err.message : String(err)}).`;
  return { ...uploadRefusal({ accept: headerOf(request.headers, 'accept'), fileName: '', message }), status: 400 };
}

