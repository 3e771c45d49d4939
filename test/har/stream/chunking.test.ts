// The events do not depend on how the input is cut: one byte at a time, or at random points
// (inside a BOM, a UTF-8 sequence, an escape, a number, a key, a spilled string).
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chunked, corpusExists, corpusHarDir, readEvents, splitAt } from './helpers.js';

const oneByteChunks = (bytes: Buffer): Buffer[] => Array.from({ length: bytes.length }, (_, i) => bytes.subarray(i, i + 1));

/** A small HAR with everything a cut can fall into. */
const tricky = Buffer.from(
  '\uFEFF{"log":{"version":"1.2","_n":[-12.5e-3,0,1E+2,true,false,null],"entries":[' +
    '{"request":{"url":"http://h\\u00e9.example/\\"q\\"","postData":{"mimeType":"text/plain","text":"' +
    'é€😀\\ud83d\\ude00\\n\\t\\\\\\/'.repeat(40) +
    '"}},"response":{"content":{"text":"short"}}},' +
    '{"ünïcødé key":"😀","empty":"","obj":{},"arr":[]}' +
    '],"comment":"end"}}',
  'utf8',
);

describe('readHar: chunking does not change the events', () => {
  for (const spillChars of [8 * 1024 * 1024, 64]) {
    describe(`spillChars ${spillChars}`, () => {
      it('one byte at a time', async () => {
        const whole = await readEvents(chunked([tricky]), { spillChars });
        expect(whole.events.length).toBe(5);
        const bytewise = await readEvents(chunked(oneByteChunks(tricky)), { spillChars });
        expect(bytewise).toEqual(whole);
      });

      it('random cuts', async () => {
        const whole = await readEvents(chunked([tricky]), { spillChars });
        await fc.assert(
          fc.asyncProperty(fc.array(fc.integer({ min: 0, max: tricky.length }), { maxLength: 30 }), async (cuts) => {
            expect(await readEvents(chunked(splitAt(tricky, cuts)), { spillChars })).toEqual(whole);
          }),
          { numRuns: 150 },
        );
      });
    });
  }

  it.skipIf(!corpusExists)('a corpus HAR one byte at a time and cut at random points', async () => {
    const bytes = readFileSync(`${corpusHarDir}harviewer__fiddler_m.cnn.com.har`); // BOM, bodies, 190 KB
    const whole = await readEvents(chunked([bytes]), { spillChars: 2048 });
    expect(whole.events.length).toBeGreaterThan(20);
    expect(await readEvents(chunked(oneByteChunks(bytes)), { spillChars: 2048 })).toEqual(whole);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: bytes.length }), { minLength: 1, maxLength: 200 }), async (cuts) => {
        expect(await readEvents(chunked(splitAt(bytes, cuts)), { spillChars: 2048 })).toEqual(whole);
      }),
      { numRuns: 10 },
    );
  });
});
