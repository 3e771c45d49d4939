import type { IncomingHttpHeaders } from 'node:http';
import type { HeadersOutput } from '../../headers/index.js';
import type { GateAnswer } from '../../pipeline/index.js';
import type { HarPostData } from '../har-types.js';
import { bodySourceOf, openBody } from './body-source.js';
import type { DownloadExchange } from './download-gate.js';
import { sessionOf } from './download-gate.js';
import type { SessionRun } from './session-run.js';

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/**
 * Upload control on one request body, as the proxy's gate runs it before anything goes
 * upstream: each file part of a multipart body, or a raw body that is a governed file, is
 * classified (decisions counted). Resolves with the answer the proxy gives instead of
 * forwarding (a blocked upload: 403; a multipart body it cannot read: 400), or null when
 * the request goes on.
 */
export async function gateUpload(run: SessionRun, x: DownloadExchange, postData: HarPostData | undefined): Promise<GateAnswer | null> {
  const files = run.files;
  if (files === null || postData === undefined || postData === null || !BODY_METHODS.has(x.method)) return null;
  const { source } = await bodySourceOf(postData.text, undefined);
  if (source.kind === 'none') return null;
  const headers: HeadersOutput = { ...x.browserHeaders };
  if (headers['content-type'] === undefined && typeof postData.mimeType === 'string' && postData.mimeType !== '') headers['content-type'] = postData.mimeType;
  const verdict = await files.upload({
    method: x.method,
    headers: headers as IncomingHttpHeaders,
    upstream: { method: x.method, url: x.upstreamUrl.href, host: x.upstreamUrl.hostname, headers: x.upstreamHeaders, body: null },
    session: sessionOf(run, x.browserHeaders),
    body: openBody(source),
  });
  for (const outcome of verdict.outcomes) run.stats.fileDecision(x.entry, outcome);
  if ('answer' in verdict) return verdict.answer;
  verdict.body.destroy();
  return null;
}
