import { describe, expect, it } from 'vitest';
import type { Rewriter } from '../../../src/rewriter.js';
import { closed, connectOpen, openPair, startProxy, startUpstream, through } from './support.js';

const APP = 'app.example.com.proxy.test:8080';

describe('WebSocket messages through the proxy', () => {
  it('rewrites a JSON text message from upstream: protected URLs become proxied, others stay', async () => {
    const { browser, server } = await openPair();
    const { data, isBinary } = await through(server, browser, JSON.stringify({ next: 'https://api.example.com/v1/items?page=2', feed: 'wss://rt.example.com/feed', other: 'https://elsewhere.org/x' }));
    expect(isBinary).toBe(false);
    // The proxy's public origin is http://…:8080, so wss:// becomes ws:// on the twin.
    expect(JSON.parse(data.toString('utf8'))).toEqual({
      next: 'http://api.example.com.proxy.test:8080/v1/items?page=2',
      feed: 'ws://rt.example.com.proxy.test:8080/feed',
      other: 'https://elsewhere.org/x',
    });
  });

  it('rewrites a top-level JSON string message', async () => {
    const { browser, server } = await openPair();
    const { data } = await through(server, browser, '  "https://api.example.com/x"');
    expect(JSON.parse(data.toString('utf8'))).toBe('http://api.example.com.proxy.test:8080/x');
  });

  it('maps a JSON text message from the browser back to upstream', async () => {
    const { browser, server } = await openPair();
    const message = { redirect_uri: 'http://app.example.com.proxy.test:8080/cb?x=1', host: 'api.example.com.proxy.test', text: 'héllo ✓' };
    const { data, isBinary } = await through(browser, server, JSON.stringify(message));
    expect(isBinary).toBe(false);
    // Back to upstream URLs on the upstream scheme (http here).
    expect(JSON.parse(data.toString('utf8'))).toEqual({ redirect_uri: 'http://app.example.com/cb?x=1', host: 'api.example.com', text: 'héllo ✓' });
  });

  it('passes binary messages byte-identical, JSON-looking ones too', async () => {
    const { browser, server } = await openPair();
    const everyByte = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    const jsonBytes = Buffer.from('{"u":"https://api.example.com/x"}');
    for (const bytes of [everyByte, jsonBytes]) {
      expect(await through(server, browser, bytes)).toEqual({ data: bytes, isBinary: true });
      const proxied = Buffer.from('{"u":"https://api.example.com.proxy.test/x"}');
      expect(await through(browser, server, proxied)).toEqual({ data: proxied, isBinary: true });
    }
  });

  it('keeps the order of a burst of text and binary messages', async () => {
    const { browser, server } = await openPair();
    const received: string[] = [];
    const done = new Promise<void>((resolve) =>
      browser.on('message', (data: Buffer, isBinary: boolean) => {
        received.push(`${isBinary ? 'b' : 't'}:${data.toString()}`);
        if (received.length === 200) resolve();
      }),
    );
    const sent: string[] = [];
    for (let i = 0; i < 200; i++) {
      if (i % 2 === 0) server.send(Buffer.from(String(i)));
      else server.send(JSON.stringify([i]));
      sent.push(i % 2 === 0 ? `b:${i}` : `t:[${i}]`);
    }
    await done;
    expect(received).toEqual(sent);
  });

  it('relays close codes and reasons both ways', async () => {
    const a = await openPair();
    const browserSaw = closed(a.browser);
    a.server.close(4001, 'bye');
    expect(await browserSaw).toEqual({ code: 4001, reason: 'bye' });

    const b = await openPair();
    const upstreamSaw = closed(b.server);
    b.browser.close(4002, 'done');
    expect(await upstreamSaw).toEqual({ code: 4002, reason: 'done' });
    expect(b.proxy.events).toEqual([]);
  });

  it('relays a close without a code as one (1005 on the other side)', async () => {
    const { browser, server } = await openPair();
    const browserSaw = closed(browser);
    server.close();
    expect(await browserSaw).toEqual({ code: 1005, reason: '' });
  });

  // RFC 6455 §7.4.1: 1014 (Bad Gateway) for the browser when upstream fails; 1001 (Going Away) for upstream when the browser leaves.
  it.each([
    { dropped: 'upstream', code: 1014 },
    { dropped: 'browser', code: 1001 },
  ] as const)('closes the other side with $code when the $dropped drops the connection', async ({ dropped, code }) => {
    const { browser, server, proxy } = await openPair();
    const [gone, other] = dropped === 'upstream' ? [server, browser] : [browser, server];
    const otherSaw = closed(other);
    gone.terminate();
    expect((await otherSaw).code).toBe(code);
    expect(proxy.events).toMatchObject([{ type: 'websocket-broken', side: dropped }]);
  });

  it('relays pings and pongs end to end', async () => {
    const { browser, server } = await openPair();
    // The browser answers upstream's ping itself (as browsers do); the pong comes back through the proxy.
    const pong = new Promise<Buffer>((resolve) => server.once('pong', resolve));
    const ping = new Promise<Buffer>((resolve) => browser.once('ping', resolve));
    server.ping('are-you-there');
    expect((await ping).toString()).toBe('are-you-there');
    expect((await pong).toString()).toBe('are-you-there');
    const back = new Promise<Buffer>((resolve) => browser.once('pong', resolve));
    browser.ping('and-you');
    expect((await back).toString()).toBe('and-you');
  });

  it('closes a side that sends a message over the limit with 1009, and the other with 1001 or 1014', async () => {
    const a = await openPair({ maxMessageBytes: 64 * 1024 });
    const browserSaw = closed(a.browser);
    const upstreamSaw = closed(a.server);
    a.browser.send(Buffer.alloc(64 * 1024 + 1));
    expect((await browserSaw).code).toBe(1009);
    expect((await upstreamSaw).code).toBe(1001);

    const b = await openPair({ maxMessageBytes: 64 * 1024 });
    const browserSaw2 = closed(b.browser);
    b.server.send('x'.repeat(64 * 1024 + 1));
    expect((await browserSaw2).code).toBe(1014);
  });

  const bug = () => {
    throw new Error('rewriter bug');
  };
  /** A rewriter whose JSON rules throw, and one whose data rules for a string throw. */
  const breakers: { message: string; broken: (rw: Rewriter) => Rewriter }[] = [
    { message: '{"u":"https://api.example.com/"}', broken: (rw) => ({ ...rw, rewriteJson: bug }) },
    {
      message: 'see https://api.example.com/x',
      broken: (rw) => ({ ...rw, context: { ...rw.context, hosts: Object.create(rw.context.hosts, { codeString: { value: bug } }) as Rewriter['context']['hosts'] } }),
    },
  ];
  it.each(breakers)('closes both sides with 1011 rather than pass $message on unrewritten when rewriting fails', async ({ message, broken }) => {
    const upstream = await startUpstream();
    const base = await startProxy(upstream.port);
    const proxy = await startProxy(upstream.port, { rewriter: broken(base.rw) });
    const serverSocket = upstream.nextSocket();
    const { socket: browser } = await connectOpen(proxy.port, APP, '/live');
    const server = await serverSocket;
    const messages: Buffer[] = [];
    browser.on('message', (data: Buffer) => messages.push(data));
    const browserSaw = closed(browser);
    const upstreamSaw = closed(server);
    server.send(message);
    expect((await browserSaw).code).toBe(1011);
    expect((await upstreamSaw).code).toBe(1011);
    expect(messages).toEqual([]);
    expect(proxy.events).toMatchObject([{ type: 'websocket-broken', side: 'proxy' }]);
  });

  it('stops reading upstream while the browser does not read (backpressure), then delivers everything', async () => {
    const { browser, server } = await openPair({ maxMessageBytes: 2 * 1024 * 1024 });
    browser.pause(); // a browser tab that does not keep up
    const message = Buffer.alloc(1024 * 1024, 0xab);
    const count = 256;
    // One message at a time, each once the previous one left upstream's socket, until one stays.
    const flushed = () => new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 1000);
      server.send(message, () => (clearTimeout(timer), resolve(true)));
    });
    let sent = 0;
    while (sent < count && (await flushed())) sent++;
    // Loopback TCP buffers (at most 4 MiB to send and 32 MiB to receive per connection here)
    // and the proxy's own 1 MiB queue hold far less than 128 MiB; a proxy that kept reading
    // would have taken all 256 MiB into its memory.
    expect(sent).toBeLessThan(128);
    let received = 0;
    let intact = true;
    const all = new Promise<void>((resolve) =>
      browser.on('message', (data: Buffer) => {
        intact &&= data.equals(message);
        if (++received === count) resolve();
      }),
    );
    for (let i = sent + 1; i < count; i++) server.send(message);
    browser.resume();
    await all;
    expect(intact).toBe(true);
  });
});
