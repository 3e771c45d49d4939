import { Transform, type Writable } from 'node:stream';
import { createHarWriter, readHar } from '../stream/index.js';
import { createLogNormalizer, normalizeEntry } from './normalize-har.js';
import { rewriteEntry } from './rewrite-entry.js';
import { rewritePages } from './pages.js';
import type { SessionRun } from './session-run.js';
import type { SessionSummary } from './session-summary.js';

/**
 * Strings past 1 Mi UTF-16 units are spilled to temp files. A body held as a string is held
 * several times over while it is rewritten (its text, its bytes, the output's bytes and
 * text), so this bound, not the reader's 8 Mi default, is what keeps one entry small in
 * memory; spilled bodies stream through the pipeline file to file.
 */
export const SESSION_SPILL_CHARS = 1 << 20;

export interface RewriteHarOptions {
  /** End `output` when the HAR is written (default true). */
  readonly endStream?: boolean;
  /** Called after each entry with the input bytes read so far and the entries written. */
  readonly onProgress?: (bytesRead: number, entries: number) => void;
  /** Strings longer than this are spilled to the run's temp dir (default {@link SESSION_SPILL_CHARS}). */
  readonly spillChars?: number;
}

/**
 * A whole HAR through the proxy, streamed: each log member and entry is read, rewritten as
 * the browser would see it through the proxy (`rewriteEntry`, `rewritePages`), made valid
 * HAR 1.2 (`normalizeEntry`: each repair a `normalized` problem) and written before the
 * next is read. Resolves with the run's summary (the file's bytes in and out included);
 * rejects with `HarFormatError` for input that is not a HAR.
 */
export async function rewriteHar(input: NodeJS.ReadableStream, output: Writable, run: SessionRun, options: RewriteHarOptions = {}): Promise<SessionSummary> {
  const counted = countingInput(input);
  const reader = readHar(counted.stream, {
    tempDir: run.tempDir,
    spillChars: options.spillChars ?? SESSION_SPILL_CHARS,
    onProblem: (message) => run.stats.problem(null, 'reader', message),
  });
  const writer = createHarWriter(output, { endStream: options.endStream ?? true });
  const log = createLogNormalizer((path, what) => run.stats.problem(null, 'normalized', `${path}: ${what}`));
  let entries = 0;
  let pages = false;
  for await (const event of reader) {
    if (event.kind === 'log-field') {
      pages ||= event.name === 'pages' && Array.isArray(event.value);
      const member = log.field(event.name, event.name === 'pages' ? rewritePages(event.value, run) : event.value);
      if (member !== null) await writer.writeLogField(member.name, member.value);
    } else {
      const index = event.index;
      const entry = normalizeEntry(await rewriteEntry(event.entry, run), `/log/entries/${index}`, (path, what) => run.stats.problem(index, 'normalized', `${path}: ${what}`));
      await writer.writeEntry(entry);
      options.onProgress?.(counted.bytes(), ++entries);
    }
  }
  for (const member of log.missing()) await writer.writeLogField(member.name, member.value);
  await writer.end();
  if (counted.bom()) run.stats.problem(null, 'bom', 'the file starts with a UTF-8 byte order mark: read past it');
  if (!pages) run.stats.problem(null, 'no-pages', 'the log has no pages array: entries are grouped by their pageref alone');
  run.stats.fileBytes(counted.bytes(), writer.bytesWritten);
  return run.stats.summary();
}

/** The input stream, counting its bytes (for progress and MB/s) and noting a UTF-8 BOM. */
function countingInput(source: NodeJS.ReadableStream) {
  let bytes = 0;
  let head = Buffer.alloc(0);
  const stream = new Transform({
    transform(chunk: Buffer, _enc, done) {
      if (head.length < 3) head = Buffer.concat([head, chunk.subarray(0, 3 - head.length)]);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  source.on('error', (err) => stream.destroy(err));
  source.pipe(stream);
  return { stream, bytes: () => bytes, bom: () => head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf };
}
