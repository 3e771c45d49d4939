import { once } from 'node:events';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { close, listen, startHandler } from './support.js';

// The handler's `upgrade` is the WebSocket proxy (src/proxy/websocket): mounted with
// `server.on('upgrade', handler.upgrade)`, it serves proxied twins and nothing else.

let upstream: http.Server;
let proxy: Awaited<ReturnType<typeof startHandler>>;
const hosts: (string | undefined)[] = [];
const received: string[] = [];

beforeAll(async () => {
  upstream = http.createServer();
  const wss = new WebSocketServer({ server: upstream });
  wss.on('connection', (socket, req) => {
    hosts.push(req.headers.host);
    socket.on('message', (data, isBinary) => {
      received.push(String(data));
      socket.send(data, { binary: isBinary });
    });
  });
  proxy = await startHandler(await listen(upstream));
});
afterAll(async () => {
  await proxy.close();
  await close(upstream);
});

const open = (host: string) => new WebSocket(`ws://127.0.0.1:${proxy.port}/live`, { headers: { host }, origin: 'http://app.acme-docs.com.proxy.test' });

describe('WebSocket upgrades', () => {
  it('reach upstream for a proxied host, with JSON text mapped both ways', async () => {
    const ws = open('app.acme-docs.com.proxy.test');
    await once(ws, 'open');
    ws.send(JSON.stringify({ link: 'http://app.acme-docs.com.proxy.test/doc' }));
    const [data] = (await once(ws, 'message')) as [Buffer];
    // Upstream got the upstream URL and echoed it; the browser gets the proxied one back.
    expect(JSON.parse(data.toString())).toEqual({ link: 'http://app.acme-docs.com.proxy.test/doc' });
    expect(hosts).toEqual(['app.acme-docs.com']);
    expect(received.map((m) => JSON.parse(m))).toEqual([{ link: 'http://app.acme-docs.com/doc' }]);
    ws.close();
    await once(ws, 'close');
  });

  it('are refused with 404 for a host that is no proxied twin', async () => {
    const ws = open('evil.org.proxy.test');
    const [, res] = (await once(ws, 'unexpected-response')) as [unknown, http.IncomingMessage];
    expect(res.statusCode).toBe(404);
    expect(hosts).toHaveLength(1);
  });
});
