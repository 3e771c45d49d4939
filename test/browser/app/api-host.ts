import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { APP_ORIGIN, HOSTS, type Sessions } from './acme.js';
import type { HostRoute } from './host-server.js';

/** The CORS headers the API gives the app's origin (credentials allowed, so never `*`). */
const CORS = {
  'access-control-allow-origin': APP_ORIGIN,
  'access-control-allow-credentials': 'true',
  vary: 'Origin',
};

/**
 * The API host: a CORS API with credentials. It answers only the app's upstream origin
 * (the proxy maps `Origin` back) and only a signed-in user (the session cookie set for
 * `.acme.test` must reach it). A preflight comes first (the page sends a custom header).
 * Its JSON names upstream URLs, which the proxy maps forward.
 */
export function apiRoutes(sessions: Sessions): Record<string, HostRoute> {
  const preflight: HostRoute = (req, res) => {
    if (req.headers.origin !== APP_ORIGIN) return refuse(res, 403, `origin ${req.headers.origin}`);
    res.writeHead(204, { ...CORS, 'access-control-allow-methods': 'GET', 'access-control-allow-headers': 'x-requested-with', 'access-control-max-age': '0' }).end();
  };
  const signedIn = (answer: (user: string, url: URL) => unknown): HostRoute => (req, res, _body, url) => {
    if (req.headers.origin !== APP_ORIGIN) return refuse(res, 403, `origin ${req.headers.origin}`);
    const user = sessions.userOf(req);
    if (user === null) return refuse(res, 401, 'no session cookie', CORS);
    json(res, answer(user, url));
  };
  return {
    'OPTIONS /me': preflight,
    'GET /me': signedIn((user) => ({ user, origin: APP_ORIGIN })),
    'GET /items': signedIn((user, url) => ({
      user,
      items: Array.from({ length: Number(url.searchParams.get('n') ?? 1) }, (_, i) => ({ name: `Report ${i + 1}`, url: `http://${HOSTS.files}/files/report.docx?v=${i + 1}` })),
    })),
    // The service worker's own fetch: CORS without credentials (its default).
    'GET /sw-ping': (req, res) => {
      if (req.headers.origin !== APP_ORIGIN) return refuse(res, 403, `origin ${req.headers.origin}`);
      json(res, { pong: true, home: `${APP_ORIGIN}/` });
    },
  };
}

/**
 * The API's WebSocket at /ws: the handshake must come from the app's origin with the
 * session cookie; each JSON message is echoed with the user and an upstream URL.
 */
export function apiWebSocket(sessions: Sessions): (req: IncomingMessage, socket: Duplex, head: Buffer) => void {
  const wss = new WebSocketServer({ noServer: true });
  return (req, socket, head) => {
    const user = sessions.userOf(req);
    if (req.url !== '/ws' || req.headers.origin !== APP_ORIGIN || user === null) {
      socket.end(`HTTP/1.1 403 Forbidden\r\ncontent-type: text/plain\r\nconnection: close\r\n\r\norigin ${req.headers.origin}, user ${user}`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on('message', (data, isBinary) => {
        let echo: unknown = null;
        try {
          echo = isBinary ? null : JSON.parse(String(data));
        } catch {
          echo = String(data);
        }
        ws.send(JSON.stringify({ user, echo, next: `${APP_ORIGIN}/next` }));
      });
    });
  };
}

function refuse(res: ServerResponse, status: number, why: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/plain', ...headers }).end(why);
}

function json(res: ServerResponse, value: unknown): void {
  res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store', ...CORS }).end(JSON.stringify(value));
}
