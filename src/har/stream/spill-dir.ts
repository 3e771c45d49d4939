// Where a reader's spilled strings live: the caller's directory, or one made on first use.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export class SpillDir {
  private made: string | undefined;
  private count = 0;

  /** `given`: a directory the caller owns (and removes); otherwise one is made under the OS temp dir. */
  constructor(private readonly given: string | undefined) {}

  /** The directory, if any file was spilled or one was given. */
  get path(): string | undefined {
    return this.given ?? this.made;
  }

  /** A fresh file name in the directory (made now if needed). */
  nextFile(): string {
    const dir = this.given ?? (this.made ??= mkdtempSync(join(tmpdir(), 'spr-har-')));
    this.count += 1;
    return join(dir, `spill-${process.pid}-${this.count}.txt`);
  }

  /** Removes the directory this object made (never the caller's). */
  remove(): void {
    if (this.made !== undefined) rmSync(this.made, { recursive: true, force: true });
    this.made = undefined;
  }
}
