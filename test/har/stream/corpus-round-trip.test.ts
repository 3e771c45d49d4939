// Every corpus HAR read and written back gives the same JSON (bodies included), with the
// default spill threshold and with one so small that every body goes through a temp file.
import { describe, expect, it } from 'vitest';
import { chunked, corpusExists, corpusHars, longestString, parseHarBytes, roundTrip } from './helpers.js';

if (!corpusExists) console.warn('test/har/stream: ../shared/corpus/har is absent; the corpus round trips are skipped');

describe.skipIf(!corpusExists)('corpus HARs round trip through readHar and createHarWriter', () => {
  const files = corpusHars();

  it('finds the corpus', () => {
    expect(files.length).toBeGreaterThanOrEqual(34);
  });

  it.each(files.map(([name, bytes]) => ({ name, bytes })))('$name', async ({ bytes }) => {
    const expected = parseHarBytes(bytes);
    const plain = await roundTrip(chunked([bytes.subarray(0, 65536), bytes.subarray(65536)]));
    expect(JSON.parse(plain.out.toString('utf8'))).toEqual(expected);
    expect(plain.problems).toEqual([]);

    // Every string past 1 KiB spilled to a file and streamed back out: the same JSON, and the
    // very same bytes as without spilling.
    const spilled = await roundTrip(chunked([bytes]), { spillChars: 1024 });
    expect(spilled.spilled).toBe(longestString(expected) > 1024);
    expect(spilled.out.equals(plain.out)).toBe(true);
  });
});
