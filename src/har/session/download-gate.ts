import type { IncomingHttpHeaders } from 'node:http';
import type { HeadersOutput } from '../../headers/index.js';
import type { GatedResponse } from '../../pipeline/index.js';
import { openBody, type BodySource } from './body-source.js';
import type { SessionRun } from './session-run.js';

/** The exchange around a response, as the download gate needs it. */
export interface DownloadExchange {
  readonly entry: number;
  readonly method: string;
  /** What the browser sent the proxy (lower-case names). */
  readonly browserHeaders: HeadersOutput;
  /** What the proxy sends upstream: the captured request. */
  readonly upstreamUrl: URL;
  readonly upstreamHeaders: HeadersOutput;
  /** The capture says the response answers a navigation (Chrome's `_resourceType: "document"`). */
  readonly navigation: boolean;
}

/**
 * Download control on one response, as the proxy's gate runs it before the pipeline:
 * the response head with the body as the HAR holds it (decoded, so without
 * `Content-Encoding`, and `Content-Length` that counted the coded bytes). The decision is
 * counted; the result is the replacement (the blocked notice, the protected file) or null
 * when the response goes on as it is (not a file, or allowed).
 */
export async function gateDownload(run: SessionRun, x: DownloadExchange, status: number, headers: HeadersOutput, source: BodySource): Promise<GatedResponse | null> {
  const files = run.files;
  if (files === null) return null;
  const head = { ...headers };
  if (head['content-encoding'] !== undefined) {
    delete head['content-encoding'];
    delete head['content-length'];
  }
  const { response, outcome } = await files.download({
    method: x.method,
    requestHeaders: x.browserHeaders as IncomingHttpHeaders,
    upstream: { method: x.method, url: x.upstreamUrl.href, host: x.upstreamUrl.hostname, headers: x.upstreamHeaders, body: null },
    head: { status, headers: head },
    body: openBody(source),
    session: sessionOf(run, x.browserHeaders),
    navigation: x.navigation,
  });
  if (outcome !== null) run.stats.fileDecision(x.entry, outcome);
  if (outcome === null || outcome.delivery.kind === 'original') {
    response.body.destroy();
    return null;
  }
  return response;
}

/** The run's fixed session, its user agent the request's when the run names none. */
export function sessionOf(run: SessionRun, browserHeaders: HeadersOutput) {
  const ua = browserHeaders['user-agent'];
  return typeof ua === 'string' && run.session.userAgent === undefined ? { ...run.session, userAgent: ua } : run.session;
}
