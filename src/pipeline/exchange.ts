import type { ClientRequest, IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex, Readable, Transform } from 'node:stream';
import type { HeadersInput, HeadersOutput } from '../headers/index.js';
import type { BodyKind } from './content-kind.js';

/** The browser's request as the proxy received it. */
export interface ExchangeRequest {
  readonly method?: string;
  /** The request target: a path (`/x?y`, as Node's `req.url`) or an absolute URL. */
  readonly url?: string;
  /** Plain object, fetch `Headers` or Node's `rawHeaders`. */
  readonly headers: HeadersInput;
}

/** The upstream's response head. */
export interface UpstreamHead {
  readonly status: number;
  readonly headers: HeadersInput;
}

/** What to send upstream for one browser request. */
export interface UpstreamRequest {
  readonly method: string;
  /** The absolute upstream URL (`https://app.example.com/x?y`), proxied URLs in the query mapped back. */
  readonly url: string;
  /** The upstream host (no port), e.g. for a connection lookup or a TLS servername. */
  readonly host: string;
  /** Request headers for upstream: mapped back, hop-by-hop removed, `Accept-Encoding` narrowed. */
  readonly headers: HeadersOutput;
  /** Maps the request body back (form, JSON, multipart text fields); null: send it as it came. */
  readonly body: Transform | null;
}

/** What to send the browser for one upstream response. */
export interface ResponsePlan {
  readonly status: number;
  readonly headers: HeadersOutput;
  /** How the body is treated: a rewriter's kind, or `pass` (untouched, not even decoded). */
  readonly kind: BodyKind;
  /** Whether a body is sent at all (not for HEAD, 1xx, 204, 205, 304). */
  readonly hasBody: boolean;
  /**
   * Set when upstream answered a `Range` request with a `206` of a type the pipeline must
   * rewrite (byte offsets move when hosts change, so a part cannot be rewritten): do not
   * send this response; fetch again with these request headers, which ask for the whole
   * body. The plan's own status is then 502, so a caller that ignores this never leaks
   * an unrewritten part.
   */
  readonly refetch: HeadersOutput | null;
}

/** A {@link ResponsePlan} for Node streams: the body transform to put between upstream and client. */
export interface NodeResponsePlan extends ResponsePlan {
  /** Decode, rewrite, re-encode; null: pipe the upstream body as it is (or none, see `hasBody`). */
  readonly body: Duplex | null;
}

/**
 * What one response gets beyond the pipeline's own settings: a proxy injects its client
 * runtime with the settings of this request's session.
 */
export interface ResponseExtras {
  /** Markup for this response's document, in place of the pipeline's `snippet` (same rules: once, at the start of `<head>`, nonce when the CSP needs one). */
  readonly snippet?: string;
  /**
   * JavaScript put at the start of a worker or service-worker script (a request whose
   * `Sec-Fetch-Dest` is `worker`, `sharedworker` or `serviceworker`), in place of the
   * pipeline's `workerPrelude`.
   */
  readonly workerPrelude?: string;
}

/** Whole requests and responses through the rewriters: see {@link createPipeline}. */
export interface Pipeline {
  /**
   * Request side: the upstream URL, headers and body mapper for a browser request, or
   * `null` when its host is not the proxied twin of a protected host. Answer 404 then and
   * fetch nothing: the proxy is never open.
   */
  request(request: ExchangeRequest): UpstreamRequest | null;
  /** Response side, Node streams: the head to send and the body transform. */
  response(request: ExchangeRequest, upstream: UpstreamHead, extras?: ResponseExtras): NodeResponsePlan;
  /**
   * Sends a planned response: the head, then the upstream body through the plan's
   * transform with `stream.pipeline` semantics. An upstream error or abort destroys the
   * client response (the browser sees a failed load, never a short body that looks
   * complete); a client that goes away destroys the upstream body. Rejects with that error.
   */
  send(plan: NodeResponsePlan, upstreamBody: Readable, res: ServerResponse): Promise<void>;
  /**
   * Response side, Web streams: takes the fetch `Response` (whose body fetch has already
   * decoded) and returns the one to send.
   */
  fetchResponse(request: ExchangeRequest | Request, response: Response, extras?: ResponseExtras): Response;
  /**
   * A whole node:http exchange: `connect` opens the upstream request (http.request,
   * https.request, an agent of your choice) for the planned one; the rest (404 for hosts
   * that are not twins, body mapping both ways, a refetch of ranges that cannot be
   * rewritten, 502 on upstream errors, aborts both ways) is done here.
   */
  handle(req: IncomingMessage, res: ServerResponse, connect: (upstream: UpstreamRequest) => ClientRequest): void;
}
