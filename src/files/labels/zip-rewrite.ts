import { zipSync } from 'fflate';

/**
 * Rewrites a zip with some entries replaced or added, copying every other entry's bytes
 * (local header, compressed data, data descriptor) as they are: nothing is inflated, so a
 * document of any expanded size costs only its own bytes, and untouched parts stay
 * byte-identical. Zip64 archives are refused (Office packages within the governed size
 * never need it).
 */

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const EOCD_BYTES = 22;

interface CentralEntry {
  readonly name: string;
  readonly localOffset: number;
  /** The central directory record as written (header, name, extra field, comment). */
  readonly record: Uint8Array;
}

interface ZipLayout {
  readonly bytes: Uint8Array;
  readonly entries: readonly CentralEntry[];
  readonly centralOffset: number;
  readonly comment: Uint8Array;
}

export class ZipLayoutError extends Error {
  override readonly name = 'ZipLayoutError';
}

function readLayout(bytes: Uint8Array): ZipLayout {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  let eocd = -1;
  for (let at = bytes.length - EOCD_BYTES; at >= 0 && at >= bytes.length - EOCD_BYTES - 0xffff; at--) {
    if (u32(at) === END_OF_CENTRAL_DIRECTORY) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) throw new ZipLayoutError('no end of central directory');
  const count = u16(eocd + 10);
  const centralOffset = u32(eocd + 16);
  if (u16(eocd + 4) !== 0 || u16(eocd + 6) !== 0) throw new ZipLayoutError('a multi-disk zip');
  if (count === 0xffff || centralOffset === 0xffffffff) throw new ZipLayoutError('a zip64 archive');
  const commentLength = u16(eocd + 20);
  const entries: CentralEntry[] = [];
  const decoder = new TextDecoder();
  let at = centralOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > eocd || u32(at) !== CENTRAL_HEADER) throw new ZipLayoutError(`central directory record ${i} is missing`);
    const nameLength = u16(at + 28);
    const length = 46 + nameLength + u16(at + 30) + u16(at + 32);
    const localOffset = u32(at + 42);
    if (localOffset === 0xffffffff) throw new ZipLayoutError('a zip64 entry');
    if (localOffset + 30 > centralOffset || u32(localOffset) !== LOCAL_HEADER) throw new ZipLayoutError(`entry ${i} has no local header`);
    entries.push({ name: decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)), localOffset, record: bytes.subarray(at, at + length) });
    at += length;
  }
  return { bytes, entries, centralOffset, comment: bytes.subarray(eocd + EOCD_BYTES, eocd + EOCD_BYTES + commentLength) };
}

/** Each entry's local bytes run from its header to the next entry's header (or the central directory). */
function localSpans(layout: ZipLayout): Map<CentralEntry, Uint8Array> {
  const starts = [...new Set(layout.entries.map((e) => e.localOffset)), layout.centralOffset].sort((a, b) => a - b);
  const next = new Map(starts.map((start, i) => [start, starts[i + 1] ?? layout.centralOffset]));
  const spans = new Map<CentralEntry, Uint8Array>();
  for (const entry of layout.entries) {
    spans.set(entry, layout.bytes.subarray(entry.localOffset, next.get(entry.localOffset)));
  }
  return spans;
}

/**
 * The zip with `replacements` (entry name → new content) written in place of the entries of
 * those names, and the rest appended; other entries are copied as they are. Throws
 * {@link ZipLayoutError} for a zip it cannot lay out.
 */
export function rewriteZip(bytes: Uint8Array, replacements: ReadonlyMap<string, Uint8Array>, mtime: Date): Uint8Array {
  const original = readLayout(bytes);
  const fresh = readLayout(zipSync(Object.fromEntries([...replacements].map(([name, data]) => [name, [data, { level: 6, mtime }]]))));
  const originalSpans = localSpans(original);
  const freshSpans = localSpans(fresh);
  const freshByName = new Map(fresh.entries.map((e) => [e.name, e]));
  const kept = original.entries.map((e) => freshByName.get(e.name) ?? e);
  const added = fresh.entries.filter((e) => !original.entries.some((o) => o.name === e.name));
  const ordered = [...kept, ...added];

  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const entry of ordered) {
    const span = (originalSpans.get(entry) ?? freshSpans.get(entry)) as Uint8Array;
    const record = entry.record.slice();
    new DataView(record.buffer).setUint32(42, offset, true);
    locals.push(span);
    centrals.push(record);
    offset += span.length;
  }
  const centralSize = centrals.reduce((n, r) => n + r.length, 0);
  if (ordered.length > 0xfffe || offset + centralSize > 0xfffffffe) throw new ZipLayoutError('the result would need zip64');
  const end = new Uint8Array(EOCD_BYTES + original.comment.length);
  const view = new DataView(end.buffer);
  view.setUint32(0, END_OF_CENTRAL_DIRECTORY, true);
  view.setUint16(8, ordered.length, true);
  view.setUint16(10, ordered.length, true);
  view.setUint32(12, centralSize, true);
  view.setUint32(16, offset, true);
  view.setUint16(20, original.comment.length, true);
  end.set(original.comment, EOCD_BYTES);
  return concat([...locals, ...centrals, end]);
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
