import * as zlib from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDecoder } from '../../src/pipeline/codings/index.js';
import { splitAt } from '../helpers/streams.js';
import { decodeAll, expectSameBytes, piecesOf, settle } from './codings-support.js';

const text = Buffer.from(Array.from({ length: 400 }, (_, i) => `<p>item ${i} https://app.example.com/${(i * 31) % 97}</p>\n`).join(''));
const gz = zlib.gzipSync(text);

/** A gzip member built by hand per RFC 1952 section 2.3: header fields, deflateRawSync data, CRC32 and ISIZE. */
function member(flags: number, fields: Buffer[], data = text): Buffer {
  const footer = Buffer.alloc(8);
  footer.writeUInt32LE(zlib.crc32(data) >>> 0, 0);
  footer.writeUInt32LE(data.length, 4);
  const fixed = Buffer.from([0x1f, 0x8b, 8, flags, 0, 0, 0, 0, 0, 255]);
  return Buffer.concat([fixed, ...fields, zlib.deflateRawSync(data), footer]);
}
const xlen = (n: number) => Buffer.from([n & 0xff, n >> 8]);
const extra = Buffer.concat([xlen(6), Buffer.from('AB'), xlen(2), Buffer.from('hi')]); // one subfield, SI1 SI2 LEN data
const hcrc = Buffer.from([0x12, 0x34]); // skipped unchecked, as Chromium does
const full = member(0x02 | 0x04 | 0x08 | 0x10, [extra, Buffer.from('index.html\0'), Buffer.from('a comment\0'), hcrc]);

describe('gzip: what follows the first member is ignored, as Chromium does', () => {
  const tails: [string, Buffer][] = [
    ['a newline', Buffer.from('\n')],
    ['CRLF', Buffer.from('\r\n')],
    ['garbage', Buffer.from('<!-- appended by a broken server -->')],
    ['NUL padding', Buffer.alloc(4096)],
    ['a second gzip member (Chromium shows only the first)', zlib.gzipSync('SECOND MEMBER')],
    ['a 0x1f 0x8b start of a member cut short', Buffer.from([0x1f, 0x8b])],
  ];
  for (const [name, tail] of tails) {
    it(`after ${name}`, async () => {
      expectSameBytes(await decodeAll(createDecoder(['gzip']), [gz, tail]), text);
      expectSameBytes(await decodeAll(createDecoder(['gzip']), [Buffer.concat([gz, tail])]), text);
    });
  }

  it('as the inner stage of gzip, br', async () => {
    const body = zlib.brotliCompressSync(Buffer.concat([gz, Buffer.from('\n')]));
    expectSameBytes(await decodeAll(createDecoder(['gzip', 'br']), [body]), text);
  });

  it('any chunking of member + trailing bytes gives the same bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(gz, full), fc.uint8Array({ maxLength: 64 }), fc.array(fc.nat(), { maxLength: 30 }), async (m, tail, cuts) => {
        const input = Buffer.concat([m, Buffer.from(tail)]);
        expectSameBytes(await decodeAll(createDecoder(['gzip']), splitAt(input, cuts.map((c) => c % (input.length + 1)))), text);
      }),
      { numRuns: 60 },
    );
  });
});

describe('gzip header fields (RFC 1952 section 2.3.1), built by hand', () => {
  const cases: [string, Buffer][] = [
    ['FNAME', member(0x08, [Buffer.from('page.html\0')])],
    ['FCOMMENT', member(0x10, [Buffer.from('made by hand\0')])],
    ['FEXTRA', member(0x04, [extra])],
    ['FEXTRA of length 0', member(0x04, [xlen(0)])],
    ['FHCRC', member(0x02, [hcrc])],
    ['FTEXT (informative only)', member(0x01, [])],
    ['all of them', full],
  ];
  for (const [name, bytes] of cases) {
    it(`${name}: decodes whole and one byte at a time`, async () => {
      expectSameBytes(await decodeAll(createDecoder(['gzip']), [bytes]), text);
      expectSameBytes(await decodeAll(createDecoder(['gzip']), piecesOf(bytes, 1)), text);
    });
  }

  it('a name or comment no longer than maxDecodedBytes decodes; a longer one is an error', async () => {
    const long = member(0x10, [Buffer.concat([Buffer.alloc(100_000, 'c'), Buffer.from([0])])]);
    expectSameBytes(await decodeAll(createDecoder(['gzip'], { maxDecodedBytes: 200_000 }), [long]), text);
    const { error } = await settle(createDecoder(['gzip'], { maxDecodedBytes: 50_000 }), piecesOf(long, 4096));
    expect(error?.message).toMatch(/gzip header: longer than 50000 bytes/);
  });
});

describe('gzip: broken input stays an error', () => {
  it('a corrupt header', async () => {
    const bad: [string, Buffer][] = [
      ['ID1', Buffer.concat([Buffer.from([0x1e]), gz.subarray(1)])],
      ['ID2', Buffer.concat([gz.subarray(0, 1), Buffer.from([0x8c]), gz.subarray(2)])],
      ['CM 7', Buffer.concat([gz.subarray(0, 2), Buffer.from([7]), gz.subarray(3)])],
      ['reserved FLG bit', Buffer.concat([gz.subarray(0, 3), Buffer.from([0x20]), gz.subarray(4)])],
      ['plain text', Buffer.from('<html>not gzip</html>')],
    ];
    for (const [name, bytes] of bad) {
      const { error, bytes: out } = await settle(createDecoder(['gzip']), piecesOf(bytes, 3));
      expect(error?.message, name).toMatch(/gzip header/);
      expect(out.length, name).toBe(0);
    }
  });

  it('input cut anywhere before the end of the footer, with any chunking', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(gz, full), fc.nat(), fc.array(fc.nat(), { maxLength: 10 }), async (m, at, cuts) => {
        const cut = 1 + (at % (m.length - 1));
        const input = m.subarray(0, cut);
        const { error } = await settle(createDecoder(['gzip']), splitAt(input, cuts.map((c) => c % (cut + 1))));
        expect(error, `cut at ${cut} of ${m.length}`).not.toBeNull();
      }),
      { numRuns: 80 },
    );
    // Cut inside the header at each field, and inside the footer: named errors.
    expect((await settle(createDecoder(['gzip']), [full.subarray(0, 14)])).error?.message).toMatch(/ended inside the header/);
    expect((await settle(createDecoder(['gzip']), [gz.subarray(0, gz.length - 3)])).error?.message).toMatch(/ended 5 bytes into the 8-byte footer/);
  });

  it('a footer whose CRC-32 or ISIZE does not match the decoded bytes', async () => {
    const badCrc = Buffer.from(gz);
    badCrc[gz.length - 8] = (badCrc[gz.length - 8] as number) ^ 1;
    expect((await settle(createDecoder(['gzip']), [badCrc])).error?.message).toMatch(/CRC-32/);
    const badSize = Buffer.from(gz);
    badSize[gz.length - 1] = (badSize[gz.length - 1] as number) ^ 1;
    expect((await settle(createDecoder(['gzip']), [badSize])).error?.message).toMatch(/ISIZE/);
  });
});
