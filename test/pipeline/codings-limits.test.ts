import { once } from 'node:events';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createDecoder, DEFAULT_DECODE_LIMITS, DecodeLimitError, type DecodeLimits } from '../../src/pipeline/codings/index.js';
import { brotliZeros, gzipZeros } from './codings-bombs.js';
import { decodeAll, expectSameBytes, piecesOf, settle } from './codings-support.js';

const MiB = 1024 * 1024;
/** A limit turned off. */
const OFF = Number.POSITIVE_INFINITY;

/** Decodes while counting (never keeping) the output; the outcome and the bytes seen. */
async function drainCount(codings: Parameters<typeof createDecoder>[0], limits: Partial<DecodeLimits>, chunks: Buffer[], onChunk = () => {}) {
  const decoder = createDecoder(codings, limits);
  let seen = 0;
  decoder.on('data', (c: Buffer) => {
    seen += c.length;
    onChunk();
  });
  const error = await new Promise<(Error & { code?: string }) | null>((resolve) => {
    decoder.on('end', () => resolve(null));
    decoder.on('error', resolve);
    for (const c of chunks) decoder.write(c);
    decoder.end();
  });
  return { seen, error };
}

/** V8's collector, reachable without --expose-gc (the flag set now applies to new contexts). */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

describe('decompression bombs', () => {
  it('refuses a brotli bomb by ratio with the default limits, once past the 16 MiB floor', async () => {
    const bomb = await brotliZeros(256 * MiB);
    expect(bomb.length).toBeLessThan(64 * 1024); // far above 1000:1
    const { seen, error } = await drainCount(['br'], DEFAULT_DECODE_LIMITS, [bomb]);
    expect(error).toBeInstanceOf(DecodeLimitError);
    expect(error?.code).toBe('ERR_SPR_DECODE_RATIO');
    expect((error as DecodeLimitError).limit).toBe(1000);
    // The floor is honoured (everything up to 16 MiB passes) and nothing past it reaches the reader.
    expect(seen).toBeLessThanOrEqual(DEFAULT_DECODE_LIMITS.ratioFloorBytes);
    expect(seen).toBeGreaterThan(DEFAULT_DECODE_LIMITS.ratioFloorBytes - 128 * 1024);
  });

  it('refuses by decoded size, delivering no byte past the limit', async () => {
    const bomb = await brotliZeros(64 * MiB);
    const { seen, error } = await drainCount(['br'], { maxDecodedBytes: 3 * MiB, maxRatio: OFF }, [bomb]);
    expect(error?.code).toBe('ERR_SPR_DECODED_TOO_LARGE');
    expect((error as DecodeLimitError).limit).toBe(3 * MiB);
    expect(seen).toBeLessThanOrEqual(3 * MiB);
    expect(seen).toBeGreaterThan(3 * MiB - 128 * 1024);
  });

  it('measures the ratio on the bytes consumed, so one big chunk does not dilute it (gzip at about 1030:1)', async () => {
    const bomb = await gzipZeros(64 * MiB);
    expect(64 * MiB / bomb.length).toBeGreaterThan(1000);
    const { seen, error } = await drainCount(['gzip'], DEFAULT_DECODE_LIMITS, [bomb]);
    expect(error?.code).toBe('ERR_SPR_DECODE_RATIO');
    expect(seen).toBeLessThan(17 * MiB);
  });

  it('refuses a flood in an inner stage of a stack even when the outer stage turns it into nothing', async () => {
    // Content-Encoding: gzip, gzip. The inner gzip member carries a 32 MiB comment (FCOMMENT,
    // RFC 1952): the first decoding stage yields 32 MiB, the second only the comment-free body.
    const inner = zlib.gzipSync(Buffer.from('{"ok":true}'));
    const comment = Buffer.alloc(32 * MiB, 'a');
    const withComment = Buffer.concat([inner.subarray(0, 3), Buffer.from([(inner[3] as number) | 0x10]), inner.subarray(4, 10), comment, Buffer.from([0]), inner.subarray(10)]);
    expect(zlib.gunzipSync(withComment).toString()).toBe('{"ok":true}');
    const body = zlib.gzipSync(withComment);
    const { seen, error } = await drainCount(['gzip', 'gzip'], { maxDecodedBytes: 8 * MiB, maxRatio: OFF }, [body]);
    expect(error?.code).toBe('ERR_SPR_DECODED_TOO_LARGE');
    expect(seen).toBe(0);
    // And with room for it, the same body decodes.
    expect((await decodeAll(createDecoder(['gzip', 'gzip'], { maxDecodedBytes: 64 * MiB, maxRatio: OFF }), [body])).toString()).toBe('{"ok":true}');
  });

  it('keeps memory flat while refusing: 1 GiB of brotli zeros against a 256 MiB size limit', async () => {
    const bomb = await brotliZeros(1024 * MiB);
    // Chunks already read are garbage until V8 collects them; collecting before each sample
    // makes the figures what the decoder holds, not what the collector has not reached yet.
    const gc = collector();
    gc();
    const before = process.memoryUsage();
    let peakRss = before.rss;
    let peakBuffers = before.arrayBuffers;
    let chunks = 0;
    const { error } = await drainCount(['br'], { maxDecodedBytes: 256 * MiB, maxRatio: OFF }, piecesOf(bomb, 16 * 1024), () => {
      if (++chunks % 256 !== 0) return;
      gc();
      const now = process.memoryUsage();
      peakRss = Math.max(peakRss, now.rss);
      peakBuffers = Math.max(peakBuffers, now.arrayBuffers);
    });
    expect(error?.code).toBe('ERR_SPR_DECODED_TOO_LARGE');
    expect(chunks).toBeGreaterThan(1000); // it did decode a long way before refusing
    // Buffering the output would grow both by 256 MiB; a few stream buffers are all it holds.
    expect(peakBuffers - before.arrayBuffers).toBeLessThan(16 * MiB);
    expect(peakRss - before.rss).toBeLessThan(64 * MiB);
  }, 30_000);

  it('stops producing while nobody reads (backpressure), with 64 MiB pending', async () => {
    const bomb = await brotliZeros(64 * MiB);
    const decoder = createDecoder(['br'], { maxRatio: OFF });
    const before = process.memoryUsage().arrayBuffers;
    decoder.write(bomb);
    await new Promise((r) => setTimeout(r, 300));
    expect(decoder.readableLength).toBeLessThanOrEqual(256 * 1024);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(8 * MiB);
    let seen = 0;
    decoder.on('data', (c: Buffer) => { seen += c.length; });
    decoder.end();
    await once(decoder, 'end');
    expect(seen).toBe(64 * MiB); // nothing was lost by pausing
  });
});

