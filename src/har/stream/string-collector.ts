// One JSON string value as its chunks arrive: held in memory up to `spillChars`, past that
// written to a temp file as it streams, so a body bigger than a JavaScript string can hold
// (Node stops near 512 MiB) passes in bounded memory.
import { closeSync, openSync, writeSync } from 'node:fs';
import type { SpilledText } from '../har-types.js';
import type { SpillDir } from './spill-dir.js';
import { isHighSurrogate, isWellFormed } from './utf16.js';

/** Text is written to the file in pieces of about this many UTF-16 code units: small enough
 *  that the pieces never land in V8's large-object space (only a full GC empties it). */
export const WRITE_CHARS = 1 << 15;


export class StringCollector {
  private parts: string[] = [];
  private pendingChars = 0;
  private chars = 0;
  private bytes = 0;
  private fd: number | undefined;
  private path = '';
  private wellFormed = true;

  constructor(
    private readonly spillChars: number,
    private readonly dir: SpillDir,
  ) {}

  add(chunk: string): void {
    this.parts.push(chunk);
    this.pendingChars += chunk.length;
    this.chars += chunk.length;
    if (this.fd === undefined && this.chars > this.spillChars) {
      this.path = this.dir.nextFile();
      this.fd = openSync(this.path, 'w');
    }
    if (this.fd !== undefined && this.pendingChars >= WRITE_CHARS) this.writeOut(false);
  }

  /** The whole string, or where it was spilled. `onIllFormed` hears of lone surrogates a
   *  spilled file could not keep (UTF-8 has no form for them: they become U+FFFD). */
  finish(onIllFormed: () => void): string | SpilledText {
    if (this.fd === undefined) return this.parts.length === 1 ? this.parts[0] : this.parts.join('');
    try {
      this.writeOut(true);
    } finally {
      closeSync(this.fd);
    }
    if (!this.wellFormed) onIllFormed();
    return { spilled: true, path: this.path, chars: this.chars, bytes: this.bytes };
  }

  /** Drops a half-written file's handle (the directory is removed with the run). */
  abandon(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private writeOut(last: boolean): void {
    let text = this.parts.join('');
    this.parts = [];
    // A surrogate pair split between two pieces would be written as two U+FFFD: keep the
    // high half back for the next piece.
    if (!last && text.length > 0 && isHighSurrogate(text.charCodeAt(text.length - 1))) {
      this.parts.push(text.slice(-1));
      text = text.slice(0, -1);
    }
    this.pendingChars = this.parts.length === 0 ? 0 : 1;
    if (!isWellFormed(text)) this.wellFormed = false;
    const buf = Buffer.from(text, 'utf8');
    let off = 0;
    while (off < buf.length) off += writeSync(this.fd as number, buf, off, buf.length - off);
    this.bytes += buf.length;
  }
}
