// A JSON string escaped piece by piece is the JSON string of the whole, wherever the cuts
// fall: between the halves of a surrogate pair, inside a UTF-8 sequence of the file.
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { JsonStringEscaper, writeSpilledText } from '../../../src/har/stream/index.js';

function escapeInPieces(pieces: readonly string[]): string {
  const escaper = new JsonStringEscaper();
  return `"${pieces.map((p) => escaper.push(p)).join('')}${escaper.end()}"`;
}

/** Any UTF-16 code unit, lone surrogates included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
/** Text dense in surrogate pairs, escapes and multi-byte characters. */
const wellFormedUnits = ['😀', '𝄞', 'a', '"', '\\', '\n', '\u0000', 'é', '€', '\u2028'];
const dense = fc.string({ unit: fc.constantFrom(...wellFormedUnits, '\uD800', '\uDFFF') });
const denseWellFormed = fc.string({ unit: fc.constantFrom(...wellFormedUnits) });

describe('JsonStringEscaper', () => {
  it('a string with surrogate pairs, cut at every position', () => {
    const text = 'a😀b𝄞"\\\n😀😀\uD800x\uDC00';
    for (let i = 0; i <= text.length; i++) {
      for (let j = i; j <= text.length; j++) {
        expect(escapeInPieces([text.slice(0, i), text.slice(i, j), text.slice(j)])).toBe(JSON.stringify(text));
      }
    }
  });

  it('any text, any cuts (fast-check)', () => {
    fc.assert(
      fc.property(fc.oneof(dense, fc.string({ unit: codeUnit }), fc.string({ unit: 'binary' })), fc.array(fc.nat()), (text, cuts) => {
        const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const pieces: string[] = [];
        let from = 0;
        for (const p of points) {
          pieces.push(text.slice(from, p));
          from = p;
        }
        pieces.push(text.slice(from));
        expect(escapeInPieces(pieces)).toBe(JSON.stringify(text));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('writeSpilledText', () => {
  const dir = mkdtempSync(join(tmpdir(), 'har-escape-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function streamed(text: string, readBytes: number): Promise<string> {
    const path = join(dir, 'text.txt');
    writeFileSync(path, text, 'utf8');
    const out: string[] = [];
    const bytes = Buffer.byteLength(text);
    await writeSpilledText({ spilled: true, path, chars: text.length, bytes }, async (piece) => void out.push(piece), readBytes);
    return out.join('');
  }

  it('never splits a UTF-8 sequence read in pieces of 1 to 7 bytes', async () => {
    const text = 'aé€😀𝄞"\\\n\u0000 ' + '😀é'.repeat(20);
    for (let readBytes = 1; readBytes <= 7; readBytes++) expect(await streamed(text, readBytes)).toBe(JSON.stringify(text));
  });

  it('any well-formed text, read in any piece size (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ unit: 'binary' }), denseWellFormed), fc.integer({ min: 1, max: 64 }), async (text, readBytes) => {
        expect(await streamed(text, readBytes)).toBe(JSON.stringify(text));
      }),
      { numRuns: 300 },
    );
  });
});
