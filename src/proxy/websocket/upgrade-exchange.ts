import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type WebSocket from 'ws';
import type { Rewriter } from '../../rewriter.js';
import type { UpstreamResolver } from '../options.js';
import { resolveUpstream } from '../upstream/resolve.js';
import type { UpstreamTimeouts } from '../upstream/timeouts.js';
import type { WebSocketEvent } from './events.js';
import { browserAnswerHeaders, switchingProtocolLines, upstreamHandshakeHeaders } from './handshake-headers.js';
import { answerOnSocket } from './raw-answer.js';
import { relayWebSockets } from './relay.js';
import { connectUpstream, type UpstreamAttempt, type UpstreamOutcome, type UpstreamTarget, type UpstreamTls } from './upstream-connect.js';

/** What every exchange of one upgrade handler shares. */
export interface ExchangeSettings {
  readonly rewriter: Rewriter;
  readonly resolve: UpstreamResolver | undefined;
  readonly timeouts: UpstreamTimeouts;
  readonly maxPayload: number;
  readonly tls: UpstreamTls | undefined;
  readonly report: (event: WebSocketEvent) => void;
}

/**
 * One browser upgrade on its way to a relayed WebSocket. The `ws` server drives it:
 * `verified` once the browser's handshake is valid (upstream is contacted now, and the
 * browser is answered from upstream's outcome), `protocol` and `answerLines` for the
 * browser's 101, `opened` with the browser's WebSocket.
 */
export class UpgradeExchange {
  /** The subprotocol upstream chose, answered to the browser (`false`: none). */
  protocol: string | false = false;
  /** Upstream's 101 fields, rewritten, for the browser's 101. */
  answerLines: string[] = [];
  private upstream: WebSocket | null = null;
  private attempt: UpstreamAttempt | null = null;
  private relayed = false;
  /** The browser's connection is gone: nobody to answer. */
  private left = false;

  constructor(
    private readonly settings: ExchangeSettings,
    private readonly req: IncomingMessage,
    private readonly socket: Duplex,
    /** The upstream URL: `ws(s)://upstream-host/target` with the query mapped back. */
    private readonly url: string,
    private readonly upstreamHost: string,
  ) {
    // The browser may leave while upstream is contacted, or `ws` may find the socket closed when accepting.
    socket.once('close', () => {
      this.left = true;
      if (this.relayed) return;
      this.attempt?.abort();
      this.upstream?.terminate();
    });
    // Reading is what notices a browser that leaves; a browser sends nothing before the 101 (RFC 6455 §4.1).
    socket.on('data', this.leave);
    socket.on('end', this.leave);
  }

  private readonly leave = (): void => {
    this.socket.destroy();
  };

  verified(accept: () => void): void {
    const target = this.target();
    if (typeof target === 'string') {
      // A resolver that throws: this request fails, the proxy goes on.
      this.answer({ kind: 'failed', status: 502, reason: target });
      return;
    }
    this.attempt = connectUpstream(target);
    this.attempt.outcome.then((outcome) => {
      if (outcome.kind !== 'open') {
        this.answer(outcome);
        return;
      }
      this.upstream = outcome.socket;
      if (this.socket.destroyed) {
        outcome.socket.terminate();
        return;
      }
      this.protocol = outcome.socket.protocol || false;
      // `ws` reads the socket from now on, in the same tick: no byte is lost between the two readers.
      this.socket.off('data', this.leave);
      this.socket.off('end', this.leave);
      const fields = browserAnswerHeaders(this.settings.rewriter, outcome.answer.rawHeaders);
      this.answerLines = switchingProtocolLines(fields, (name) => this.report({ type: 'websocket-header-dropped', message: `${this.url}: ${name} of upstream's 101 is not UTF-8, left out of the browser's 101` }));
      accept();
    });
  }

  opened(browser: WebSocket): void {
    const upstream = this.upstream;
    if (upstream === null) {
      browser.terminate();
      return;
    }
    this.relayed = true;
    relayWebSockets(this.settings.rewriter, browser, upstream, (side, message) => this.report({ type: 'websocket-broken', side, message: `${this.url}: ${message}` }));
  }

  private target(): UpstreamTarget | string {
    const { rewriter, resolve, timeouts, maxPayload, tls } = this.settings;
    try {
      return {
        url: this.url,
        protocols: offeredProtocols(this.req),
        headers: upstreamHandshakeHeaders(rewriter, this.req.rawHeaders),
        address: resolveUpstream(resolve, this.upstreamHost, this.url.startsWith('wss:') ? 443 : 80),
        connectTimeout: timeouts.connect,
        answerTimeout: timeouts.headers,
        maxPayload,
        tls,
      };
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    }
  }

  private answer(outcome: Exclude<UpstreamOutcome, { kind: 'open' }>): void {
    if (this.left) return;
    if (outcome.kind === 'refused') {
      const status = outcome.answer.statusCode ?? 502;
      this.report({ type: 'websocket-refused', status, message: `${this.url}: upstream answered the handshake with ${status}` });
      answerOnSocket(this.socket, status, '', browserAnswerHeaders(this.settings.rewriter, outcome.answer.rawHeaders));
    } else {
      this.report({ type: 'websocket-upstream-failed', status: outcome.status, message: `${this.url}: ${outcome.reason}` });
      answerOnSocket(this.socket, outcome.status, outcome.status === 504 ? 'The upstream server did not answer in time.\n' : 'The upstream server could not be reached, or broke off the WebSocket handshake.\n');
    }
  }

  private report(event: Omit<WebSocketEvent, 'host' | 'url'>): void {
    this.settings.report({ ...event, host: this.req.headers.host, url: this.url });
  }
}

/** The subprotocols the browser offered (`ws` has checked the field's syntax), in its order. */
function offeredProtocols(req: IncomingMessage): string[] {
  const field = req.headers['sec-websocket-protocol'];
  if (field === undefined) return [];
  return field
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
}
