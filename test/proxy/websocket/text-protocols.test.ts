import { describe, expect, it } from 'vitest';
import { openPair, through } from './support.js';

// Text messages that are not plain JSON: Socket.IO/Engine.IO packets (a header, then JSON),
// STOMP frames and any other text. Expectations follow DESIGN rules 1–3 for the proxy's
// public origin http://…proxy.test:8080 (so https:// and wss:// become http:// and ws://
// on the twin, with the port), mapped back to upstream's http:// without a port.

/** The text `to` receives when `from` sends the text message `text`; it must arrive as text. */
async function relayed(from: Parameters<typeof through>[0], to: Parameters<typeof through>[1], text: string): Promise<string> {
  const { data, isBinary } = await through(from, to, text);
  expect(isBinary).toBe(false);
  return data.toString('utf8');
}

/** A message split at its JSON: the header as sent and the JSON as a value. */
function split(message: string, headerLength: number): { header: string; json: unknown } {
  return { header: message.slice(0, headerLength), json: JSON.parse(message.slice(headerLength)) };
}

describe('Socket.IO and Engine.IO packets', () => {
  it('rewrites the JSON of an event from upstream and keeps its header: URLs and whole-string hosts by the JSON rules', async () => {
    const { browser, server } = await openPair();
    const out = await relayed(server, browser, '42["chat",{"url":"https://app.example.com/x","host":"api.example.com","text":"app.example.com is down"}]');
    expect(split(out, 2)).toEqual({
      header: '42',
      json: ['chat', { url: 'http://app.example.com.proxy.test:8080/x', host: 'api.example.com.proxy.test', text: 'app.example.com is down' }],
    });
  });

  it('keeps a namespace and an ack id byte-identical: 42/admin,17[…]', async () => {
    const { browser, server } = await openPair();
    const out = await relayed(server, browser, '42/admin,17["x",{"feed":"wss://rt.example.com/feed","other":"https://elsewhere.org/x"}]');
    expect(split(out, '42/admin,17'.length)).toEqual({ header: '42/admin,17', json: ['x', { feed: 'ws://rt.example.com.proxy.test:8080/feed', other: 'https://elsewhere.org/x' }] });
  });

  it('reads the other headers Socket.IO writes: an ack, a binary event with its attachment count, a namespaced connect, Engine.IO open', async () => {
    const { browser, server } = await openPair();
    const cases: [header: string, json: unknown, expected: unknown][] = [
      ['43/chat,5', ['https://app.example.com/ok'], ['http://app.example.com.proxy.test:8080/ok']],
      ['451-', ['upload', { _placeholder: true, num: 0 }, 'https://api.example.com/f'], ['upload', { _placeholder: true, num: 0 }, 'http://api.example.com.proxy.test:8080/f']],
      ['40/admin,', { sid: 'abc', home: 'https://app.example.com/' }, { sid: 'abc', home: 'http://app.example.com.proxy.test:8080/' }],
      ['0', { sid: 'lv_VI97HAXpY6yYWAAAC', upgrades: [], pingInterval: 25000, pingTimeout: 20000, maxPayload: 1000000 }, { sid: 'lv_VI97HAXpY6yYWAAAC', upgrades: [], pingInterval: 25000, pingTimeout: 20000, maxPayload: 1000000 }],
    ];
    for (const [header, json, expected] of cases) {
      expect(split(await relayed(server, browser, header + JSON.stringify(json)), header.length)).toEqual({ header, json: expected });
    }
  });

  it('maps a packet from the browser back to upstream, header unchanged', async () => {
    const { browser, server } = await openPair();
    const out = await relayed(browser, server, '42/auth,3["login",{"redirect_uri":"http://app.example.com.proxy.test:8080/cb?x=1","host":"api.example.com.proxy.test","not_a_twin":"evil.org.proxy.test"}]');
    expect(split(out, '42/auth,3'.length)).toEqual({
      header: '42/auth,3',
      json: ['login', { redirect_uri: 'http://app.example.com/cb?x=1', host: 'api.example.com', not_a_twin: 'evil.org.proxy.test' }],
    });
  });

  it('leaves Engine.IO control packets as they are: ping, pong, probe', async () => {
    const { browser, server } = await openPair();
    for (const text of ['2', '3', '2probe', '3probe', '5', '6']) {
      expect(await relayed(server, browser, text)).toBe(text);
      expect(await relayed(browser, server, text)).toBe(text);
    }
  });
});