describe('limits that real bodies stay within', () => {
  it('lets any ratio pass below the floor: 8 MiB of brotli zeros decode with the defaults', async () => {
    const small = await brotliZeros(8 * MiB);
    expect(8 * MiB / small.length).toBeGreaterThan(1000);
    const { seen, error } = await drainCount(['br'], DEFAULT_DECODE_LIMITS, [small]);
    expect(error).toBeNull();
    expect(seen).toBe(8 * MiB);
  });

  it('allows exactly maxDecodedBytes and refuses one byte more', async () => {
    const text = Buffer.from('x'.repeat(100_000));
    expectSameBytes(await decodeAll(createDecoder(['gzip'], { maxDecodedBytes: 100_000 }), [zlib.gzipSync(text)]), text);
    const { error } = await settle(createDecoder(['gzip'], { maxDecodedBytes: 99_999 }), [zlib.gzipSync(text)]);
    expect(error?.code).toBe('ERR_SPR_DECODED_TOO_LARGE');
  });

  it('applies the ratio past a configured floor', async () => {
    const text = Buffer.from('{"k":"v"}'.repeat(50_000)); // 450 KB, compresses far above 10:1
    const gz = zlib.gzipSync(text);
    expect(text.length / gz.length).toBeGreaterThan(50);
    const { error } = await settle(createDecoder(['gzip'], { maxRatio: 10, ratioFloorBytes: 64 * 1024 }), [gz]);
    expect(error?.code).toBe('ERR_SPR_DECODE_RATIO');
    expect((error as DecodeLimitError).encodedBytes).toBeGreaterThan(0);
    expectSameBytes(await decodeAll(createDecoder(['gzip'], { maxRatio: 10, ratioFloorBytes: MiB }), [gz]), text);
  });

  it('rejects nonsense limits at construction', () => {
    expect(() => createDecoder(['gzip'], { maxDecodedBytes: -1 })).toThrow(RangeError);
    expect(() => createDecoder(['gzip'], { maxRatio: Number.NaN })).toThrow(RangeError);
  });

  it('is a Node-style error: name, code, message', async () => {
    const { error } = await settle(createDecoder(['gzip'], { maxDecodedBytes: 10 }), [zlib.gzipSync(Buffer.alloc(100))]);
    expect(error).toBeInstanceOf(Error);
    expect(error?.name).toBe('DecodeLimitError');
    expect(error?.message).toMatch(/exceeds 10 bytes/);
  });
});
