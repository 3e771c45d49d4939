// readHar: a HAR file as a stream of events — log members and entries, one entry at a time.
import type { Readable } from 'node:stream';
import type { HarEvent } from './har-events.js';
import { HarTokenMachine } from './har-token-machine.js';
import { createJsonTokenizer } from './json-tokenizer.js';
import { SpillDir } from './spill-dir.js';
import { ValueAssembler } from './value-assembler.js';

/** Strings longer than this many UTF-16 code units are spilled by default (8 Mi chars). */
export const DEFAULT_SPILL_CHARS = 8 * 1024 * 1024;

export interface ReadHarOptions {
  /** A string value longer than this (UTF-16 code units) becomes a SpilledText. Default 8 Mi. */
  spillChars?: number;
  /** Where spilled strings go. Given: the caller owns and removes it. Absent: the reader makes
   *  one under the OS temp dir on the first spill and `close()` removes it. */
  tempDir?: string;
  /** Hears each problem as it is met (they are also kept in `problems`). */
  onProblem?: (message: string) => void;
}

/** An async iterable of HarEvents (iterate it once). Iteration throws HarFormatError when the
 *  input is not a HAR; by then some events may have been yielded. */
export interface HarReader extends AsyncIterable<HarEvent> {
  /** Oddities met so far that did not stop the reading, in order (e.g. an ignored top-level
   *  member, a lone surrogate that could not be spilled as is). */
  readonly problems: readonly string[];
  /** The directory holding spilled strings, when there is one. */
  readonly spillDir: string | undefined;
  /** Removes the temp dir the reader made (not a caller's `tempDir`). Call it when every
   *  SpilledText it yielded has been used, also after an error. */
  close(): Promise<void>;
}

export function readHar(input: Readable | AsyncIterable<Uint8Array | string>, options: ReadHarOptions = {}): HarReader {
  const spillChars = options.spillChars ?? DEFAULT_SPILL_CHARS;
  if (!Number.isInteger(spillChars) || spillChars < 0) throw new RangeError(`spillChars must be a whole number ≥ 0, not ${spillChars}`);
  const problems: string[] = [];
  const report = (message: string): void => {
    problems.push(message);
    options.onProblem?.(message);
  };
  const dir = new SpillDir(options.tempDir);
  let started = false;

  async function* events(): AsyncGenerator<HarEvent> {
    const tokenizer = createJsonTokenizer();
    const assembler = new ValueAssembler(spillChars, dir, report);
    const machine = new HarTokenMachine(assembler, report);
    try {
      for await (const chunk of input as AsyncIterable<Uint8Array | string>) {
        for (const token of tokenizer.push(chunk)) {
          const event = machine.push(token);
          if (event !== undefined) yield event;
        }
      }
      for (const token of tokenizer.end()) {
        const event = machine.push(token);
        if (event !== undefined) yield event;
      }
      machine.finish();
    } finally {
      assembler.abandon();
    }
  }

  return {
    problems,
    get spillDir() {
      return dir.path;
    },
    async close() {
      dir.remove();
    },
    [Symbol.asyncIterator]() {
      if (started) throw new Error('readHar: a HarReader can be iterated only once');
      started = true;
      return events();
    },
  };
}