describe('STOMP frames and other text (the data rules over the whole message)', () => {
  const stomp = (command: string, headers: string[], body: string) => `${command}\n${headers.join('\n')}\n\n${body}\0`;

  it('rewrites URLs in a STOMP frame from upstream, in a header and in the JSON body', async () => {
    const { browser, server } = await openPair();
    const sent = stomp('MESSAGE', ['destination:/topic/orders', 'reply-to:https://app.example.com/queue/a', 'content-type:application/json'], '{"next":"https://api.example.com/v1/orders?page=2"}');
    expect(await relayed(server, browser, sent)).toBe(
      stomp('MESSAGE', ['destination:/topic/orders', 'reply-to:http://app.example.com.proxy.test:8080/queue/a', 'content-type:application/json'], '{"next":"http://api.example.com.proxy.test:8080/v1/orders?page=2"}'),
    );
  });

  it('maps a STOMP frame from the browser back to upstream', async () => {
    const { browser, server } = await openPair();
    const sent = stomp('SEND', ['destination:/queue/a', 'callback:http://app.example.com.proxy.test:8080/cb'], '{"u":"http://api.example.com.proxy.test:8080/v"}');
    expect(await relayed(browser, server, sent)).toBe(stomp('SEND', ['destination:/queue/a', 'callback:http://app.example.com/cb'], '{"u":"http://api.example.com/v"}'));
  });

  it('rewrites URLs in plain text from upstream, written out, with escaped slashes or percent-encoded', async () => {
    const { browser, server } = await openPair();
    const cases: [sent: string, expected: string][] = [
      ['see https://app.example.com/x', 'see http://app.example.com.proxy.test:8080/x'],
      ['//cdn.example.com/a.js and https://elsewhere.org/b', '//cdn.example.com.proxy.test:8080/a.js and https://elsewhere.org/b'],
      ['https:\\/\\/app.example.com\\/x', 'http:\\/\\/app.example.com.proxy.test:8080\\/x'],
      ['login at /sso?next=https%3A%2F%2Fapp.example.com%2Fhome', 'login at /sso?next=http%3A%2F%2Fapp.example.com.proxy.test%3A8080%2Fhome'],
      ['{not json https://api.example.com/}', '{not json http://api.example.com.proxy.test:8080/}'],
    ];
    for (const [sent, expected] of cases) expect(await relayed(server, browser, sent)).toBe(expected);
  });

  it('rewrites a message that is exactly a host, and maps it back', async () => {
    const { browser, server } = await openPair();
    expect(await relayed(server, browser, 'app.example.com')).toBe('app.example.com.proxy.test');
    expect(await relayed(server, browser, '.example.com')).toBe('.example.com.proxy.test');
    expect(await relayed(browser, server, 'app.example.com.proxy.test')).toBe('app.example.com');
  });

  it('maps proxied URLs in plain text from the browser back; a proxied-looking host that is no twin stays', async () => {
    const { browser, server } = await openPair();
    expect(await relayed(browser, server, 'see http://app.example.com.proxy.test:8080/x')).toBe('see http://app.example.com/x');
    expect(await relayed(browser, server, 'see http://evil.org.proxy.test/x')).toBe('see http://evil.org.proxy.test/x');
  });

  it('leaves e-mail addresses and hosts in prose alone (rule 3), both ways', async () => {
    const { browser, server } = await openPair();
    for (const text of ['mail me at user@example.com', 'app.example.com is down for maintenance', 'user@app.example.com.proxy.test wrote', 'true', '']) {
      expect(await relayed(server, browser, text)).toBe(text);
      expect(await relayed(browser, server, text)).toBe(text);
    }
  });

  it('reads text that starts with digits but is no packet by the data rules, without error', async () => {
    const { browser, server, proxy } = await openPair();
    const cases: [sent: string, expected: string][] = [
      ['42 apples', '42 apples'],
      ['42', '42'],
      ['42 apples at https://app.example.com/shop', '42 apples at http://app.example.com.proxy.test:8080/shop'],
      ['42["unterminated https://app.example.com/x', '42["unterminated http://app.example.com.proxy.test:8080/x'],
      ['42/admin["no comma","https://app.example.com/"]', '42/admin["no comma","http://app.example.com.proxy.test:8080/"]'],
    ];
    for (const [sent, expected] of cases) expect(await relayed(server, browser, sent)).toBe(expected);
    expect(proxy.events).toEqual([]);
  });

  it('passes binary messages byte-identical even when they look like packets or carry URLs', async () => {
    const { browser, server } = await openPair();
    for (const text of ['42["chat",{"url":"https://app.example.com/x"}]', 'see https://app.example.com/x', 'app.example.com']) {
      const bytes = Buffer.from(text);
      expect(await through(server, browser, bytes)).toEqual({ data: bytes, isBinary: true });
    }
    const proxied = Buffer.from('42["go","http://app.example.com.proxy.test:8080/cb"]');
    expect(await through(browser, server, proxied)).toEqual({ data: proxied, isBinary: true });
  });
});
