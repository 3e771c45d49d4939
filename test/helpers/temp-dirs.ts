import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const made: string[] = [];

// Registered when a test file imports this module (while vitest collects the file), so it
// runs when the file is done even for directories made later inside hooks or tests, where
// an afterAll registered then would not be run.
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * A fresh directory under the OS temp dir, removed with everything in it when the test
 * file is done (a run of the suite leaves nothing behind in /tmp).
 */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}
