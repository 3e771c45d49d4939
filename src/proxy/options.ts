import type { IncomingMessage } from 'node:http';
import type { Dispatcher } from 'undici';
import type { AuditSink, FileControlOptions, SessionContext } from '../files/index.js';
import type { PipelineOptions } from '../pipeline/index.js';
import type { Rewriter, RewriterOptions } from '../rewriter.js';
import type { WebSocketEventListener } from './websocket/events.js';

/** Where to connect for an upstream host: an address and a port (`--resolve HOST=ADDR:PORT`). */
export interface UpstreamAddress {
  readonly address: string;
  readonly port: number;
}

/**
 * Upstream hosts sent somewhere else than DNS says: a map `host → "addr:port"` (the
 * `--resolve` option of `spr serve`; a `*.example.com` key covers every subdomain) or a
 * function. A host not resolved here is looked up by DNS on the upstream scheme's port.
 */
export type UpstreamResolver = Readonly<Record<string, string>> | ((host: string) => UpstreamAddress | undefined);

/** Timeouts of the upstream exchange, in milliseconds. */
export interface ProxyTimeouts {
  /** Opening the connection (TCP and TLS). Default 10 000. Past it: 504. */
  readonly connect?: number;
  /** From the request sent to the response head. Default 30 000. Past it: 504. */
  readonly headers?: number;
  /** Between two body chunks. Default 30 000. Past it the response is broken off. */
  readonly body?: number;
}

/** The client runtime injected into proxied pages and worker scripts. */
export interface RuntimeOptions {
  /** Inject it. Default true: without it, URLs a page builds at run time leave the proxy. */
  readonly enabled?: boolean;
}

/** Options of {@link createProxyHandler}. */
export interface ProxyOptions {
  /** The rewriter (or the options to make one): protected domains, suffix, scheme, public scheme and port, upstream scheme. */
  readonly rewriter: Rewriter | RewriterOptions;
  /** Pipeline settings (decode limits, request buffer). Its snippet and gate are the handler's. */
  readonly pipeline?: Omit<PipelineOptions, 'gate' | 'snippet' | 'workerPrelude'>;
  /**
   * File control: a policy or a classifier and its settings; downloads and uploads are
   * classified. Absent: files pass (no classification). The session comes from `session`
   * below and audit events go to `audit`.
   */
  readonly files?: Omit<FileControlOptions, 'session' | 'audit'>;
  /**
   * The session of a request (user, groups, device, IP, location): a fixed context, or a
   * function of the request (an implementer's identity provider and device management).
   * Default: `{}` plus what the request shows (see `deviceCertificates`, the socket's IP
   * and the User-Agent).
   */
  readonly session?: SessionContext | ((req: IncomingMessage) => SessionContext | Promise<SessionContext>);
  /**
   * Whether a TLS client certificate verified against the server's CA list
   * (`requestCert: true`, `ca: deviceCa`, `rejectUnauthorized: false`) marks the device
   * `managed` (and its absence `unmanaged`), over what `session` says. Default false.
   */
  readonly deviceCertificates?: boolean;
  /** Upstream hosts sent elsewhere than DNS says (tests, split horizon). */
  readonly resolve?: UpstreamResolver;
  /** The undici dispatcher upstream requests go through. Default: an `Agent` with keep-alive pools, closed by `close()`. */
  readonly dispatcher?: Dispatcher;
  readonly timeouts?: ProxyTimeouts;
  /** The client runtime. Default: injected. */
  readonly runtime?: RuntimeOptions | boolean;
  /** Where audit events go: file decisions and the client runtime's activity events (copy, cut, paste, print). */
  readonly audit?: AuditSink;
  /** WebSocket settings of `upgrade`; its rewriter, resolver and timeouts are the handler's. */
  readonly websocket?: WebSocketOptions;
}

/** The WebSocket proxy's own settings (see `createUpgradeHandler`). */
export interface WebSocketOptions {
  /** The largest message taken from either side, in bytes; a larger one closes that side with 1009. Default 16 MiB. */
  readonly maxMessageBytes?: number;
  /** Receives every report: refused and failed handshakes, connections broken by a failure. */
  readonly onEvent?: WebSocketEventListener;
}
