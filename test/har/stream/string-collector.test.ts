// The collector of one string: held up to spillChars, then written to a file in pieces; a
// surrogate pair cut between two incoming chunks must reach the file whole (the tokenizer
// of stream-json 3 keeps pairs together, but the collector must not rely on it).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SpilledText } from '../../../src/har/har-types.js';
import { SpillDir } from '../../../src/har/stream/spill-dir.js';
import { StringCollector, WRITE_CHARS } from '../../../src/har/stream/string-collector.js';

describe('StringCollector', () => {
  it('keeps a string of up to spillChars in memory', () => {
    const dir = new SpillDir(undefined);
    const c = new StringCollector(6, dir);
    c.add('abc');
    c.add('def');
    expect(c.finish(() => undefined)).toBe('abcdef');
    expect(dir.path).toBeUndefined();
  });

  it('writes a pair cut between chunks at the write boundary as one character', () => {
    const dir = new SpillDir(undefined);
    try {
      const c = new StringCollector(0, dir);
      const head = 'x'.repeat(WRITE_CHARS - 1) + '\uD83D'; // exactly WRITE_CHARS: written now, less the high half
      c.add(head);
      c.add('\uDE00y');
      let illFormed = false;
      const spilled = c.finish(() => (illFormed = true)) as SpilledText;
      expect(illFormed).toBe(false);
      const text = readFileSync(spilled.path, 'utf8');
      expect(text.slice(-3)).toBe('😀y');
      expect(text.length).toBe(WRITE_CHARS + 2);
      expect(spilled.chars).toBe(WRITE_CHARS + 2);
      expect(spilled.bytes).toBe(WRITE_CHARS - 1 + 4 + 1);
    } finally {
      dir.remove();
    }
  });

  it('reports a high surrogate left alone at the very end', () => {
    const dir = new SpillDir(undefined);
    try {
      const c = new StringCollector(1, dir);
      c.add('ab\uD83D');
      let illFormed = false;
      const spilled = c.finish(() => (illFormed = true)) as SpilledText;
      expect(illFormed).toBe(true);
      expect(readFileSync(spilled.path, 'utf8')).toBe('ab\uFFFD');
    } finally {
      dir.remove();
    }
  });
});
