import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';

/** The input named on the command line: FILE, or stdin when absent or `-` (the usual convention). */
export function inputStream(file: string | undefined): Readable {
  return file === undefined || file === '-' ? process.stdin : createReadStream(file);
}

/**
 * Whether an error is the reader of our stdout going away (`spr … | head -c 10`): not a
 * failure of ours, so the command ends quietly, as `cat` or `grep` would.
 */
export function isClosedOutput(err: unknown): boolean {
  return (err as NodeJS.ErrnoException | null)?.code === 'EPIPE';
}
