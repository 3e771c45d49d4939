import * as zlib from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDecoder, createEncoder, isZlibHeader, supportedCodings, type Coding } from '../../src/pipeline/codings/index.js';
import { splitAt } from '../helpers/streams.js';
import { decodeAll, expectSameBytes, piecesOf, settle } from './codings-support.js';

const runtime = zlib as unknown as Record<string, (b: Buffer) => Buffer>;
const hasZstd = typeof runtime['zstdCompressSync'] === 'function';

/** A body like a JSON API answer: about 100 KB, repetitive but not trivially so. */
function jsonBody(): Buffer {
  const items = Array.from({ length: 1000 }, (_, i) => ({ id: i, url: `https://app.example.com/items/${(i * 7919) % 10007}`, name: `item ${i.toString(36)}`, tags: ['a', 'bb', String(i % 13)] }));
  return Buffer.from(JSON.stringify({ items }));
}
const body = jsonBody();

/** Node's one-shot encoders: the independent oracle. The order is the Content-Encoding order. */
const encodeOne: Record<Coding, (b: Buffer) => Buffer> = {
  gzip: (b) => zlib.gzipSync(b),
  deflate: (b) => zlib.deflateSync(b),
  br: (b) => zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 6 } }),
  zstd: (b) => (runtime['zstdCompressSync'] as (b: Buffer) => Buffer)(b),
};
const decodeOne: Record<Coding, (b: Buffer) => Buffer> = {
  gzip: (b) => zlib.gunzipSync(b),
  deflate: (b) => zlib.inflateSync(b),
  br: (b) => zlib.brotliDecompressSync(b),
  zstd: (b) => (runtime['zstdDecompressSync'] as (b: Buffer) => Buffer)(b),
};
const encodeWithNode = (codings: Coding[], b: Buffer) => codings.reduce((acc, c) => encodeOne[c](acc), b);
const decodeWithNode = (codings: Coding[], b: Buffer) => [...codings].reverse().reduce((acc, c) => decodeOne[c](acc), b);

const single: Coding[] = ['gzip', 'deflate', 'br'];
const stacks: Coding[][] = [['gzip', 'br'], ['br', 'gzip'], ['gzip', 'gzip'], ['deflate', 'gzip', 'br']];

describe('decoding', () => {
  for (const codings of [...single.map((c) => [c]), ...stacks]) {
    it(`undoes Content-Encoding: ${codings.join(', ')} made by node:zlib`, async () => {
      expectSameBytes(await decodeAll(createDecoder(codings), [encodeWithNode(codings, body)]), body);
    });
  }

  it('decodes raw deflate sent as "deflate" (what real servers do), detected from the first bytes', async () => {
    const raw = zlib.deflateRawSync(body);
    expect(isZlibHeader(raw)).toBe(false);
    expect(isZlibHeader(zlib.deflateSync(body))).toBe(true);
    expectSameBytes(await decodeAll(createDecoder(['deflate']), [raw]), body);
    expectSameBytes(await decodeAll(createDecoder(['deflate']), piecesOf(zlib.deflateRawSync(body.subarray(0, 5000)), 1)), body.subarray(0, 5000)); // one byte at a time: the two-byte look spans chunks
    // And as an inner stage of a stack: gzip over raw deflate.
    expectSameBytes(await decodeAll(createDecoder(['deflate', 'gzip']), [zlib.gzipSync(raw)]), body);
  });

  it('decodes a raw deflate stream of one byte of input and of an empty text', async () => {
    const empty = zlib.deflateRawSync(Buffer.alloc(0)); // 0x03 0x00: a final fixed block holding only end-of-block
    expectSameBytes(await decodeAll(createDecoder(['deflate']), [empty]), Buffer.alloc(0));
    expectSameBytes(await decodeAll(createDecoder(['deflate']), [zlib.deflateSync(Buffer.alloc(0))]), Buffer.alloc(0));
  });

  it('decodes a tiny brotli body (a few bytes of JSON)', async () => {
    const tiny = zlib.brotliCompressSync(Buffer.from('{"a":1}'));
    expect(tiny.length).toBeLessThan(16);
    expect((await decodeAll(createDecoder(['br']), [tiny])).toString()).toBe('{"a":1}');
    expect((await decodeAll(createDecoder(['br']), piecesOf(tiny, 1))).toString()).toBe('{"a":1}');
  });

  it('gives zero bytes for a zero-byte body, whatever the label (browsers take it as empty)', async () => {
    for (const codings of [['gzip'], ['deflate'], ['br'], ['gzip', 'br']] as Coding[][]) {
      expectSameBytes(await decodeAll(createDecoder(codings), []), Buffer.alloc(0));
    }
  });

  it('passes bytes through unchanged for no coding at all', async () => {
    expectSameBytes(await decodeAll(createDecoder([]), piecesOf(body, 1000)), body);
  });

  it('throws RangeError for codings the runtime cannot decode', () => {
    expect(() => createDecoder(['compress' as Coding])).toThrow(RangeError);
    if (!hasZstd) expect(() => createDecoder(['zstd'])).toThrow(RangeError);
  });

  it.skipIf(!hasZstd)('undoes zstd where the runtime has it', async () => {
    expectSameBytes(await decodeAll(createDecoder(['zstd']), [encodeWithNode(['zstd'], body)]), body);
    expectSameBytes(decodeWithNode(['zstd'], await decodeAll(createEncoder(['zstd']), [body])), body);
  });
});

