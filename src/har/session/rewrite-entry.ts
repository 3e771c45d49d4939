import type { GateAnswer } from '../../pipeline/index.js';
import type { HarEntry, HarRequest, HarResponse } from '../har-types.js';
import type { DownloadExchange } from './download-gate.js';
import { headerObject } from './header-list.js';
import { noteMessyInput } from './input-checks.js';
import { capturedRedirect, resolveRedirect } from './redirect-target.js';
import { browserRequest } from './request.js';
import { browserResponse } from './response.js';
import type { SessionRun } from './session-run.js';
import { gateUpload } from './upload-gate.js';

/**
 * One captured entry as the browser would see it through the proxy (the forward
 * direction: upstream → proxied). An entry whose request host is protected goes through
 * the proxy: its request is the one the browser sends the proxy, its response the one the
 * proxy sends back (see `browserRequest`, `browserResponse`; file control on uploads and
 * downloads when the run has it). Any other entry is returned as it came (the same
 * object): the browser talks to that host directly. Messy input is reported in the run's
 * stats, never thrown; the entry is counted either way.
 */
export async function rewriteEntry(entry: HarEntry, run: SessionRun): Promise<HarEntry> {
  const index = run.stats.beginEntry();
  const out = await rewriteCounted(entry, index, run);
  if (run.escapesLeft !== undefined) run.stats.escapesLeft(run.escapesLeft(out));
  return out;
}

async function rewriteCounted(entry: HarEntry, index: number, run: SessionRun): Promise<HarEntry> {
  if (!isEntry(entry)) {
    run.stats.problem(index, 'not-an-entry', 'the entry has no request URL or no response: written out as it came');
    return entry;
  }
  noteMessyInput(entry, index, run.stats);
  let url: URL;
  try {
    url = new URL(entry.request.url);
  } catch {
    run.stats.problem(index, 'bad-url', `request URL ${JSON.stringify(entry.request.url.slice(0, 200))} does not parse: written out as it came`);
    return entry;
  }
  followRedirect(entry, index, run);
  if (!isProxied(url, run)) return entry;

  const proxiedUrl = run.rw.url(entry.request.url);
  const request = await browserRequest(entry.request, url, proxiedUrl, run, index);
  const browserHeaders = headerObject(Array.isArray(request.headers) ? request.headers : []);
  const exchange: DownloadExchange = {
    entry: index,
    method: typeof request.method === 'string' ? request.method.toUpperCase() : 'GET',
    browserHeaders,
    upstreamUrl: url,
    upstreamHeaders: headerObject(Array.isArray(entry.request.headers) ? entry.request.headers : []),
    navigation: entry._resourceType === 'document',
  };
  const refusal = await gateUpload(run, exchange, request.postData);
  const response = refusal !== null ? refusedResponse(entry.response, refusal) : await browserResponse(entry.response, exchange, run);
  run.stats.proxiedEntry(true);
  return { ...entry, request, response };
}

/** Whether the browser reaches this host through the proxy: its host is protected. */
function isProxied(url: URL, run: SessionRun): boolean {
  if (url.hostname === '') return false;
  return run.stats.quietly(() => run.rw.host(url.hostname)) !== url.hostname;
}

function isEntry(entry: HarEntry): boolean {
  const e = entry as Partial<HarEntry> | null;
  return e !== null && typeof e === 'object' && isObject(e.request) && typeof (e.request as HarRequest).url === 'string' && isObject(e.response);
}

const isObject = (v: unknown) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Records the redirect this entry makes (upstream URLs) and reports loops and overlong chains. */
function followRedirect(entry: HarEntry, index: number, run: SessionRun): void {
  const target = capturedRedirect(entry.response);
  if (target === null) return;
  const resolved = resolveRedirect(target, entry.request.url);
  if (resolved === null) return;
  const page = typeof entry.pageref === 'string' ? entry.pageref : '';
  const method = typeof entry.request.method === 'string' ? entry.request.method : 'GET';
  const finding = run.redirects.redirect(page, method, entry.request.url, entry.response.status, resolved.url);
  if (finding?.kind === 'loop') run.stats.problem(index, 'redirect-loop', `redirect loop: ${finding.chain.join(' → ')}`);
  if (finding?.kind === 'too-long') run.stats.problem(index, 'redirect-chain-too-long', `a chain of ${finding.length} redirects: browsers stop after 20`);
}

/** The answer the proxy gives a blocked upload (upstream never sees the request). */
function refusedResponse(captured: HarResponse, answer: GateAnswer): HarResponse {
  const text = answer.body.toString('utf8');
  const type = answer.headers['content-type'];
  return {
    status: answer.status,
    statusText: answer.status === 403 ? 'Forbidden' : 'Bad Request',
    httpVersion: captured.httpVersion,
    cookies: [],
    headers: Object.entries(answer.headers).flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((v) => ({ name, value: v }))),
    content: { size: answer.body.length, mimeType: typeof type === 'string' ? type : 'text/html; charset=utf-8', text },
    redirectURL: '',
    headersSize: -1,
    bodySize: answer.body.length,
  };
}
