import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { createFileControl, type SessionContext } from '../../files/index.js';
import { createPipeline } from '../../pipeline/index.js';
import { createRewriter, type Rewriter, type RewriterOptions } from '../../rewriter.js';
import type { ProxyOptions } from '../options.js';
import { oncePerRequest, sessionOf } from '../session/request-session.js';
import { defaultDispatcher } from '../upstream/dispatcher.js';
import { checkResolver } from '../upstream/resolve.js';
import { upstreamTimeouts } from '../upstream/timeouts.js';
import { ACTIVITY_ENDPOINT } from '../runtime/index.js';
import { createUpgradeHandler } from '../websocket/index.js';
import { answerActivity } from './activity-endpoint.js';
import { proxyExchange, type ExchangeParts } from './proxy-exchange.js';
import { noSuchProxyPathPage, notProxiedPage, proxyErrorPage, sendPage, sessionFailedPage } from './proxy-page.js';
import { isReservedPath, pathOf } from './reserved-path.js';
import { runtimeExtras } from './runtime-extras.js';

/** A request handler for node:http (`createServer(handler)`), Express (`app.use(handler)`) and Fastify. */
export interface ProxyHandler {
  /**
   * Answers one request. A host that is no proxied twin gets 404 and nothing is fetched;
   * with `next` (Express, Connect) it is passed on instead, so the app can serve its own.
   */
  (req: IncomingMessage, res: ServerResponse, next?: (err?: unknown) => void): void;
  /** WebSocket upgrades: `server.on('upgrade', handler.upgrade)`. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** The rewriter the handler maps hosts with. */
  readonly rewriter: Rewriter;
  /** Closes the handler's own upstream connections (not a dispatcher it was given). */
  close(): Promise<void>;
}

// The pipeline's own default for reading a mapped request body ahead (PipelineOptions.requestBufferBytes).
const REQUEST_BUFFER_BYTES = 1024 * 1024;

/**
 * The proxy as a request handler: requests to proxied hosts go upstream (undici,
 * keep-alive pools) through the pipeline and, with `files`, file control; responses come
 * back rewritten, with the client runtime in documents and worker scripts. See
 * {@link ProxyOptions}.
 *
 * ```ts
 * const proxy = createProxyHandler({ rewriter: { suffix: 'proxy.example.net', domains: ['example.com', '*.example.com'] } });
 * http.createServer(proxy).on('upgrade', proxy.upgrade).listen(8080);
 * ```
 */
export function createProxyHandler(options: ProxyOptions): ProxyHandler {
  const rw = isRewriter(options.rewriter) ? options.rewriter : createRewriter(options.rewriter);
  checkResolver(options.resolve);
  const timeouts = upstreamTimeouts(options.timeouts);
  const dispatcher = options.dispatcher ?? defaultDispatcher(timeouts);
  const session = oncePerRequest(sessionOf(options));
  const gate = options.files === undefined ? null : createFileControl({ ...options.files, session, ...(options.audit === undefined ? {} : { audit: options.audit }) });
  const pipe = createPipeline(rw, { ...options.pipeline, ...(gate === null ? {} : { gate }) });
  const parts: ExchangeParts = {
    pipe,
    ctx: rw.context,
    gate,
    route: { dispatcher, resolve: options.resolve, timeouts },
    requestBufferBytes: options.pipeline?.requestBufferBytes ?? REQUEST_BUFFER_BYTES,
  };
  const extrasOf = runtimeExtras(rw, options.runtime, options.files?.policy);

  const serve = (req: IncomingMessage, res: ServerResponse, next?: (err?: unknown) => void) => {
    const upstream = pipe.request({ method: req.method, url: req.url, headers: req.rawHeaders });
    if (upstream === null) {
      if (next !== undefined) return next();
      req.resume();
      return sendPage(res, notProxiedPage(), req.method);
    }
    const reserved = isReservedPath(req.url);
    session(req).then(
      (context: SessionContext) => {
        if (!reserved) return proxyExchange(parts, req, res, upstream, extrasOf(context));
        if (pathOf(req.url) === ACTIVITY_ENDPOINT) return answerActivity(req, res, { rw, pageHost: upstream.host, session: context, policy: options.files?.policy, audit: options.audit });
        req.resume();
        sendPage(res, noSuchProxyPathPage(), req.method);
      },
      (err: unknown) => {
        rw.context.emit({ type: 'pipeline-error', message: `session of ${upstream.method} ${upstream.url}: ${err instanceof Error ? err.message : String(err)}` });
        req.resume();
        sendPage(res, sessionFailedPage(), req.method);
      },
    ).catch((err: unknown) => internalError(res, err));
  };

  const handler = (req: IncomingMessage, res: ServerResponse, next?: (err?: unknown) => void) => {
    try {
      serve(req, res, next);
    } catch (err) {
      internalError(res, err);
    }
  };
  return Object.assign(handler, {
    upgrade: createUpgradeHandler({ ...options.websocket, rewriter: rw, ...(options.resolve === undefined ? {} : { resolve: options.resolve }), ...(options.timeouts === undefined ? {} : { timeouts: options.timeouts }) }),
    rewriter: rw,
    close: async () => {
      // Only the handler's own: a dispatcher it was given is its owner's to close.
      if (dispatcher !== options.dispatcher) await dispatcher.close();
    },
  });
}

/** A bug of the proxy's own: the browser gets a failed load or a 500, never a hang. */
function internalError(res: ServerResponse, err: unknown): void {
  if (res.headersSent) res.destroy(err instanceof Error ? err : new Error(String(err)));
  else sendPage(res, proxyErrorPage(), undefined);
}

function isRewriter(value: Rewriter | RewriterOptions): value is Rewriter {
  return typeof (value as Partial<Rewriter>).html === 'function' && (value as Partial<Rewriter>).context !== undefined;
}
