import type { IncomingMessage } from 'node:http';
import net from 'node:net';
import tls from 'node:tls';
import WebSocket from 'ws';
import type { UpstreamAddress } from '../options.js';

/** Where and how the upstream WebSocket is opened. */
export interface UpstreamTarget {
  /** `ws://host/target` or `wss://host/target`: its host names the `Host` field and the TLS server name. */
  readonly url: string;
  /** The subprotocols the browser offered, in its order. */
  readonly protocols: readonly string[];
  readonly headers: Record<string, string>;
  /** Where to connect instead of what DNS says for the URL's host (`--resolve`). */
  readonly address: UpstreamAddress | undefined;
  /** Milliseconds to open the connection (TCP and TLS). */
  readonly connectTimeout: number;
  /** Milliseconds from the connection to upstream's answer. */
  readonly answerTimeout: number;
  /** The largest message accepted from upstream, in bytes. */
  readonly maxPayload: number;
  /** TLS settings for a `wss` upstream (a private CA). */
  readonly tls: UpstreamTls | undefined;
}

/** TLS settings of upstream WebSocket connections: `ca` trusts a private CA; `cert`/`key` present a client certificate. */
export type UpstreamTls = Pick<tls.ConnectionOptions, 'ca' | 'cert' | 'key' | 'rejectUnauthorized'>;

/** How the upstream handshake ended. */
export type UpstreamOutcome =
  /** A WebSocket, paused: nothing is read from it until the browser's side is ready. */
  | { readonly kind: 'open'; readonly socket: WebSocket; readonly answer: IncomingMessage }
  /** Upstream answered with another status than 101 (its body is discarded). */
  | { readonly kind: 'refused'; readonly answer: IncomingMessage }
  | { readonly kind: 'failed'; readonly status: 502 | 504; readonly reason: string };

/** A handshake under way: its outcome, and a way to give it up (the browser went away). */
export interface UpstreamAttempt {
  readonly outcome: Promise<UpstreamOutcome>;
  abort(): void;
}

/**
 * Opens the upstream WebSocket with `ws`. The first thing to happen decides the
 * outcome: `open` (paused), `refused` (a non-101 answer), or `failed` — 502 for a
 * connection or handshake error (an invalid answer, a subprotocol the browser did not
 * offer), 504 when the connection or the answer does not come in time. Everything the
 * attempt opened is closed unless it ends `open`.
 */
export function connectUpstream(target: UpstreamTarget): UpstreamAttempt {
  let settled = false;
  let timer: NodeJS.Timeout | undefined;
  let resolveOutcome!: (outcome: UpstreamOutcome) => void;
  const outcome = new Promise<UpstreamOutcome>((resolve) => (resolveOutcome = resolve));
  const settle = (result: UpstreamOutcome): boolean => {
    if (settled) return false;
    settled = true;
    clearTimeout(timer);
    resolveOutcome(result);
    return true;
  };

  let socket: WebSocket;
  const fail = (status: 502 | 504, reason: string) => {
    if (settle({ kind: 'failed', status, reason })) socket?.terminate();
  };
  const startTimer = (ms: number, reason: string) => {
    clearTimeout(timer);
    timer = setTimeout(() => fail(504, reason), ms);
  };

  try {
    socket = new WebSocket(target.url, [...target.protocols], {
      ...target.tls,
      headers: target.headers,
      autoPong: false, // pings are relayed end to end, so are their pongs
      followRedirects: false, // a redirect is the browser's to see (as a refusal)
      maxPayload: target.maxPayload,
      createConnection: connector(target.url.startsWith('wss:'), target.address, () => startTimer(target.answerTimeout, `no answer from upstream in ${target.answerTimeout} ms`)),
    });
  } catch (err) {
    // A URL or subprotocol `ws` refuses: nothing was opened.
    return { outcome: Promise.resolve({ kind: 'failed', status: 502, reason: messageOf(err) }), abort: () => {} };
  }
  startTimer(target.connectTimeout, `no connection to upstream in ${target.connectTimeout} ms`);

  let answer: IncomingMessage | undefined;
  socket.on('upgrade', (res) => {
    answer = res;
    clearTimeout(timer);
  });
  socket.on('open', () => {
    socket.pause();
    if (answer === undefined) fail(502, 'upstream opened without an answer');
    else settle({ kind: 'open', socket, answer });
  });
  socket.on('unexpected-response', (_req, res) => {
    if (settle({ kind: 'refused', answer: res })) socket.terminate();
  });
  // After `open` the relay listens; until then an error decides the outcome.
  socket.on('error', (err) => fail(502, messageOf(err)));

  return { outcome, abort: () => fail(502, 'the browser went away') };
}

/**
 * The `createConnection` of the upstream request: to the resolved address when there is
 * one (the URL's host still names `Host` and the TLS server name), and a call to
 * `connected` once the connection (with TLS, its handshake) is up.
 */
function connector(secure: boolean, address: UpstreamAddress | undefined, connected: () => void): typeof net.createConnection {
  const connect = (options: tls.ConnectionOptions & net.TcpNetConnectOpts): net.Socket => {
    const host = options.host ?? 'localhost';
    // `path` is the request path here: as a socket option it would name a Unix socket.
    const where = { ...options, path: undefined, ...(address && { host: address.address, port: address.port }) };
    if (!secure) return net.connect(where).once('connect', connected);
    const servername = options.servername || (net.isIP(host) === 0 ? host : undefined);
    return tls.connect({ ...where, servername }).once('secureConnect', connected);
  };
  return connect as unknown as typeof net.createConnection;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
