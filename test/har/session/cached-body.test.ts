import { describe, expect, it } from 'vitest';
import { rewriteEntry } from '../../../src/har/session/index.js';
import { entry, header, testRun } from './helpers.js';

// A 304 in a capture holds the cached body the browser renders under it (Chrome and
// Firefox record it; HAR 1.2 gives it bodySize 0). Through the proxy that cached copy came
// from the proxy, rewritten: the session rewrites it as the response it was, of the type
// the capture names. Found on the corpus: mitmproxy__chrome_google.com (the page) and
// mitmproxy__firefox_mitmproxy.org (the page and data/github-stats.json), whose 304s carry
// no Content-Type, only content.mimeType.

describe('a 304 with the cached body', () => {
  it('rewrites the cached page and JSON by content.mimeType, its bodySize 0 as captured', async () => {
    const run = testRun();
    const page = entry({ url: 'https://app.example.com/', status: 304, headers: [['ETag', '"v1"']], mimeType: 'text/html', text: '<a href="https://app.example.com/docs">docs</a>' });
    page.response.bodySize = 0;
    const out = await rewriteEntry(page, run);
    expect(out.response.status).toBe(304);
    expect(out.response.content.text).toBe('<a href="https://app.example.com.proxy.test/docs">docs</a>');
    expect(out.response.bodySize).toBe(0);
    expect(header(out.response.headers, 'content-type')).toBeUndefined();
    // The validator of a body the proxy may rewrite is weak, on the 200 and on its 304 alike (RFC 9110 §8.8.1).
    expect(header(out.response.headers, 'etag')).toBe('W/"v1"');

    const json = entry({ url: 'https://app.example.com/stats.json', status: 304, mimeType: 'application/json', text: '{"homepage":"https://app.example.com"}' });
    expect((await rewriteEntry(json, run)).response.content.text).toBe('{"homepage":"https://app.example.com.proxy.test"}');
    expect(run.stats.summary().rewrites).toMatchObject({ html: 1, json: 1 });
  });

  it('passes a cached image as it is, and a 304 of no known type is not sniffed into HTML by its mimeType', async () => {
    const run = testRun();
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex').toString('base64');
    const image = entry({ url: 'https://app.example.com/i.png', status: 304, mimeType: 'image/png', text: png, encoding: 'base64' });
    expect((await rewriteEntry(image, run)).response.content).toBe(image.response.content);
    const plain = entry({ url: 'https://app.example.com/a.txt', status: 304, mimeType: 'text/plain', text: 'https://app.example.com/' });
    expect((await rewriteEntry(plain, run)).response.content).toBe(plain.response.content);
  });
});
