import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { isSpilledText } from '../../../src/har/har-types.js';
import { createHarWriter, readHar, type HarEvent, type ReadHarOptions } from '../../../src/har/stream/index.js';

export { splitAt } from '../../helpers/streams.js';

/** The shared real-world HAR corpus beside the repository. */
export const corpusHarDir = fileURLToPath(new URL('../../../../shared/corpus/har/', import.meta.url));
export const corpusExists = existsSync(corpusHarDir);

/** Every `.har` of the corpus: [name, bytes]. */
export function corpusHars(): Array<[string, Buffer]> {
  if (!corpusExists) return [];
  return readdirSync(corpusHarDir)
    .filter((name) => name.endsWith('.har'))
    .sort()
    .map((name) => [name, readFileSync(corpusHarDir + name)]);
}

/** What JSON.parse makes of a HAR file (a BOM is not JSON: the spec says readers ignore it). */
export function parseHarBytes(bytes: Buffer): unknown {
  return JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
}

/** A Readable of raw bytes, in the given chunks. */
export function chunked(chunks: readonly Buffer[]): Readable {
  return Readable.from(chunks, { objectMode: false });
}

/** Every event of a reader, with each SpilledText replaced by `{ spilledText: its content }`
 *  (paths differ between runs; contents must not). */
export async function readEvents(input: Readable, options: ReadHarOptions = {}): Promise<{ events: unknown[]; problems: readonly string[] }> {
  const reader = readHar(input, options);
  const events: unknown[] = [];
  try {
    for await (const event of reader) events.push(resolveSpills(event));
  } finally {
    await reader.close();
  }
  return { events, problems: reader.problems };
}

export function resolveSpills(value: unknown): unknown {
  if (isSpilledText(value)) return { spilledText: readFileSync(value.path, 'utf8') };
  if (Array.isArray(value)) return value.map(resolveSpills);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) Object.defineProperty(out, k, { value: resolveSpills(v), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return value;
}

/** A Writable that keeps what it is given. */
export class Collector extends Writable {
  readonly chunks: Buffer[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, done: (error?: Error | null) => void): void {
    this.chunks.push(chunk);
    done();
  }
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
  bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

/** Reads a HAR and writes every event straight back: the output bytes. */
export async function roundTrip(
  input: Readable,
  options: ReadHarOptions = {},
): Promise<{ out: Buffer; problems: readonly string[]; spilled: boolean }> {
  const reader = readHar(input, options);
  const sink = new Collector();
  const writer = createHarWriter(sink);
  let spilled = false;
  try {
    for await (const event of reader) await writeEvent(writer, event);
    await writer.end();
    spilled = reader.spillDir !== undefined;
  } finally {
    await reader.close();
  }
  return { out: sink.bytes(), problems: reader.problems, spilled };
}

/** The length of the longest string anywhere in a JSON value. */
export function longestString(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (typeof value !== 'object' || value === null) return 0;
  let max = 0;
  for (const v of Object.values(value)) max = Math.max(max, longestString(v));
  return max;
}

export async function writeEvent(writer: ReturnType<typeof createHarWriter>, event: HarEvent): Promise<void> {
  if (event.kind === 'entry') await writer.writeEntry(event.entry);
  else await writer.writeLogField(event.name, event.value);
}

/** A small valid HAR 1.2 document, written by hand from the spec's examples. */
export function minimalHar(): Record<string, unknown> {
  return {
    log: {
      version: '1.2',
      creator: { name: 'hand', version: '1.0' },
      pages: [{ startedDateTime: '2009-04-16T12:07:25.123+01:00', id: 'page_0', title: 'Test Page', pageTimings: { onContentLoad: 1720, onLoad: 2500 } }],
      entries: [
        {
          pageref: 'page_0',
          startedDateTime: '2009-04-16T12:07:23.596Z',
          time: 50,
          request: {
            method: 'GET',
            url: 'http://www.example.com/path/?param=value',
            httpVersion: 'HTTP/1.1',
            cookies: [],
            headers: [{ name: 'Accept', value: 'text/html' }],
            queryString: [{ name: 'param', value: 'value' }],
            headersSize: 150,
            bodySize: 0,
          },
          response: {
            status: 200,
            statusText: 'OK',
            httpVersion: 'HTTP/1.1',
            cookies: [],
            headers: [{ name: 'Content-Type', value: 'text/html; charset=utf-8' }],
            content: { size: 33, compression: 0, mimeType: 'text/html; charset=utf-8', text: '<html><head></head><body/></html>\n' },
            redirectURL: '',
            headersSize: 160,
            bodySize: 850,
          },
          cache: {},
          timings: { send: 20, wait: 38, receive: 12 },
        },
      ],
    },
  };
}
