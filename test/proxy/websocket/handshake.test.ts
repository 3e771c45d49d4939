import { once } from 'node:events';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { makeTestPki } from '../handler/tls-support.js';
import { connect, connectOpen, freePort, startProxy, startSilentServer, startUpstream, through } from './support.js';

const APP = 'app.example.com.proxy.test:8080';

describe('WebSocket handshake through the proxy', () => {
  it('refuses a host that is no proxied twin with 404, contacting nothing', async () => {
    const upstream = await startUpstream();
    const proxy = await startProxy(upstream.port);
    // An unproxied host, a proxied-looking host of an unprotected domain, the upstream host itself, and none of ours.
    for (const host of ['evil.org.proxy.test:8080', 'app.example.com', 'localhost', '127.0.0.1:8080']) {
      const result = await connect(proxy.port, host, '/socket');
      expect(result).toMatchObject({ kind: 'status', status: 404 });
    }
    expect(upstream.connections()).toBe(0);
    expect(proxy.events.map((e) => e.type)).toEqual(Array(4).fill('websocket-not-proxied'));
  });

  it("keeps the proxy's own /__spr/ paths from upstream (404)", async () => {
    const upstream = await startUpstream();
    const proxy = await startProxy(upstream.port);
    expect(await connect(proxy.port, APP, '/__spr/activity')).toMatchObject({ kind: 'status', status: 404 });
    expect(upstream.connections()).toBe(0);
  });

  it('answers an invalid browser handshake itself (400), contacting nothing', async () => {
    const upstream = await startUpstream();
    const proxy = await startProxy(upstream.port);
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: proxy.port, path: '/socket', headers: { host: APP, connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13' } });
      req.on('response', (res) => resolve(res.statusCode ?? 0));
      req.on('error', reject);
      req.end();
    });
    // No Sec-WebSocket-Key: not a WebSocket handshake (RFC 6455 §4.2.1).
    expect(status).toBe(400);
    expect(upstream.connections()).toBe(0);
  });

  it('sends upstream the mapped-back Host, Origin, Referer and query; Cookie and other fields as they are', async () => {
    const upstream = await startUpstream();
    const proxy = await startProxy(upstream.port);
    const back = encodeURIComponent('http://app.example.com.proxy.test:8080/home?tab=1');
    await connectOpen(proxy.port, APP, `/socket?return=${back}&plain=1`, {
      origin: 'http://app.example.com.proxy.test:8080',
      headers: { referer: 'http://app.example.com.proxy.test:8080/page', cookie: 'sid=abc; theme=dark', 'x-client': 'yes', 'proxy-authorization': 'Basic eHg6eXk=' },
    });
    const seen = upstream.handshakes[0];
    // The upstream origin (upstream scheme http), as a browser talking to upstream directly would send it.
    expect(seen.headers.origin).toBe('http://app.example.com');
    expect(seen.headers.referer).toBe('http://app.example.com/page');
    expect(seen.headers.host).toBe('app.example.com');
    expect(seen.headers.cookie).toBe('sid=abc; theme=dark');
    expect(seen.headers['x-client']).toBe('yes');
    // Meant for this proxy, not the next hop (RFC 9110 §11.7.2).
    expect(seen.headers['proxy-authorization']).toBeUndefined();
    expect(seen.url).toBe(`/socket?return=${encodeURIComponent('http://app.example.com/home?tab=1')}&plain=1`);
  });

  it('offers upstream the browser subprotocols and answers the one upstream picked', async () => {
    const upstream = await startUpstream({ handleProtocols: (offered) => (offered.has('chat.v1') ? 'chat.v1' : false) });
    const proxy = await startProxy(upstream.port);
    const { socket } = await connectOpen(proxy.port, APP, '/chat', { protocols: ['chat.v2', 'chat.v1'] });
    expect(upstream.handshakes[0].headers['sec-websocket-protocol']).toBe('chat.v2,chat.v1');
    expect(socket.protocol).toBe('chat.v1');
  });

  it('answers no subprotocol when the browser offered none', async () => {
    const upstream = await startUpstream({ handleProtocols: () => 'chat.v1' });
    const proxy = await startProxy(upstream.port);
    const { socket, headers } = await connectOpen(proxy.port, APP, '/chat');
    expect(upstream.handshakes[0].headers['sec-websocket-protocol']).toBeUndefined();
    expect(socket.protocol).toBe('');
    expect(headers['sec-websocket-protocol']).toBeUndefined();
  });

  it('fails the handshake when upstream picks none of the offered subprotocols, as a browser would', async () => {
    // WHATWG WebSockets, "establish a WebSocket connection": protocols requested and none in the answer → fail.
    const upstream = await startUpstream({ handleProtocols: () => false });
    const proxy = await startProxy(upstream.port);
    const result = await connect(proxy.port, APP, '/chat', { protocols: ['chat.v2'] });
    expect(result).toMatchObject({ kind: 'status', status: 502 });
    expect(proxy.events).toMatchObject([{ type: 'websocket-upstream-failed', status: 502 }]);
  });

  it("rewrites Set-Cookie of upstream's 101 into the browser's 101", async () => {
    const upstream = await startUpstream({ answerHeaders: ['Set-Cookie: ws_sid=42; Domain=example.com; Path=/; HttpOnly', 'X-Upstream: kept'] });
    const proxy = await startProxy(upstream.port);
    const { headers } = await connectOpen(proxy.port, APP, '/socket');
    // Domain=example.com would be refused by the browser on the proxied host (RFC 6265 §5.3 step 6): it names the twin.
    expect(headers['set-cookie']).toEqual(['ws_sid=42; Domain=example.com.proxy.test; Path=/; HttpOnly']);
    expect(headers['x-upstream']).toBe('kept');
  });

  it('gives the browser the status of an upstream that refuses the upgrade, its cookies rewritten', async () => {
    const upstream = await startUpstream({
      verifyClient: (_info, done) => done(false, 403, 'Forbidden', { 'Set-Cookie': 'denied=1; Domain=example.com', Location: 'https://login.example.com/' }),
    });
    const proxy = await startProxy(upstream.port);
    const result = await connect(proxy.port, APP, '/socket');
    expect(result).toMatchObject({ kind: 'status', status: 403 });
    if (result.kind !== 'status') return;
    expect(result.headers['set-cookie']).toEqual(['denied=1; Domain=example.com.proxy.test']);
    expect(result.headers.location).toBe('http://login.example.com.proxy.test:8080/');
    expect(proxy.events).toMatchObject([{ type: 'websocket-refused', status: 403, url: 'ws://app.example.com/socket' }]);
  });

  it('gives 401 for an upstream 401', async () => {
    const upstream = await startUpstream({ verifyClient: (_info, done) => done(false, 401, 'Unauthorized', { 'WWW-Authenticate': 'Bearer' }) });
    const proxy = await startProxy(upstream.port);
    const result = await connect(proxy.port, APP, '/socket');
    expect(result).toMatchObject({ kind: 'status', status: 401, headers: { 'www-authenticate': 'Bearer' } });
  });

  it('answers 502 when upstream cannot be reached', async () => {
    const proxy = await startProxy(await freePort());
    const result = await connect(proxy.port, APP, '/socket');
    expect(result).toMatchObject({ kind: 'status', status: 502 });
    expect(proxy.events).toMatchObject([{ type: 'websocket-upstream-failed', status: 502 }]);
  });

  it('answers 504 when upstream accepts the connection and never answers', async () => {
    const silent = await startSilentServer();
    const proxy = await startProxy(silent.port, { timeouts: { headers: 300 } });
    const result = await connect(proxy.port, APP, '/socket');
    expect(result).toMatchObject({ kind: 'status', status: 504 });
    expect(proxy.events).toMatchObject([{ type: 'websocket-upstream-failed', status: 504 }]);
  });

  it('answers 502 when the resolver throws, and keeps serving', async () => {
    const upstream = await startUpstream();
    let calls = 0;
    const resolve = (host: string) => {
      if (calls++ === 0) throw new Error(`no address for ${host}`);
      return { address: '127.0.0.1', port: upstream.port };
    };
    const proxy = await startProxy(upstream.port, { resolve });
    expect(await connect(proxy.port, APP, '/socket')).toMatchObject({ kind: 'status', status: 502 });
    expect(await connect(proxy.port, APP, '/socket')).toMatchObject({ kind: 'open' });
  });

  it('closes the upstream connection when the browser leaves during the handshake', async () => {
    const silent = await startSilentServer();
    const proxy = await startProxy(silent.port, { timeouts: { headers: 60_000 } });
    const browser = net.connect(proxy.port, '127.0.0.1');
    browser.on('error', () => {});
    browser.write(`GET /socket HTTP/1.1\r\nHost: ${APP}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`);
    const upstreamSide = await silent.nextSocket();
    browser.destroy();
    await once(upstreamSide, 'close');
    expect(upstreamSide.destroyed).toBe(true);
    // The browser left: no answer, and no upstream failure to report.
    expect(proxy.events).toEqual([]);
  });

  describe('to a wss upstream', () => {
    const pki = makeTestPki(); // its upstream certificate is for *.acme-docs.com, issued by its CA
    const acme = async (upstreamTls?: { ca: string }) => {
      const upstream = await startUpstream({ tls: { key: pki.upstreamKey, cert: pki.upstreamCert } });
      const at = `127.0.0.1:${upstream.port}`;
      const proxy = await startProxy(upstream.port, { resolve: { '*.acme-docs.com': at }, upstreamTls }, { domains: ['acme-docs.com', '*.acme-docs.com'], upstreamScheme: 'https' });
      return { upstream, proxy };
    };

    it('connects with TLS to the resolved address, naming the upstream host (SNI, Host) and origin', async () => {
      const { upstream, proxy } = await acme({ ca: pki.ca });
      const server = upstream.nextSocket();
      const { socket } = await connectOpen(proxy.port, 'app.acme-docs.com.proxy.test:8080', '/live', { origin: 'http://app.acme-docs.com.proxy.test:8080' });
      expect(upstream.handshakes[0]).toMatchObject({ servername: 'app.acme-docs.com', headers: { host: 'app.acme-docs.com', origin: 'https://app.acme-docs.com' } });
      const { data } = await through(await server, socket, '{"u":"https://app.acme-docs.com/x"}');
      expect(data.toString()).toBe('{"u":"http://app.acme-docs.com.proxy.test:8080/x"}');
    });

    it('answers 502 for an upstream certificate it cannot trust', async () => {
      const { upstream, proxy } = await acme();
      expect(await connect(proxy.port, 'app.acme-docs.com.proxy.test:8080', '/live')).toMatchObject({ kind: 'status', status: 502 });
      expect(upstream.handshakes).toEqual([]);
    });
  });
});
