import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const made: string[] = [];
let hooked = false;

/**
 * A fresh directory under the OS temp dir, removed with everything in it when the test
 * file is done (a run of the suite leaves nothing behind in /tmp).
 */
export function tempDir(prefix: string): string {
  if (!hooked) {
    hooked = true;
    afterAll(() => {
      for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
    });
  }
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}
