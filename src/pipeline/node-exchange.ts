import type { ClientRequest, IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { pipeline as pipeStreams } from 'node:stream/promises';
import type { RewriteContext } from '../context.js';
import type { Pipeline, UpstreamHead, UpstreamRequest } from './exchange.js';
import { GateRefusal } from './gate.js';
import { mapRequestBodyBuffered, withBodyFraming } from './request-body/index.js';
import type { PipelineSettings } from './settings.js';

const NOT_PROXIED = 'This host is not served by this proxy.\n';
const BAD_GATEWAY = 'The upstream server could not be reached or broke off its answer.\n';

/**
 * One node:http exchange on a pipeline (see `Pipeline.handle`). Failure rules: a host
 * that is no twin gets 404 and nothing is fetched; an upstream error before the head is a
 * 502; after it, the client response is destroyed so the browser sees a failed load; a
 * client that goes away aborts the upstream request.
 */
export function sendNodeExchange(pipe: Pipeline, ctx: RewriteContext, settings: PipelineSettings, req: IncomingMessage, res: ServerResponse, connect: (upstream: UpstreamRequest) => ClientRequest): void {
  const request = { method: req.method, url: req.url, headers: req.rawHeaders };
  const upstream = pipe.request(request);
  if (upstream === null) {
    req.resume();
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'content-length': String(Buffer.byteLength(NOT_PROXIED)) }).end(NOT_PROXIED);
    return;
  }
  let current: ClientRequest | null = null;
  let failed = false;
  const fail = (err: unknown) => {
    // The first failure decides the answer; the aborts it causes (upstream's own error) are echoes.
    if (failed) return;
    failed = true;
    ctx.emit({ type: 'pipeline-error', message: `${upstream.method} ${upstream.url}: ${err instanceof Error ? err.message : String(err)}` });
    current?.destroy();
    if (err instanceof GateRefusal && !res.headersSent) {
      res.writeHead(err.answer.status, err.answer.headers).end(err.answer.body);
    } else if (!res.headersSent) {
      res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8', 'content-length': String(Buffer.byteLength(BAD_GATEWAY)) }).end(BAD_GATEWAY);
    } else {
      res.destroy(err instanceof Error ? err : new Error(String(err)));
    }
  };
  res.on('close', () => {
    if (!res.writableFinished) current?.destroy();
  });

  const gate = settings.gate;
  const planAndSend = (head: UpstreamHead, body: Readable, target: UpstreamRequest, refetched: boolean) => {
    const plan = pipe.response(request, head);
    if (plan.refetch !== null && !refetched) {
      body.destroy();
      open({ ...target, headers: plan.refetch, body: null }, null, true);
      return;
    }
    pipe.send(plan, body, res).catch(fail);
  };
  const open = (target: UpstreamRequest, body: Readable | null, refetched: boolean) => {
    const out = connect(target);
    current = out;
    out.on('error', fail);
    out.on('response', (upRes) => {
      const head: UpstreamHead = { status: upRes.statusCode ?? 502, headers: upRes.rawHeaders };
      if (gate === null) planAndSend(head, upRes, target, refetched);
      else gate.response(req, target, head, upRes).then((gated) => planAndSend(gated.head, gated.body, target, refetched), fail);
    });
    if (body === null) out.end();
    else pipeStreams(body, out).catch(fail);
  };
  const start = (body: Readable) => {
    if (upstream.body === null) {
      open(upstream, body, false);
      return;
    }
    // A mapped body is read first, up to the buffer size, so upstream gets an exact length.
    mapRequestBodyBuffered(ctx, req.headers['content-type'], body, { maxBytes: settings.requestBufferBytes }).then(
      (mapped) => open({ ...upstream, headers: withBodyFraming(upstream.headers, mapped.framing), body: null }, mapped.stream, false),
      fail,
    );
  };
  if (gate === null) {
    start(req);
    return;
  }
  // The gate sees the request first: an answer it gives (a refused upload) means upstream is never contacted.
  gate.request(req, upstream, req).then((gated) => {
    if ('answer' in gated) res.writeHead(gated.answer.status, gated.answer.headers).end(gated.answer.body);
    else start(gated.body);
  }, fail);
}
