import type { HeadersOutput } from '../../headers/index.js';
import type { GatedResponse } from '../../pipeline/index.js';
import type { HarContent, HarResponse } from '../har-types.js';
import { transformBody, writeBody } from './body-output.js';
import { bodySourceOf, type BodySource } from './body-source.js';
import { gateDownload, type DownloadExchange } from './download-gate.js';
import { headerList, headerObject, sameHeaders } from './header-list.js';
import { mapRedirectUrl } from './redirect-url.js';
import { mapResponseCookies } from './response-cookies.js';
import { cachedBodyPlan, changedHeaderNames, planHead } from './response-head.js';
import type { SessionRun } from './session-run.js';

/**
 * The response as the browser gets it through the proxy: download control first (a
 * blocked or protected file replaces the response), then the pipeline's head (the header
 * rules, `Content-Length` dropped and `ETag` weakened for a rewritten body, hop-by-hop
 * fields gone) and body (rewritten by type; binary and unknown types untouched), the HAR
 * `cookies` and `redirectURL` as the rewritten `Set-Cookie` and `Location` say.
 */
export async function browserResponse(response: HarResponse, x: DownloadExchange, run: SessionRun): Promise<HarResponse> {
  const { stats } = run;
  const content: HarContent | undefined = response.content !== null && typeof response.content === 'object' ? response.content : undefined;
  const read = await bodySourceOf(content?.text, content?.encoding);
  if (read.notBase64) stats.problem(x.entry, 'not-base64', 'content.encoding is "base64" but the text is not base64: read as text');
  const source = read.source;
  const captured = headerObject(Array.isArray(response.headers) ? response.headers : []);
  const status = typeof response.status === 'number' ? response.status : 200;

  const replaced = await gateDownload(run, x, status, captured, source);
  if (replaced !== null) return replacedResponse(response, replaced, x, source, run);

  const browser = { method: x.method, headers: x.browserHeaders };
  const head = planHead(run, browser, status, captured, source.kind !== 'none' && !source.base64);
  for (const name of changedHeaderNames(captured, head.headers)) if (name !== 'content-type') stats.rewrite(name);
  const out: HarResponse = { ...response };
  if (Array.isArray(response.headers)) {
    const headers = headerList(response.headers, head.headers);
    if (!sameHeaders(headers, response.headers)) {
      out.headers = headers;
      if (response.headersSize !== -1) out.headersSize = -1;
    }
  }

  // A 304's body in a HAR is the cached response the browser renders: planned as that response.
  const cached = status === 304 && source.kind !== 'none';
  const bodyPlan = cached ? cachedBodyPlan(run, browser, captured, content?.mimeType, !source.base64) : head.plan;
  if (cached) head.plan.body?.destroy();
  const transform = bodyPlan.body;
  if (transform !== null && bodyPlan.hasBody && source.kind !== 'none' && content !== undefined) {
    if (head.partial) stats.problem(x.entry, 'partial-rewritten-type', `a 206 part of a ${head.plan.kind} body: the proxy would fetch the whole body; the part is rewritten as it is`);
    try {
      const body = await transformBody(source, transform, run.tempDir);
      stats.body(body.bytesIn, body.bytesOut);
      if (body.changed) {
        stats.rewrite(bodyPlan.kind);
        out.content = { ...content, text: body.text, size: body.bytesOut };
        // A cached body was not received: a 304's bodySize stays as captured (0 in HAR 1.2).
        if (!cached && typeof response.bodySize === 'number' && response.bodySize >= 0) out.bodySize = captured['content-encoding'] === undefined ? body.bytesOut : -1;
      }
    } catch (err) {
      stats.problem(x.entry, 'body-error', `the body could not be rewritten (${err instanceof Error ? err.message : String(err)}): kept as captured`);
    }
  } else {
    transform?.destroy();
  }

  if (Array.isArray(response.cookies)) {
    const cookies = stats.quietly(() => mapResponseCookies(response.cookies, run.rw));
    if (cookies.changed > 0) {
      out.cookies = cookies.cookies;
      stats.rewrite('cookie-domain', cookies.changed);
    }
  }
  if (typeof response.redirectURL === 'string' && response.redirectURL !== '') {
    const redirect = mapRedirectUrl(response.redirectURL, x.upstreamUrl.href, run.rw);
    if (redirect.relative) stats.problem(x.entry, 'relative-redirect', `redirectURL ${JSON.stringify(response.redirectURL)} is relative: resolved against the request URL`);
    if (redirect.url !== response.redirectURL) {
      out.redirectURL = redirect.url;
      stats.rewrite('redirect-url');
    }
  }
  return out;
}

/**
 * A download replaced by file control (the blocked notice, the protected file), planned
 * by the pipeline as the proxy plans the gate's response: the notice as text, the
 * protected bytes as base64, written as a temp file when the original body was one.
 */
async function replacedResponse(response: HarResponse, replaced: GatedResponse, x: DownloadExchange, source: BodySource, run: SessionRun): Promise<HarResponse> {
  const plan = run.pipe.response({ method: x.method, headers: x.browserHeaders }, replaced.head);
  plan.body?.destroy();
  const headers: HeadersOutput = plan.headers;
  const type = typeof headers['content-type'] === 'string' ? headers['content-type'] : 'application/octet-stream';
  const text = /^text\//i.test(type);
  const written = await writeBody([replaced.body], { base64: !text, spill: source.kind === 'spilled', tempDir: run.tempDir });
  const original = Array.isArray(response.headers) ? response.headers : [];
  const cookies = Array.isArray(response.cookies) ? run.stats.quietly(() => mapResponseCookies(response.cookies, run.rw)).cookies : response.cookies;
  const content: HarContent = { size: written.bytes, mimeType: type, text: written.text, ...(text ? {} : { encoding: 'base64' }) };
  return {
    ...response,
    status: plan.status,
    statusText: plan.status === response.status ? response.statusText : 'OK',
    headers: headerList(original, headers),
    cookies,
    content,
    redirectURL: '',
    headersSize: -1,
    bodySize: written.bytes,
  };
}
