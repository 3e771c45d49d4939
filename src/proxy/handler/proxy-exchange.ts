import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import type { RewriteContext } from '../../context.js';
import { GateRefusal, mapRequestBodyBuffered, withBodyFraming, type ExchangeGate, type Pipeline, type ResponseExtras, type UpstreamRequest } from '../../pipeline/index.js';
import { upstreamFailureOf } from '../upstream/failure.js';
import { requestUpstream, type UpstreamResponse, type UpstreamRoute } from '../upstream/request-upstream.js';
import { badGatewayPage, gatewayTimeoutPage, sendPage } from './proxy-page.js';
import { drain, emptyBody, inboundBody } from './request-body.js';

/** What every exchange of one handler shares. */
export interface ExchangeParts {
  readonly pipe: Pipeline;
  readonly ctx: RewriteContext;
  readonly gate: ExchangeGate | null;
  readonly route: UpstreamRoute;
  /** A mapped request body is read up to this many bytes to go upstream with an exact length. */
  readonly requestBufferBytes: number;
}

/**
 * One browser request to a proxied host, through the gate, upstream over undici, and
 * back through the pipeline. Bodies stream both ways; only a mapped request body is read
 * ahead (up to `requestBufferBytes`, for an exact `Content-Length`). Every path ends the
 * response: the gate's answer; a 502 page (upstream unreachable, reset, a bad answer) or
 * 504 (connect or head timeout) while no head was sent; past the head, the client
 * response destroyed, so the browser sees a failed load, never a short body that looks
 * complete. A browser that goes away aborts the upstream request.
 */
export function proxyExchange(parts: ExchangeParts, req: IncomingMessage, res: ServerResponse, upstream: UpstreamRequest, extras: ResponseExtras | undefined): void {
  const { pipe, ctx, gate } = parts;
  const request = { method: req.method, url: req.url, headers: req.rawHeaders };
  const inbound = inboundBody(req);
  const upstreamCall = new AbortController();
  let failed = false;
  let browserGone = false;

  const fail = (err: unknown) => {
    // The first failure decides the answer; the aborts it causes are echoes.
    if (failed) return;
    failed = true;
    upstreamCall.abort(err);
    drain(req, inbound);
    if (browserGone) return;
    ctx.emit({ type: 'pipeline-error', message: `${upstream.method} ${upstream.url}: ${err instanceof Error ? err.message : String(err)}` });
    if (res.headersSent) res.destroy(err instanceof Error ? err : new Error(String(err)));
    else if (err instanceof GateRefusal) res.writeHead(err.answer.status, err.answer.headers).end(err.answer.body);
    else sendPage(res, upstreamFailureOf(err) === 'timeout' ? gatewayTimeoutPage(upstream.host) : badGatewayPage(upstream.host), req.method);
  };
  res.on('close', () => {
    if (res.writableFinished) return;
    browserGone = true;
    fail(new Error('the browser went away'));
  });

  const answer = (response: UpstreamResponse, target: UpstreamRequest, refetched: boolean) => {
    const plan = pipe.response(request, response.head, extras);
    if (plan.refetch !== null && !refetched) {
      // A part of a body that is rewritten cannot be sent: the whole body is fetched instead.
      discard(response.body);
      open({ ...target, headers: plan.refetch, body: null }, null, true);
      return;
    }
    pipe.send(plan, response.body, res).catch(fail);
  };
  const open = (target: UpstreamRequest, body: Readable | null, refetched: boolean) => {
    requestUpstream(parts.route, target, body, upstreamCall.signal)
      .then((response) => (gate === null ? response : gate.response(req, target, response.head, response.body)))
      .then((response) => {
        if (!failed) answer(response, target, refetched);
        else discard(response.body);
      })
      .catch(fail);
  };
  const start = (body: Readable | null) => {
    if (body === null || upstream.body === null) {
      open(upstream, body, false);
      return;
    }
    mapRequestBodyBuffered(ctx, req.headers['content-type'], body, { maxBytes: parts.requestBufferBytes }).then(
      (mapped) => open({ ...upstream, headers: withBodyFraming(upstream.headers, mapped.framing), body: null }, mapped.stream, false),
      fail,
    );
  };

  if (gate === null) {
    start(inbound);
    return;
  }
  // The gate sees the request first: an answer it gives (a refused upload) means upstream is never contacted.
  gate.request(req, upstream, inbound ?? emptyBody()).then((gated) => {
    if (failed) return;
    if ('answer' in gated) {
      drain(req, inbound);
      res.writeHead(gated.answer.status, gated.answer.headers).end(gated.answer.body);
    } else if (inbound === null) {
      gated.body.resume();
      start(null);
    } else {
      start(gated.body);
    }
  }, fail);
}

/** Drops a response body not sent on (its upstream request is aborted); undici reports that as the body's error, expected here. */
function discard(body: Readable): void {
  body.on('error', () => undefined);
  body.destroy();
}
