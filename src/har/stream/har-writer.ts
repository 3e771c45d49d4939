// createHarWriter: a HAR written as it comes — log members in the order given, entries one
// at a time inside "log.entries" — with the output's backpressure respected.
//
// Layout: compact JSON, one log member or entry per line. One line per entry keeps the file
// diffable (a changed entry is a changed line) and as small as compact JSON; pretty-printing
// would double the size of a capture full of headers.
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { HarEntry } from '../har-types.js';
import { assertWritable, drained } from './drain.js';
import { jsonWithSpills, type JsonPiece } from './json-with-spills.js';
import { writeSpilledText } from './write-spilled-text.js';

export interface HarWriterOptions {
  /** End `out` when the HAR is complete (default true). */
  endStream?: boolean;
}

export interface HarWriter {
  /** A member of `log` other than `entries`. Those given before the first entry are written
   *  before the entries array, those given after it after it. An undefined value is skipped. */
  writeLogField(name: string, value: unknown): Promise<void>;
  /** The next entry of `log.entries`. */
  writeEntry(entry: HarEntry): Promise<void>;
  /** Closes the document (an empty `entries` array when none was written), ends `out`
   *  unless told not to, and resolves once it is flushed. */
  end(): Promise<void>;
  /** UTF-8 bytes handed to `out` so far. */
  readonly bytesWritten: number;
}

type EntriesState = 'before' | 'open' | 'closed';

export function createHarWriter(out: Writable, options: HarWriterOptions = {}): HarWriter {
  let started = false;
  let members = 0;
  let entriesState: EntriesState = 'before';
  let ended = false;
  let bytesWritten = 0;
  let queue: Promise<void> = Promise.resolve();

  const write = async (piece: string): Promise<void> => {
    if (piece.length === 0) return;
    assertWritable(out);
    bytesWritten += Buffer.byteLength(piece);
    if (!out.write(piece)) await drained(out);
  };

  const writePieces = async (pieces: JsonPiece[]): Promise<void> => {
    for (const piece of pieces) {
      if (typeof piece === 'string') await write(piece);
      else await writeSpilledText(piece, write);
    }
  };

  /** Runs operations one after another even when the caller does not await them. */
  const serial = (op: () => Promise<void>): Promise<void> => {
    const next = queue.then(op);
    queue = next.catch(() => undefined);
    return next;
  };

  const begin = async (): Promise<void> => {
    if (ended) throw new Error('HarWriter: already ended');
    if (!started) {
      started = true;
      await write('{"log":{');
    }
  };

  const memberPrefix = (): string => (members++ === 0 ? '\n' : ',\n');

  const closeEntries = async (): Promise<void> => {
    if (entriesState === 'open') await write('\n]');
    entriesState = 'closed';
  };

  return {
    get bytesWritten() {
      return bytesWritten;
    },
    writeLogField(name, value) {
      return serial(async () => {
        if (name === 'entries') throw new Error('HarWriter: write entries with writeEntry');
        await begin();
        const pieces = jsonWithSpills(value);
        if (pieces === undefined) return;
        if (entriesState === 'open') await closeEntries();
        await write(`${memberPrefix()}${JSON.stringify(name)}:`);
        await writePieces(pieces);
      });
    },
    writeEntry(entry) {
      return serial(async () => {
        await begin();
        if (entriesState === 'closed') throw new Error('HarWriter: an entry after log members that follow the entries array');
        const pieces = jsonWithSpills(entry);
        if (pieces === undefined || typeof entry !== 'object' || entry === null) throw new TypeError('HarWriter: an entry must be an object');
        if (entriesState === 'before') {
          await write(`${memberPrefix()}"entries":[\n`);
          entriesState = 'open';
        } else await write(',\n');
        await writePieces(pieces);
      });
    },
    end() {
      return serial(async () => {
        await begin();
        if (entriesState === 'before') await write(`${memberPrefix()}"entries":[]`);
        await closeEntries();
        await write('\n}}\n');
        ended = true;
        if (options.endStream ?? true) {
          out.end();
          await finished(out);
        }
      });
    },
  };
}
