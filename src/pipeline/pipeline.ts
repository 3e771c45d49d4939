import { pipeline as pipeStreams } from 'node:stream/promises';
import { headersToObject, toFetchHeaders, type HeadersInput, type HeadersOutput } from '../headers/index.js';
import type { Rewriter } from '../rewriter.js';
import type { ExchangeRequest, Pipeline, ResponseExtras } from './exchange.js';
import { headerValue, type HeaderLike } from './header-values.js';
import { nodeBodyTransform } from './node-body.js';
import { planRequestBody } from './request-body/index.js';
import { originFormTarget, requestHost, upstreamRequestHeaders } from './request-plan.js';
import { draftResponse } from './response-plan.js';
import { settingsOf, type PipelineOptions, type PipelineSettings } from './settings.js';
import { webBody } from './web-body.js';
import { sendNodeExchange } from './node-exchange.js';

/**
 * Builds the pipeline that makes a correct proxy a dozen lines: content-type dispatch by
 * allowlist, sniffing of untyped bodies, codings undone and redone within decode limits,
 * the response head (hop-by-hop fields, `Content-Length`, `ETag`, ranges, CSP nonce for
 * the snippet), and the request side (headers, target and body mapped back).
 */
export function createPipeline(rw: Rewriter, options: PipelineOptions = {}): Pipeline {
  const settings = settingsOf(options);
  const ctx = rw.context;

  const browserRequest = (request: ExchangeRequest | Request): { method: string; headers: HeaderLike } => ({
    method: (request.method ?? 'GET').toUpperCase(),
    headers: headersToObject(request.headers as HeadersInput),
  });

  const pipe: Pipeline = {
    request(request) {
      const headers = headersToObject(request.headers);
      const host = requestHost(request.url, headers);
      const upstreamHost = host === undefined ? null : rw.upstreamHost(host);
      if (upstreamHost === null) return null;
      const out = upstreamRequestHeaders(rw, headers, upstreamHost);
      // A compressed upload has no text to map: it passes as it came.
      const coded = (headerValue(headers, 'content-encoding') ?? 'identity').trim().toLowerCase() !== 'identity';
      const body = coded ? null : planRequestBody(ctx, headerValue(headers, 'content-type')).transform;
      if (body !== null) delete out['content-length'];
      const target = rw.requestTarget(originFormTarget(request.url));
      return {
        method: (request.method ?? 'GET').toUpperCase(),
        url: `${ctx.hosts.map.upstreamScheme}://${upstreamHost}${target}`,
        host: upstreamHost,
        headers: out,
        body,
      };
    },

    response(request, upstream, extras) {
      const browser = browserRequest(request);
      const draft = draftResponse(rw, withExtras(settings, extras), browser, upstream.status, headersToObject(upstream.headers), false);
      const refetch = draft.refetch ? refetchHeaders(rw, browser.headers) : null;
      const body = draft.rewrite === null ? null : nodeBodyTransform(ctx, settings, draft.rewrite);
      return { status: draft.status, headers: draft.headers, kind: draft.kind, hasBody: draft.hasBody, refetch, body };
    },

    async send(plan, upstreamBody, res) {
      res.writeHead(plan.status, plan.headers);
      if (!plan.hasBody) {
        upstreamBody.resume();
        res.end();
        return;
      }
      await (plan.body === null ? pipeStreams(upstreamBody, res) : pipeStreams(upstreamBody, plan.body, res));
    },

    fetchResponse(request, response, extras) {
      const browser = browserRequest(request);
      const draft = draftResponse(rw, withExtras(settings, extras), browser, response.status, headersToObject(response.headers as HeadersInput), true);
      let body: ReadableStream<Uint8Array> | null = null;
      if (draft.hasBody && response.body !== null) {
        body = draft.rewrite === null ? response.body : response.body.pipeThrough(webBody(ctx, draft.rewrite));
      } else {
        response.body?.cancel().catch(() => undefined);
      }
      return new Response(body, {
        status: draft.status,
        statusText: draft.refetch ? 'Bad Gateway' : response.statusText,
        headers: toFetchHeaders(draft.headers),
      });
    },

    handle(req, res, connect) {
      sendNodeExchange(pipe, ctx, settings, req, res, connect);
    },
  };
  return pipe;
}

/** The settings of one response: its extras in place of the pipeline's own. */
function withExtras(settings: PipelineSettings, extras: ResponseExtras | undefined): PipelineSettings {
  if (extras === undefined) return settings;
  return {
    ...settings,
    snippet: extras.snippet ?? settings.snippet,
    workerPrelude: extras.workerPrelude ?? settings.workerPrelude,
  };
}

/** The upstream request headers again, asking for the whole body. */
function refetchHeaders(rw: Rewriter, browserHeaders: HeaderLike): HeadersOutput {
  const host = headerValue(browserHeaders, 'host');
  const upstreamHost = (host === undefined ? null : rw.upstreamHost(host)) ?? host ?? '';
  return upstreamRequestHeaders(rw, browserHeaders, upstreamHost, true);
}
