import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { Rewriter } from '../../rewriter.js';
import type { ProxyTimeouts, UpstreamResolver } from '../options.js';
import { RUNTIME_PATH_PREFIX } from '../runtime/index.js';
import { upstreamTimeouts } from '../upstream/timeouts.js';
import { reportTo, type WebSocketEvent, type WebSocketEventListener } from './events.js';
import { answerOnSocket } from './raw-answer.js';
import { UpgradeExchange, type ExchangeSettings } from './upgrade-exchange.js';
import type { UpstreamTls } from './upstream-connect.js';

/** Options of {@link createUpgradeHandler}. */
export interface UpgradeOptions {
  /** The rewriter of the proxy: which hosts are proxied twins, the header and JSON rules, the upstream scheme (`wss` for `https`). */
  readonly rewriter: Rewriter;
  /** Upstream hosts sent elsewhere than DNS says (`--resolve`). */
  readonly resolve?: UpstreamResolver;
  /**
   * `connect` (TCP and TLS, default 10 s) and `headers` (from the connection to the
   * handshake's answer, default 30 s); past either the browser gets 504. `body` does not
   * apply: an open WebSocket may stay quiet for as long as its two ends like.
   */
  readonly timeouts?: ProxyTimeouts;
  /** The largest message taken from either side, in bytes; a larger one closes that side with 1009. Default 16 MiB. */
  readonly maxMessageBytes?: number;
  /** TLS settings of `wss` upstream connections: `ca` to trust a private CA (default: Node's CA list). */
  readonly upstreamTls?: UpstreamTls;
  /** Receives every report: refused and failed handshakes, connections broken by a failure. */
  readonly onEvent?: WebSocketEventListener;
}

/** `server.on('upgrade', handler)`. */
export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

export const DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

const NOT_PROXIED = 'This host is not served by this proxy.\n';

/**
 * WebSocket upgrades of a proxy: `server.on('upgrade', createUpgradeHandler({ rewriter }))`.
 *
 * Only proxied twins are served: any other `Host`, and the proxy's own `/__spr/` paths,
 * get 404 and nothing is contacted. A valid browser handshake is answered only once
 * upstream's is: upstream gets the browser's fields through the request header rules
 * (`Origin` mapped back, `Cookie` as it is) and the target with its query mapped back,
 * and is offered the browser's subprotocols; the browser's 101 answers the one upstream
 * chose (or none) and carries upstream's 101 fields through the response header rules
 * (`Set-Cookie`). Upstream refusing (403, 401, a redirect) gives the browser that status
 * with its fields rewritten; unreachable gives 502, too slow 504. Then messages are
 * relayed both ways (see `relayWebSockets`).
 */
export function createUpgradeHandler(options: UpgradeOptions): UpgradeHandler {
  const rw = options.rewriter;
  const settings: ExchangeSettings = {
    rewriter: rw,
    resolve: options.resolve,
    timeouts: upstreamTimeouts(options.timeouts),
    maxPayload: options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES,
    tls: options.upstreamTls,
    report: reportTo(options.onEvent),
  };
  const scheme = rw.context.hosts.map.upstreamScheme === 'https' ? 'wss' : 'ws';
  const exchanges = new WeakMap<IncomingMessage, UpgradeExchange>();

  const server = new WebSocketServer({
    noServer: true,
    clientTracking: false,
    autoPong: false, // pings are relayed end to end
    maxPayload: settings.maxPayload,
    handleProtocols: (_offered, req) => exchanges.get(req)?.protocol ?? false,
    // Called once `ws` has checked the browser's handshake: upstream is contacted only for a valid one.
    verifyClient: (info, accept) => {
      const exchange = exchanges.get(info.req);
      if (exchange === undefined) accept(false, 500);
      else exchange.verified(() => accept(true));
    },
  });
  server.on('headers', (lines: string[], req: IncomingMessage) => lines.push(...(exchanges.get(req)?.answerLines ?? [])));

  return (req, socket, head) => {
    const host = req.headers.host;
    const target = req.url ?? '';
    const refuse = (status: number, body: string, event: Pick<WebSocketEvent, 'type' | 'message'>) => {
      settings.report({ ...event, host, status });
      answerOnSocket(socket, status, body);
    };
    const upstreamHost = host === undefined ? null : rw.upstreamHost(host);
    if (upstreamHost === null || target.startsWith(RUNTIME_PATH_PREFIX)) {
      refuse(404, NOT_PROXIED, { type: 'websocket-not-proxied', message: `WebSocket to ${host ?? '(no Host)'}: not a proxied host or path` });
      return;
    }
    if (!target.startsWith('/')) {
      refuse(400, 'A WebSocket request target is a path.\n', { type: 'websocket-bad-request', message: `WebSocket request target ${JSON.stringify(target.slice(0, 100))} is not a path` });
      return;
    }
    const url = `${scheme}://${upstreamHost}${rw.requestTarget(target)}`;
    exchanges.set(req, new UpgradeExchange(settings, req, socket, url, upstreamHost));
    server.handleUpgrade(req, socket, head, (browser) => exchanges.get(req)?.opened(browser));
  };
}
