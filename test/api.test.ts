import { describe, expect, it } from 'vitest';
import { ConfigError, createRewriter, type RewriteEvent } from '../src/index.js';
import { runChunks } from './helpers/streams.js';

describe('createRewriter (the programmatic contract of DESIGN.md)', () => {
  const events: RewriteEvent[] = [];
  const rw = createRewriter({
    suffix: 'proxy.test',
    domains: ['example.com', '*.example.com'],
    publicScheme: 'http',
    publicPort: 8080,
    onEvent: (e) => events.push(e),
  });

  it('maps hosts and URLs both ways', () => {
    expect(rw.host('app.example.com')).toBe('app.example.com.proxy.test');
    expect(rw.host('other.org')).toBe('other.org');
    expect(rw.upstreamHost('app.example.com.proxy.test')).toBe('app.example.com');
    expect(rw.upstreamHost('evil.org.proxy.test')).toBeNull();
    expect(rw.url('https://app.example.com/a?b=1')).toBe('http://app.example.com.proxy.test:8080/a?b=1');
    expect(rw.url('https://other.org/')).toBe('https://other.org/');
    expect(rw.upstreamUrl('http://app.example.com.proxy.test:8080/a')).toBe('https://app.example.com/a');
  });

  it('has string helpers for every content type', () => {
    expect(rw.rewriteJson('{"u":"https://a.example.com/"}')).toBe('{"u":"http://a.example.com.proxy.test:8080/"}');
    expect(rw.rewriteJs('fetch("https://a.example.com/x")')).toBe('fetch("http://a.example.com.proxy.test:8080/x")');
    expect(rw.rewriteCss('a{background:url(https://a.example.com/i.png)}')).toBe('a{background:url(http://a.example.com.proxy.test:8080/i.png)}');
    expect(rw.rewriteHtml('<a href="https://a.example.com/">x</a>')).toBe('<a href="http://a.example.com.proxy.test:8080/">x</a>');
  });

  it('has Node Transform streams for every content type', async () => {
    const out = await runChunks(rw.js(), [Buffer.from('const u = "https://a.exa'), Buffer.from('mple.com/";')]);
    expect(out.toString()).toBe('const u = "http://a.example.com.proxy.test:8080/";');
    const html = await runChunks(rw.html(), [Buffer.from('<img src="//a.example.com/i.png">')]);
    expect(html.toString()).toBe('<img src="//a.example.com.proxy.test:8080/i.png">');
  });

  it('has Web TransformStream adapters', async () => {
    const input = new Blob(['{"u":"https://a.example.com/"}']).stream();
    const text = await new Response(input.pipeThrough(rw.webStream('json'))).text();
    expect(text).toBe('{"u":"http://a.example.com.proxy.test:8080/"}');
  });

  it('rewrites cookies and headers both ways', () => {
    expect(rw.setCookie('sid=1; Domain=.example.com; Path=/; Secure')).toBe('sid=1; Domain=.example.com.proxy.test; Path=/; Secure');
    expect(rw.setCookie('sid=1; Domain=com')).toBeNull();
    expect(events.some((e) => e.type === 'cookie-refused')).toBe(true);
    const res = rw.responseHeaders(
      { location: 'https://app.example.com/next', 'set-cookie': ['a=1; Domain=example.com', 'b=2'], 'alt-svc': 'h3=":443"', 'content-length': '10' },
      { bodyChanged: true },
    );
    expect(res).toEqual({ location: 'http://app.example.com.proxy.test:8080/next', 'set-cookie': ['a=1; Domain=example.com.proxy.test', 'b=2'] });
    const req = rw.requestHeaders({ host: 'app.example.com.proxy.test:8080', origin: 'http://app.example.com.proxy.test:8080', cookie: 'a=1' });
    expect(req).toEqual({ host: 'app.example.com', origin: 'https://app.example.com', cookie: 'a=1' });
    expect(rw.requestTarget('/cb?return=http%3A%2F%2Fapp.example.com.proxy.test%3A8080%2F')).toBe('/cb?return=https%3A%2F%2Fapp.example.com%2F');
  });

  it('refuses a configuration that would proxy a public suffix', () => {
    expect(() => createRewriter({ suffix: 'proxy.test', domains: ['*.co.uk'] })).toThrow(ConfigError);
  });
});

describe('Web streams for every kind', () => {
  const rw = createRewriter({ suffix: 'proxy.test', domains: ['*.example.com'] });
  it.each([
    ['html', '<a href="https://a.example.com/">x</a>', '<a href="https://a.example.com.proxy.test/">x</a>'],
    ['js', 'f("https://a.example.com/")', 'f("https://a.example.com.proxy.test/")'],
    ['css', 'a{b:url(https://a.example.com/i.png)}', 'a{b:url(https://a.example.com.proxy.test/i.png)}'],
    ['json', '["https://a.example.com/"]', '["https://a.example.com.proxy.test/"]'],
  ] as const)('%s', async (kind, input, output) => {
    const bytes = Buffer.from(input);
    const source = new ReadableStream<Uint8Array>({
      start(c) {
        // Two chunks split inside the host, to go through the stream's carry-over.
        c.enqueue(bytes.subarray(0, 14));
        c.enqueue(bytes.subarray(14));
        c.close();
      },
    });
    expect(await new Response(source.pipeThrough(rw.webStream(kind))).text()).toBe(output);
  });
});