describe('encoding', () => {
  for (const codings of [...single.map((c) => [c]), ...stacks]) {
    it(`applies Content-Encoding: ${codings.join(', ')} so node:zlib undoes it`, async () => {
      const encoded = await decodeAll(createEncoder(codings), piecesOf(body, 4096));
      expect(encoded.length).toBeLessThan(body.length);
      expectSameBytes(decodeWithNode(codings, encoded), body);
      expectSameBytes(await decodeAll(createDecoder(codings), [encoded]), body);
    });
  }

  it('writes deflate zlib-wrapped (the RFC 9110 form) even for a body that came raw', async () => {
    const decoded = await decodeAll(createDecoder(['deflate']), [zlib.deflateRawSync(body)]);
    const encoded = await decodeAll(createEncoder(['deflate']), [decoded]);
    expect(isZlibHeader(encoded)).toBe(true);
    expectSameBytes(zlib.inflateSync(encoded), body);
  });

  it('keeps a zero-byte body zero bytes', async () => {
    expectSameBytes(await decodeAll(createEncoder(['gzip', 'br']), []), Buffer.alloc(0));
  });

  it('takes a brotli quality and a zlib level', async () => {
    const fast = await decodeAll(createEncoder(['br'], { brotliQuality: 0 }), [body]);
    const best = await decodeAll(createEncoder(['br'], { brotliQuality: 9 }), [body]);
    expect(best.length).toBeLessThan(fast.length);
    const stored = await decodeAll(createEncoder(['gzip'], { zlibLevel: 0 }), [body]);
    expect(stored.length).toBeGreaterThan(body.length); // level 0: stored blocks, no compression
    expectSameBytes(zlib.gunzipSync(stored), body);
  });
});

