import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createContext } from '../../src/context.js';
import { createJsonStream, rewriteJson } from '../../src/json/index.js';
import { runChunks, splitAt } from '../helpers/streams.js';

const ctx = createContext({ suffix: 'proxy.test', domains: ['example.com', '*.example.com'] });
const rw = (s: string) => rewriteJson(ctx, s);

describe('rewriteJson', () => {
  it('rewrites URLs, whole-string hosts and regex-escaped hosts in values and keys', () => {
    expect(rw('{"u":"https://app.example.com/x"}')).toBe('{"u":"https://app.example.com.proxy.test/x"}');
    expect(rw('{"https://api.example.com/v1":1}')).toBe('{"https://api.example.com.proxy.test/v1":1}');
    expect(rw('{"domain":".example.com","host":"example.com"}')).toBe('{"domain":".example.com.proxy.test","host":"example.com.proxy.test"}');
    expect(rw('{"re":"^https:\\\\/\\\\/app\\\\.example\\\\.com"}')).toBe('{"re":"^https:\\\\/\\\\/app\\\\.example\\\\.com\\\\.proxy\\\\.test"}');
  });

  it('keeps escapes as they were written', () => {
    expect(rw('["https:\\/\\/app.example.com\\/a"]')).toBe('["https:\\/\\/app.example.com.proxy.test\\/a"]');
    expect(rw('["https:\\u002F\\u002Fapp.example.com"]')).toBe('["https:\\u002F\\u002Fapp.example.com.proxy.test"]');
    expect(rw('["\\"https://app.example.com\\""]')).toBe('["\\"https://app.example.com.proxy.test\\""]');
  });

  it('leaves prose, e-mail addresses, numbers and lookalikes alone', () => {
    const input = '{"t":"visit app.example.com today","m":"me@example.com","n":1.5,"l":"https://example.com.evil.org/","p":"https://x.example.com.proxy.test/"}';
    expect(rw(input)).toBe(input);
  });

  it('rewrites invalid JSON by the same lexical scan instead of rejecting it', () => {
    expect(rw("{u: 'https://app.example.com', \"v\": \"https://app.example.com")).toBe(
      "{u: 'https://app.example.com', \"v\": \"https://app.example.com.proxy.test",
    );
    expect(rw('not json at all "example.com" trailing')).toBe('not json at all "example.com.proxy.test" trailing');
  });

  it('passes text with no protected host through as the same string', () => {
    const input = '{"a":"https://other.org/"}';
    expect(rw(input)).toBe(input);
  });
});

describe('createJsonStream', () => {
  const doc = JSON.stringify({
    links: ['https://app.example.com/a', 'https://cdn.example.com/ü/ä.png', '//static.example.com/x'],
    cookieDomain: '.example.com',
    pattern: '^https?:\\/\\/(?:[a-z]+\\.)?example\\.com$',
    text: 'Grüße from app.example.com, mail me@example.com ✓',
    'https://keys.example.com/k': { nested: 'https:\\/\\/api.example.com\\/v2' },
    escaped: 'a\\"b\\\\', 
  });
  const expected = Buffer.from(rw(doc));

  it('gives the same bytes as the string helper for every chunking, also inside UTF-8 sequences and escapes', async () => {
    const bytes = Buffer.from(doc);
    expect(expected.toString()).toContain('cdn.example.com.proxy.test/ü/ä.png');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: bytes.length }), { maxLength: 30 }), async (cuts) => {
        const out = await runChunks(createJsonStream(ctx), splitAt(bytes, cuts));
        expect(out.equals(expected)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('rewrites one string longer than the buffer cap in windows, the same for any chunking', async () => {
    const small = createContext({ suffix: 'proxy.test', domains: ['*.example.com'], maxBufferBytes: 4096 });
    const piece = 'lorem ipsum https://a.example.com/x dolor ';
    const body = piece.repeat(2000); // 84,000 characters in one string
    const bytes = Buffer.from(`{"long":"${body}","after":"https://b.example.com/"}`);
    const want = `{"long":"${body.replaceAll('a.example.com', 'a.example.com.proxy.test')}","after":"https://b.example.com.proxy.test/"}`;
    const whole = await runChunks(createJsonStream(small), [bytes]);
    expect(whole.toString()).toBe(want);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: bytes.length }), { maxLength: 40 }), async (cuts) => {
        const out = await runChunks(createJsonStream(small), splitAt(bytes, cuts));
        expect(out.toString()).toBe(want);
      }),
      { numRuns: 30 },
    );
  });

  it('streams 100 MB of JSON in bounded memory', async () => {
    const record = Buffer.from('{"id":12345,"url":"https://app.example.com/item/12345","name":"an item with some text"},');
    const total = 100 * 1024 * 1024;
    const count = Math.ceil(total / record.length);
    let produced = 0;
    let outBytes = 0;
    let peak = 0;
    const before = process.memoryUsage().heapUsed;
    const source = Readable.from(
      (function* () {
        yield Buffer.from('[');
        const batch = Buffer.concat(Array.from({ length: 700 }, () => record));
        while (produced < count) {
          produced += 700;
          yield batch;
        }
        yield Buffer.from('{}]');
      })(),
    );
    const sink = new Writable({
      write(chunk: Buffer, _e, cb) {
        outBytes += chunk.length;
        if (produced % 7000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed - before);
        cb();
      },
    });
    await pipeline(source, createJsonStream(ctx), sink);
    const growthPerRecord = '.proxy.test'.length;
    expect(outBytes).toBe(produced * (record.length + growthPerRecord) + 4);
    expect(peak).toBeLessThan(64 * 1024 * 1024);
  });
});
