import { describe, expect, it } from 'vitest';
import { rewriteEntry } from '../../../src/har/session/index.js';
import { entry, header, testRun } from './helpers.js';

// What the browser sends the proxy: it is on the proxied origin, so the request URL,
// Host, Origin and Referer name proxied twins (DESIGN "Host mapping"; Fetch: Origin and
// Referer are the document's own origin and URL), nested URLs in the query are proxied
// in their own encoding (DESIGN rule 2), cookies come back exactly as the browser stored
// them (RFC 6265bis §5.7), and bodies are what the rewritten page posts.

describe('rewriteEntry: the request the browser sends the proxy', () => {
  it('proxies the URL, Host, Origin and Referer; keeps Cookie and every other header', async () => {
    const run = testRun();
    const captured = entry({
      url: 'https://app.example.com/login?next=https%3A%2F%2Fapp.example.com%2Fhome&q=a+b',
      requestHeaders: [
        ['Host', 'app.example.com'],
        ['Origin', 'https://app.example.com'],
        ['Referer', 'https://www.example.com/start?x=1'],
        ['Cookie', 'sid=abc; pref=app.example.com'],
        ['User-Agent', 'Mozilla/5.0'],
      ],
    });
    const out = await rewriteEntry(captured, run);
    expect(out.request.url).toBe('https://app.example.com.proxy.test/login?next=https%3A%2F%2Fapp.example.com.proxy.test%2Fhome&q=a+b');
    expect(header(out.request.headers, 'host')).toBe('app.example.com.proxy.test');
    expect(header(out.request.headers, 'origin')).toBe('https://app.example.com.proxy.test');
    expect(header(out.request.headers, 'referer')).toBe('https://www.example.com.proxy.test/start?x=1');
    expect(header(out.request.headers, 'cookie')).toBe('sid=abc; pref=app.example.com');
    expect(out.request.headers[4]).toBe(captured.request.headers[4]);
    expect(out.request.headersSize).toBe(-1);
    expect(captured.request.url).toBe('https://app.example.com/login?next=https%3A%2F%2Fapp.example.com%2Fhome&q=a+b');
  });

  it("carries the proxy's public scheme and port in the URL, Host and Origin", async () => {
    const run = testRun({ rewriter: { suffix: 'proxy.test', domains: ['example.com', '*.example.com'], publicScheme: 'http', publicPort: 8080 } });
    const out = await rewriteEntry(entry({ url: 'https://app.example.com/a', requestHeaders: [['Host', 'app.example.com'], ['Origin', 'https://app.example.com']] }), run);
    expect(new URL(out.request.url).href).toBe('http://app.example.com.proxy.test:8080/a');
    expect(header(out.request.headers, 'host')).toBe('app.example.com.proxy.test:8080');
    expect(new URL(header(out.request.headers, 'origin') as string).origin).toBe('http://app.example.com.proxy.test:8080');
  });

  it('maps HTTP/2 pseudo-headers with the URL, and leaves an opaque Origin', async () => {
    const run = testRun();
    const out = await rewriteEntry(
      entry({
        url: 'https://app.example.com/cb?return=https://www.example.com/',
        requestHeaders: [[':method', 'GET'], [':authority', 'app.example.com'], [':scheme', 'https'], [':path', '/cb?return=https://www.example.com/'], ['origin', 'null']],
      }),
      run,
    );
    expect(header(out.request.headers, ':authority')).toBe('app.example.com.proxy.test');
    expect(header(out.request.headers, ':scheme')).toBe('https');
    expect(header(out.request.headers, ':path')).toBe('/cb?return=https://www.example.com.proxy.test/');
    expect(header(out.request.headers, 'origin')).toBe('null');
  });

  it('reads queryString from the new URL, in the spelling the capture used', async () => {
    const run = testRun();
    const url = 'https://app.example.com/sso?return=https%3A%2F%2Fapp.example.com%2Fdone&user=jo+doe&plain=x';
    const raw = await rewriteEntry(entry({ url, queryString: [{ name: 'return', value: 'https%3A%2F%2Fapp.example.com%2Fdone' }, { name: 'user', value: 'jo+doe' }, { name: 'plain', value: 'x' }] }), run);
    expect(raw.request.queryString.map((p) => p.value)).toEqual(['https%3A%2F%2Fapp.example.com.proxy.test%2Fdone', 'jo+doe', 'x']);
    const decoded = await rewriteEntry(entry({ url, queryString: [{ name: 'return', value: 'https://app.example.com/done' }, { name: 'user', value: 'jo doe' }] }), run);
    expect(decoded.request.queryString).toEqual([{ name: 'return', value: 'https://app.example.com.proxy.test/done' }, { name: 'user', value: 'jo doe' }]);
    // Whatever the spelling, the list says what the URL says.
    const query = new URL(decoded.request.url).searchParams;
    expect(query.get('return')).toBe(decoded.request.queryString[0].value);
  });

  it('maps form fields forward and writes a changed field as the form serializer does', async () => {
    const run = testRun();
    const text = 'redirect_uri=https%3A%2F%2Fapp.example.com%2Fcb&name=J%C3%BCrgen+X&email=user%40example.com&host=app.example.com';
    const out = await rewriteEntry(
      entry({
        method: 'POST',
        url: 'https://login.example.com/authorize',
        postData: { mimeType: 'application/x-www-form-urlencoded', text, params: [{ name: 'redirect_uri', value: 'https%3A%2F%2Fapp.example.com%2Fcb' }, { name: 'email', value: 'user%40example.com' }] },
      }),
      run,
    );
    const body = new URLSearchParams(out.request.postData?.text as string);
    expect(body.get('redirect_uri')).toBe('https://app.example.com.proxy.test/cb');
    // An e-mail address and text are no URL: they stay (DESIGN rule 3).
    expect(body.get('email')).toBe('user@example.com');
    expect(body.get('name')).toBe('Jürgen X');
    // A whole-string host, as a rewritten page's script holds it.
    expect(body.get('host')).toBe('app.example.com.proxy.test');
    expect(out.request.postData?.text).toContain('name=J%C3%BCrgen+X&email=user%40example.com');
    expect(out.request.postData?.params).toEqual([{ name: 'redirect_uri', value: 'https%3A%2F%2Fapp.example.com.proxy.test%2Fcb' }, { name: 'email', value: 'user%40example.com' }]);
    expect(out.request.bodySize).toBe(Buffer.byteLength(out.request.postData?.text as string));
  });

  it('maps JSON bodies with the JSON rules, and parsed JSON some exporters put in params', async () => {
    const run = testRun();
    const text = JSON.stringify({ callback: 'https://app.example.com/cb', host: 'app.example.com', note: 'see app.example.com docs' });
    const out = await rewriteEntry(
      entry({ method: 'POST', url: 'https://api.example.com/v1/hooks', postData: { mimeType: 'application/json; charset=utf-8', text, params: [{ name: '0', value: { u: 'https://app.example.com/' } as unknown as string }] } }),
      run,
    );
    expect(JSON.parse(out.request.postData?.text as string)).toEqual({ callback: 'https://app.example.com.proxy.test/cb', host: 'app.example.com.proxy.test', note: 'see app.example.com docs' });
    expect(out.request.postData?.params?.[0].value).toEqual({ u: 'https://app.example.com.proxy.test/' });
  });

  it('maps multipart text fields; file parts are the user\'s bytes', async () => {
    const run = testRun();
    const b = '----WebKitFormBoundaryQ9a';
    const text = [
      `--${b}`, 'Content-Disposition: form-data; name="site"', '', 'https://app.example.com/x',
      `--${b}`, 'Content-Disposition: form-data; name="doc"; filename="notes.txt"', 'Content-Type: text/plain', '', 'https://app.example.com/secret',
      `--${b}--`, '',
    ].join('\r\n');
    const out = await rewriteEntry(
      entry({
        method: 'POST',
        url: 'https://app.example.com/upload',
        postData: { mimeType: `multipart/form-data; boundary=${b}`, text, params: [{ name: 'site', value: 'https://app.example.com/x' }, { name: 'doc', fileName: 'notes.txt', value: 'https://app.example.com/secret' }] },
      }),
      run,
    );
    expect(out.request.postData?.text).toBe(text.replace('\r\n\r\nhttps://app.example.com/x', '\r\n\r\nhttps://app.example.com.proxy.test/x'));
    expect(out.request.postData?.params?.map((p) => p.value)).toEqual(['https://app.example.com.proxy.test/x', 'https://app.example.com/secret']);
  });

  it('leaves other body types as captured', async () => {
    const run = testRun();
    const postData = { mimeType: 'text/plain', text: 'https://app.example.com/' };
    const out = await rewriteEntry(entry({ method: 'POST', url: 'https://app.example.com/log', postData }), run);
    expect(out.request.postData).toBe(postData);
  });

  it('returns entries of hosts that are not protected exactly as they were', async () => {
    const run = testRun();
    const captured = entry({ url: 'https://cdn.other.net/lib.js?from=https://app.example.com/', requestHeaders: [['Host', 'cdn.other.net'], ['Referer', 'https://app.example.com/']], text: 'fetch("https://app.example.com/")', mimeType: 'text/javascript', headers: [['Content-Type', 'text/javascript']] });
    const copy = structuredClone(captured);
    const out = await rewriteEntry(captured, run);
    expect(out).toBe(captured);
    expect(out).toEqual(copy);
    // Look-alike hosts are not protected either (DESIGN "Host mapping").
    for (const url of ['https://example.com.evil.org/', 'https://notexample.com/', 'https://app.example.com.proxy.test/']) {
      const e = entry({ url });
      expect(await rewriteEntry(e, run)).toBe(e);
    }
    expect(run.stats.summary().entries).toEqual({ total: 4, proxied: 0, changed: 0 });
  });
});