describe('broken input is an error of the stream, never a clean end', () => {
  const encoded = Object.fromEntries(single.map((c) => [c, encodeOne[c](body)])) as Record<Coding, Buffer>;
  const raw = zlib.deflateRawSync(body);

  it('corrupt data', async () => {
    const garbage = Buffer.from('this is not compressed at all, just text');
    for (const c of single) {
      const { error } = await settle(createDecoder([c]), [garbage]);
      expect(error, c).not.toBeNull();
    }
    // Flipped bytes inside the compressed data: gzip (CRC-32) and zlib (Adler-32) carry a
    // checksum, and brotli's structure rarely survives.
    for (const c of single) {
      const bad = Buffer.from(encoded[c]);
      for (let i = Math.floor(bad.length / 3); i < bad.length; i += Math.floor(bad.length / 7)) bad[i] = (bad[i] as number) ^ 0xa5;
      const { error } = await settle(createDecoder([c]), [bad]);
      expect(error, c).not.toBeNull();
    }
    // Raw deflate has no checksum, so only a malformed stream can be caught: block type 3 is
    // reserved (RFC 1951 section 3.2.3).
    const { error } = await settle(createDecoder(['deflate']), [Buffer.from([0x07, 0x00, 0x00])]);
    expect(error?.message).toMatch(/invalid block type/);
  });

  it('an inner stage that fails fails the whole stack', async () => {
    const { error } = await settle(createDecoder(['gzip', 'br']), [zlib.brotliCompressSync(Buffer.from('not gzip inside'))]);
    expect(error?.message).toMatch(/header/);
  });

  it('input cut anywhere short of its end (the upstream dropped mid-body)', async () => {
    const cases: [Coding[], Buffer][] = [
      [['gzip'], encoded.gzip],
      [['deflate'], encoded.deflate],
      [['deflate'], raw],
      [['br'], encoded.br],
      [['gzip', 'br'], encodeWithNode(['gzip', 'br'], body)],
      [['br'], zlib.brotliCompressSync(Buffer.from('{"a":1}'))],
    ];
    for (const [codings, bytes] of cases) {
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 1, max: bytes.length - 1 }), async (cut) => {
          const { error } = await settle(createDecoder(codings), [bytes.subarray(0, cut)]);
          expect(error, `${codings.join(',')} cut at ${cut} of ${bytes.length}`).not.toBeNull();
        }),
        { numRuns: 40 },
      );
    }
  });

  it('ignores bytes after the end of a brotli, zlib or raw deflate stream, even in a later chunk', async () => {
    // These formats mark their own end; what follows is not part of the body (browsers drop it).
    for (const [name, codings, bytes] of [['br', ['br'], encoded.br], ['zlib', ['deflate'], encoded.deflate], ['raw', ['deflate'], raw]] as [string, Coding[], Buffer][]) {
      const decoder = createDecoder(codings);
      const out: Buffer[] = [];
      decoder.on('data', (c: Buffer) => out.push(c));
      const ended = new Promise<void>((resolve, reject) => { decoder.on('end', resolve); decoder.on('error', reject); });
      decoder.write(bytes);
      await new Promise((r) => setTimeout(r, 20)); // the stream has ended by itself by now
      decoder.write(Buffer.from('trailing junk'));
      decoder.end();
      await ended;
      expectSameBytes(Buffer.concat(out), body, name);
    }
  });

  it('ignores NUL padding after a gzip member', async () => {
    expectSameBytes(await decodeAll(createDecoder(['gzip']), [encoded.gzip, Buffer.alloc(8)]), body);
  });

  it('a lone first byte of deflate is truncated, not empty', async () => {
    const { error } = await settle(createDecoder(['deflate']), [zlib.deflateSync(body).subarray(0, 1)]);
    expect(error).not.toBeNull();
  });
});

describe('chunk invariance: any split of the input gives the same bytes', () => {
  const small = body.subarray(0, 20000);
  const cases: [string, Coding[], Buffer][] = [
    ...single.map((c): [string, Coding[], Buffer] => [c, [c], encodeOne[c](small)]),
    ['raw deflate', ['deflate'], zlib.deflateRawSync(small)],
    ['gzip, br', ['gzip', 'br'], encodeWithNode(['gzip', 'br'], small)],
  ];
  for (const [name, codings, encoded] of cases) {
    it(`decoding ${name}`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(fc.integer({ min: 0, max: encoded.length }), { maxLength: 40 }), async (cuts) => {
          expectSameBytes(await decodeAll(createDecoder(codings), splitAt(encoded, cuts)), small);
        }),
        { numRuns: 30 },
      );
    });
  }

  it('encoding, checked by decoding', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom<Coding[]>(['gzip'], ['deflate'], ['br'], ['gzip', 'br']), fc.array(fc.integer({ min: 0, max: small.length }), { maxLength: 40 }), async (codings, cuts) => {
        expectSameBytes(decodeWithNode(codings, await decodeAll(createEncoder(codings), splitAt(small, cuts))), small);
      }),
      { numRuns: 30 },
    );
  });
});

describe('streams behave as Node streams', () => {
  it('pipes end to end: encoder into decoder, through stream.pipeline', async () => {
    const { pipeline } = await import('node:stream/promises');
    const { Readable, Writable } = await import('node:stream');
    const out: Buffer[] = [];
    await pipeline(Readable.from(piecesOf(body, 1500)), createEncoder(['gzip', 'br']), createDecoder(['gzip', 'br']), new Writable({ write: (c: Buffer, _e, cb) => { out.push(c); cb(); } }));
    expectSameBytes(Buffer.concat(out), body);
  });

  it('can be destroyed mid-body by the caller without an error event', async () => {
    const decoder = createDecoder(['br']);
    const errors: Error[] = [];
    decoder.on('error', (e) => errors.push(e));
    decoder.write(zlib.brotliCompressSync(body).subarray(0, 100));
    decoder.destroy();
    await new Promise((r) => setTimeout(r, 20));
    expect(decoder.destroyed).toBe(true);
    expect(errors).toEqual([]);
  });

  it('lists every supported coding as decodable and encodable', async () => {
    for (const c of supportedCodings()) {
      expectSameBytes(await decodeAll(createDecoder([c]), [await decodeAll(createEncoder([c]), [body])]), body);
    }
  });
});
