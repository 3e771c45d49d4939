import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { mapRequestBodyBuffered, withBodyFraming } from '../../src/pipeline/request-body/index.js';
import { recordingContext } from '../helpers/context.js';

const { ctx } = recordingContext();
const JSON_TYPE = 'application/json';

async function* chunksOf(...parts: Array<string | Uint8Array>): AsyncGenerator<Uint8Array> {
  for (const p of parts) yield (typeof p === 'string' ? Buffer.from(p) : p) as Uint8Array;
}

async function collect(stream: Readable): Promise<string> {
  const out: Buffer[] = [];
  for await (const c of stream) out.push(Buffer.from(c as Uint8Array));
  return Buffer.concat(out).toString();
}

describe('mapRequestBodyBuffered', () => {
  const body = '["https://app.example.com.proxy.test/"]'; // 39 bytes
  const mapped = '["https://app.example.com/"]';

  it('a body of exactly maxBytes is buffered and framed by length; one byte more streams chunked', async () => {
    const exact = await mapRequestBodyBuffered(ctx, JSON_TYPE, chunksOf(body.slice(0, 10), body.slice(10)), { maxBytes: body.length });
    expect(exact.framing).toEqual({ type: 'length', length: mapped.length });
    expect(Buffer.from(exact.bytes as Uint8Array).toString()).toBe(mapped);
    expect(await collect(exact.stream)).toBe(mapped);

    const over = await mapRequestBodyBuffered(ctx, JSON_TYPE, chunksOf(body.slice(0, 10), body.slice(10)), { maxBytes: body.length - 1 });
    expect(over.framing).toEqual({ type: 'chunked' });
    expect(over.bytes).toBeNull();
    expect(await collect(over.stream)).toBe(mapped);
  });

  it('the default limit is the context\'s maxBufferBytes', async () => {
    const { ctx: small } = recordingContext({ maxBufferBytes: 1024 });
    const big = '[' + '"https://app.example.com.proxy.test/",'.repeat(40) + '0]';
    const under = await mapRequestBodyBuffered(small, JSON_TYPE, chunksOf(big.slice(0, 1000)));
    expect(under.framing.type).toBe('length');
    const streamed = await mapRequestBodyBuffered(small, JSON_TYPE, chunksOf(big)); // one chunk over the limit is enough
    expect(streamed.framing.type).toBe('chunked');
    expect(await collect(streamed.stream)).toBe(big.replaceAll('.proxy.test', ''));
  });

  it('a body that passes is not read: the same stream comes back, framed unchanged', async () => {
    const source = Readable.from([Buffer.from('https://app.example.com.proxy.test/')]);
    const out = await mapRequestBodyBuffered(ctx, 'text/plain', source);
    expect(out).toMatchObject({ kind: 'pass', framing: { type: 'unchanged' }, bytes: null });
    expect(out.stream).toBe(source);
  });

  it('a string chunk (a stream with an encoding set) is refused with a TypeError', async () => {
    const strings = (async function* () {
      yield 'text' as unknown as Uint8Array;
    })();
    await expect(mapRequestBodyBuffered(ctx, JSON_TYPE, strings)).rejects.toThrow(TypeError);
  });

  it('a source that fails while streaming fails the stream', async () => {
    const failing = (async function* () {
      yield Buffer.from('["https://app.example.com.proxy.test/",');
      yield Buffer.from('"x"');
      throw new Error('client went away');
    })();
    const out = await mapRequestBodyBuffered(ctx, JSON_TYPE, failing, { maxBytes: 10 });
    await expect(collect(out.stream)).rejects.toThrow('client went away');
  });
});

describe('withBodyFraming', () => {
  const headers = { 'Content-Length': '39', 'transfer-encoding': 'chunked', 'content-type': 'application/json', 'x-a': ['1', '2'] };

  it('length: one lower-case Content-Length, no Transfer-Encoding', () => {
    expect(withBodyFraming(headers, { type: 'length', length: 28 })).toEqual({ 'content-type': 'application/json', 'x-a': ['1', '2'], 'content-length': '28' });
  });
  it('chunked: neither field (the sending client frames the stream)', () => {
    expect(withBodyFraming(headers, { type: 'chunked' })).toEqual({ 'content-type': 'application/json', 'x-a': ['1', '2'] });
  });
  it('unchanged: a copy, framing as the browser sent it', () => {
    const out = withBodyFraming(headers, { type: 'unchanged' });
    expect(out).toEqual(headers);
    expect(out).not.toBe(headers);
  });
});
