import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { UnreadableFileError } from '../../../src/files/file-facts.js';
import { CannotProtectError } from '../../../src/files/protector.js';
import { readLabels, stampLabel } from '../../../src/files/labels/index.js';
import { fixture } from './fixtures.js';

/** A fixture cut short and with some bytes overwritten. */
const damaged = (name: string) =>
  fc
    .record({
      cut: fc.oneof(fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true })),
      flips: fc.array(fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), value: fc.integer({ min: 0, max: 255 }) }), { maxLength: 8 }),
    })
    .map(({ cut, flips }) => {
      const bytes = fixture(name);
      const out = bytes.slice(0, Math.max(8, Math.floor(bytes.length * cut)));
      for (const flip of flips) out[Math.floor(flip.at * out.length)] = flip.value;
      return out;
    });

describe('damaged files', () => {
  it.each(['labelled-both.pptx', 'labelled-custom.xlsx', 'encrypted.docx', 'legacy.doc'])(
    'reading labels of a damaged %s resolves or says unreadable, never anything else',
    async (name) => {
      await fc.assert(
        fc.asyncProperty(damaged(name), async (bytes) => {
          try {
            await readLabels(bytes);
          } catch (err) {
            expect(err).toBeInstanceOf(UnreadableFileError);
          }
        }),
        { numRuns: 150 },
      );
    },
  );

  it('reading labels of a damaged PDF resolves or says unreadable', async () => {
    await fc.assert(
      fc.asyncProperty(damaged('labelled.pdf'), async (bytes) => {
        try {
          await readLabels(bytes);
        } catch (err) {
          expect(err).toBeInstanceOf(UnreadableFileError);
        }
      }),
      { numRuns: 30 },
    );
  });

  it('stamping a damaged package returns a package or says it cannot', () => {
    fc.assert(
      fc.property(damaged('report.docx'), (bytes) => {
        try {
          stampLabel(bytes, { name: 'General', id: '7c1d9e04-2b3f-4a5c-8d6e-1f2a3b4c5d6e' });
        } catch (err) {
          expect(err).toBeInstanceOf(CannotProtectError);
        }
      }),
      { numRuns: 150 },
    );
  });
});
