import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FILE_LIMITS } from '../../../src/files/file-facts.js';
import { extractText } from '../../../src/files/inspect/index.js';
import { clues, docxOf, pdf, xlsx, zip } from './build-files.js';

const REASONS = [null, 'too-large', 'too-much-text', 'encrypted', 'corrupt'];
const NAMES = ['a.txt', 'a.json', 'a.html', 'a.xml', 'a.docx', 'a.xlsx', 'a.pdf', 'a.zip', 'a.doc', 'a.png', 'download'];
const seeds = [
  docxOf('Quarterly revenue', '123-45-6789'),
  xlsx(['a', 'b'], [[[{ s: 0 }, { n: '1' }]]]),
  zip({ 'a.txt': 'x', 'in.zip': zip({ 'b.json': '{"a":1}' }) }),
  pdf([['text']]),
  new Uint8Array(readFileSync(new URL('../../fixtures/files/report.docx', import.meta.url))),
];

/** A seed file with a few bytes overwritten, cut, or both. */
const damaged = fc
  .record({
    seed: fc.constantFrom(...seeds),
    edits: fc.array(fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }), { maxLength: 8 }),
    cut: fc.option(fc.nat()),
  })
  .map(({ seed, edits, cut }) => {
    const out = seed.slice();
    for (const { at, byte } of edits) out[at % out.length] = byte;
    return cut === null ? out : out.subarray(0, cut % (out.length + 1));
  });

describe('extractText never throws', () => {
  it('on damaged documents, archives and PDFs, or random bytes, under any name and small limits', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(damaged, fc.uint8Array({ maxLength: 300 })),
        fc.constantFrom(...NAMES),
        fc.integer({ min: 0, max: 50 }),
        async (bytes, name, inspectChars) => {
          const result = await extractText(bytes, clues(name), { ...DEFAULT_FILE_LIMITS, inspectChars });
          expect(result.text.length).toBeLessThanOrEqual(inspectChars);
          expect(REASONS).toContain(result.cannotInspect);
        },
      ),
      { numRuns: 300 },
    );
  });
});
