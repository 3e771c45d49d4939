import { expect, it } from 'vitest';
import { expectedDigest, MiB, probe, UNITS } from '../../bench/memory-probe.js';

/**
 * One maximal unit per test, in a child process (see bench/memory-probe.ts) with
 * maxBufferBytes = 4 MiB and a heap limit of the child's own baseline plus the documented
 * multiple: 4 × the cap. A unit that needs more dies with "heap out of memory".
 */
export const CAP = 4 * MiB;
/** Old space the child needs before any unit (modules, the rewriter): about 12 MB, measured by bench/memory.bench.ts. */
const BASELINE_MB = 14;
const LIMIT_MB = BASELINE_MB + (4 * CAP) / MiB;
/**
 * Heap allocation allowed per byte of the unit. A linear rewrite copies each byte a few
 * times (input text, the flattened unit, the rewritten text: 3.5 to 10 in
 * bench/memory.bench.ts, the rest being per-URL garbage); re-copying the buffered part
 * on every 64 KiB chunk, as before, allocated 25 to 40 times the unit at this cap, and
 * more the larger the cap.
 */
const ALLOCATED_PER_BYTE = 16;

/** Declares a test that runs unit `name` under the limit and checks its output and its allocation. */
export function itFitsUnderTheLimit(name: string): void {
  it(`${name}: completes within ${LIMIT_MB} MB of heap, with the expected bytes, allocating linearly`, () => {
    const r = probe(name, CAP, LIMIT_MB);
    expect(r.error ?? '').toBe('');
    expect(r.ok).toBe(true);
    expect(r.result?.sha).toBe(expectedDigest(name, CAP));
    const unitBytes = CAP * (UNITS[name]?.caps ?? 1);
    expect(r.allocated).toBeLessThan(ALLOCATED_PER_BYTE * unitBytes);
  });
}
