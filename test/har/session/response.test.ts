import { readFileSync } from 'node:fs';
import { Cookie } from 'tough-cookie';
import { describe, expect, it } from 'vitest';
import { isSpilledText, type SpilledText } from '../../../src/har/har-types.js';
import { rewriteEntry } from '../../../src/har/session/index.js';
import { entry, header, spilled, testRun } from './helpers.js';

// What the browser gets from the proxy: the response head through the header rules
// (DESIGN §5, §6), the body rewritten by type when the pipeline rewrites that type and
// untouched otherwise, HAR's view of it (decoded text, base64 for bytes) kept.

const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89]), Buffer.from('https://app.example.com/')]);

describe('rewriteEntry: the response the browser gets from the proxy', () => {
  it('rewrites Location, CSP, Link and Set-Cookie; drops what the rewritten body makes false', async () => {
    const run = testRun();
    const out = await rewriteEntry(
      entry({
        url: 'https://app.example.com/',
        status: 200,
        headers: [
          ['Content-Type', 'text/html; charset=utf-8'],
          ['Content-Length', '52'],
          ['ETag', '"v1"'],
          ['Content-Security-Policy', "default-src 'self' https://*.example.com; img-src https://cdn.other.net"],
          ['Link', '<https://static.example.com/app.css>; rel=preload; as=style'],
          ['Set-Cookie', 'sid=1; Domain=.example.com; Path=/; Secure; HttpOnly'],
          ['Set-Cookie', 'own=2; Path=/'],
          ['Alt-Svc', 'h3=":443"'],
          ['Connection', 'keep-alive'],
          ['X-Custom', 'https://app.example.com/ stays: no URL header'],
        ],
        text: '<a href="https://app.example.com/next">next</a>',
      }),
      run,
    );
    const h = out.response.headers;
    expect(header(h, 'content-security-policy')).toBe("default-src 'self' https://*.example.com.proxy.test; img-src https://cdn.other.net");
    expect(header(h, 'link')).toBe('<https://static.example.com.proxy.test/app.css>; rel=preload; as=style');
    const cookies = h.filter((x) => x.name === 'Set-Cookie').map((x) => Cookie.parse(x.value));
    expect(cookies.map((c) => [c?.key, c?.domain ?? null])).toEqual([['sid', 'example.com.proxy.test'], ['own', null]]);
    // RFC 9110 §8.6 and §8.8.1: the proxy's body is not upstream's bytes.
    expect(header(h, 'content-length')).toBeUndefined();
    expect(header(h, 'etag')).toBe('W/"v1"');
    expect(header(h, 'alt-svc')).toBeUndefined();
    expect(header(h, 'connection')).toBeUndefined();
    expect(header(h, 'x-custom')).toBe('https://app.example.com/ stays: no URL header');
    // Captured order and spelling.
    expect(h.map((x) => x.name)).toEqual(['Content-Type', 'ETag', 'Content-Security-Policy', 'Link', 'Set-Cookie', 'Set-Cookie', 'X-Custom']);
    expect(out.response.content.text).toBe('<a href="https://app.example.com.proxy.test/next">next</a>');
    expect(out.response.content.size).toBe(Buffer.byteLength(out.response.content.text as string));
    expect(out.response.headersSize).toBe(-1);
    const summary = run.stats.summary();
    expect(summary.rewrites).toMatchObject({ html: 1, 'content-security-policy': 1, link: 1, 'set-cookie': 1 });
  });

  it('maps the HAR cookies list as Set-Cookie rewriting maps it', async () => {
    const cookies = [
      { name: 'sid', value: '1', domain: '.example.com', path: '/', secure: true, httpOnly: true },
      { name: 'host', value: '2', domain: 'app.example.com' },
      { name: 'only', value: '3' },
      { name: 'other', value: '4', domain: '.other.net' },
      { name: 'wide', value: '5', domain: '.com' },
    ];
    const suffix = await rewriteEntry(entry({ url: 'https://app.example.com/', cookies }), testRun());
    expect(suffix.response.cookies.map((c) => [c.name, c.domain])).toEqual([['sid', '.example.com.proxy.test'], ['host', 'app.example.com.proxy.test'], ['only', undefined], ['other', '.other.net']]);
    expect(suffix.response.cookies[2]).toBe(cookies[2]);

    // The flat scheme makes protected-domain cookies host-only; an http proxy cannot keep Secure ones.
    const flat = await rewriteEntry(entry({ url: 'https://app.example.com/', cookies: cookies.slice(0, 2) }), testRun({ rewriter: { suffix: 'proxy.test', domains: ['example.com', '*.example.com'], scheme: 'flat' } }));
    expect(flat.response.cookies.map((c) => 'domain' in c)).toEqual([false, false]);
    const http = await rewriteEntry(
      entry({ url: 'https://app.example.com/', cookies: [cookies[0], { name: '__Secure-x', value: '1', secure: true }] }),
      testRun({ rewriter: { suffix: 'proxy.test', domains: ['example.com', '*.example.com'], publicScheme: 'http' } }),
    );
    expect(http.response.cookies).toEqual([{ ...cookies[0], domain: '.example.com.proxy.test', secure: false }]);
  });

  it('resolves and maps redirectURL: absolute, relative, upper-case scheme', async () => {
    const run = testRun();
    const absolute = await rewriteEntry(entry({ url: 'https://app.example.com/a', status: 302, headers: [['Location', 'https://login.example.com/?r=1']], redirectURL: 'https://login.example.com/?r=1' }), run);
    expect(header(absolute.response.headers, 'location')).toBe('https://login.example.com.proxy.test/?r=1');
    expect(absolute.response.redirectURL).toBe('https://login.example.com.proxy.test/?r=1');

    // A relative Location stays relative (it resolves against the proxied URL); the HAR field is made absolute.
    const relative = await rewriteEntry(entry({ url: 'https://app.example.com/a/b', status: 303, headers: [['Location', '../c']], redirectURL: '../c' }), run);
    expect(header(relative.response.headers, 'location')).toBe('../c');
    expect(relative.response.redirectURL).toBe('https://app.example.com.proxy.test/c');

    const upper = await rewriteEntry(entry({ url: 'http://www.example.com/devices/', status: 301, headers: [['Location', 'HTTPS://WWW.Example.com/devices/']], redirectURL: 'HTTPS://WWW.Example.com/devices/' }), run);
    expect(new URL(upper.response.redirectURL).href).toBe('https://www.example.com.proxy.test/devices/');
    expect(new URL(header(upper.response.headers, 'location') as string).href).toBe('https://www.example.com.proxy.test/devices/');
    expect(run.stats.summary().problems.byKind).toEqual({ 'relative-redirect': 1 });
  });

  it('feeds HAR text as the characters it is, whatever charset the head names, and keeps Content-Encoding', async () => {
    const run = testRun();
    const text = '<meta charset="windows-1252"><p>Zürich – Genève</p><a href="https://app.example.com/ü">x</a>';
    const out = await rewriteEntry(entry({ url: 'https://app.example.com/', headers: [['Content-Type', 'text/html; charset=windows-1252'], ['Content-Encoding', 'gzip'], ['Content-Length', '80']], text }), run);
    expect(out.response.content.text).toBe(text.replace('https://app.example.com/', 'https://app.example.com.proxy.test/'));
    expect(header(out.response.headers, 'content-type')).toBe('text/html; charset=windows-1252');
    expect(header(out.response.headers, 'content-encoding')).toBe('gzip');
    expect(header(out.response.headers, 'content-length')).toBeUndefined();
    // The coded length is unknown once the body changed.
    expect(out.response.bodySize).toBe(-1);
  });

  it('rewrites JavaScript, JSON and CSS bodies by type', async () => {
    const run = testRun();
    const js = await rewriteEntry(entry({ url: 'https://app.example.com/app.js', headers: [['Content-Type', 'application/javascript']], text: 'fetch("https://api.example.com/v1"); var e = "a@example.com";' }), run);
    expect(js.response.content.text).toBe('fetch("https://api.example.com.proxy.test/v1"); var e = "a@example.com";');
    const json = await rewriteEntry(entry({ url: 'https://api.example.com/cfg', headers: [['Content-Type', 'application/json']], text: '{"api":"https://api.example.com/","cookieDomain":".example.com"}' }), run);
    expect(JSON.parse(json.response.content.text as string)).toEqual({ api: 'https://api.example.com.proxy.test/', cookieDomain: '.example.com.proxy.test' });
    const css = await rewriteEntry(entry({ url: 'https://app.example.com/a.css', headers: [['Content-Type', 'text/css']], text: '@import url(https://static.example.com/b.css); a{color:red}' }), run);
    expect(css.response.content.text).toBe('@import url(https://static.example.com.proxy.test/b.css); a{color:red}');
    expect(run.stats.summary().rewrites).toMatchObject({ js: 1, json: 1, css: 1 });
  });

  it('decodes base64 text bodies, rewrites them and encodes them again', async () => {
    const html = '<a href="https://app.example.com/x">x</a>';
    const out = await rewriteEntry(entry({ url: 'https://app.example.com/', headers: [['Content-Type', 'text/html']], text: Buffer.from(html).toString('base64'), encoding: 'base64' }), testRun());
    expect(out.response.content.encoding).toBe('base64');
    expect(Buffer.from(out.response.content.text as string, 'base64').toString()).toBe('<a href="https://app.example.com.proxy.test/x">x</a>');
  });

  it('passes binary bodies byte for byte, also binary bytes under a text type', async () => {
    const run = testRun();
    const text = PNG.toString('base64');
    const image = await rewriteEntry(entry({ url: 'https://app.example.com/logo.png', headers: [['Content-Type', 'image/png'], ['Content-Length', String(PNG.length)]], text, encoding: 'base64' }), run);
    expect(image.response.content).toEqual({ size: PNG.length, mimeType: 'text/html', text, encoding: 'base64' });
    expect(header(image.response.headers, 'content-length')).toBe(String(PNG.length));
    // A font served as text/css: the pipeline sees binary data bytes and passes it.
    const font = await rewriteEntry(entry({ url: 'https://app.example.com/f.css', headers: [['Content-Type', 'text/css']], text, encoding: 'base64' }), run);
    expect(font.response.content.text).toBe(text);
    expect(run.stats.summary().events['pipeline-binary-body']).toBe(1);
  });

  it('reads text that says base64 but is not as text, and keeps placeholders and omitted bodies', async () => {
    const run = testRun();
    const placeholder = await rewriteEntry(entry({ url: 'https://app.example.com/', headers: [['Content-Type', 'text/html']], text: 'MANUALLY REMOVED', encoding: 'base64', size: 63930 }), run);
    expect(placeholder.response.content.text).toBe('MANUALLY REMOVED');
    const omitted = entry({ url: 'https://app.example.com/page', headers: [['Content-Type', 'text/html']], size: 5000 });
    const out = await rewriteEntry(omitted, run);
    expect(out.response.content).toBe(omitted.response.content);
    const empty = entry({ url: 'https://app.example.com/304', status: 304, headers: [['ETag', '"v1"']], size: 0, text: '' });
    expect((await rewriteEntry(empty, run)).response.content).toBe(empty.response.content);
    expect(run.stats.summary().problems.byKind).toEqual({ 'not-base64': 1, 'body-placeholder': 1, 'body-omitted': 1 });
  });

  it('streams a body spilled to a temp file into a new temp file, counting UTF-16 units', async () => {
    const run = testRun();
    const text = `<p>😀 ${'x'.repeat(5000)}</p><img src="https://img.example.com/a.png">`;
    const input = spilled(text);
    const out = await rewriteEntry(entry({ url: 'https://app.example.com/', headers: [['Content-Type', 'text/html']], text: input, size: input.bytes }), run);
    const body = out.response.content.text as SpilledText;
    expect(isSpilledText(body)).toBe(true);
    expect(body.path).not.toBe(input.path);
    const expected = text.replace('https://img.example.com/', 'https://img.example.com.proxy.test/');
    expect(readFileSync(body.path, 'utf8')).toBe(expected);
    expect(body).toMatchObject({ chars: expected.length, bytes: Buffer.byteLength(expected) });
    expect(out.response.content.size).toBe(Buffer.byteLength(expected));
    // Unchanged bytes keep the very same SpilledText.
    const png = spilled(PNG.toString('base64'));
    const image = await rewriteEntry(entry({ url: 'https://app.example.com/i.png', headers: [['Content-Type', 'image/png']], text: png, encoding: 'base64' }), run);
    expect(image.response.content.text).toBe(png);
    const plain = spilled('<p>nothing to change</p>');
    const same = await rewriteEntry(entry({ url: 'https://app.example.com/', headers: [['Content-Type', 'text/html']], text: plain }), run);
    expect(same.response.content.text).toBe(plain);
  });

  it('streams a spilled base64 body through base64 decoding and encoding', async () => {
    const html = `<a href="https://app.example.com/x">${'y'.repeat(10000)}</a>`;
    const input = spilled(Buffer.from(html).toString('base64'));
    const out = await rewriteEntry(entry({ url: 'https://app.example.com/', headers: [['Content-Type', 'text/html']], text: input, encoding: 'base64' }), testRun());
    const body = out.response.content.text as SpilledText;
    expect(Buffer.from(readFileSync(body.path, 'latin1'), 'base64').toString()).toBe(html.replace('app.example.com', 'app.example.com.proxy.test'));
  });

  it('sends no body for HEAD and bodiless statuses', async () => {
    const run = testRun();
    const head = entry({ method: 'HEAD', url: 'https://app.example.com/', headers: [['Content-Type', 'text/html'], ['Content-Length', '1234']], text: '', size: 0 });
    const out = await rewriteEntry(head, run);
    expect(out.response.content).toBe(head.response.content);
    // HEAD gets the head a GET would have: the GET's HTML would be rewritten, its length unknown.
    expect(header(out.response.headers, 'content-length')).toBeUndefined();
    const noContent = entry({ url: 'https://app.example.com/ping', status: 204, headers: [['Content-Type', 'text/html']] });
    expect((await rewriteEntry(noContent, run)).response.content).toBe(noContent.response.content);
  });
});
