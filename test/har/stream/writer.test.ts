// The writer: members where they were given, one entry per line, SpilledTexts streamed,
// and the output's backpressure respected.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import type { HarEntry, SpilledText } from '../../../src/har/har-types.js';
import { createHarWriter } from '../../../src/har/stream/index.js';
import { Collector } from './helpers.js';

const entry = (n: number): HarEntry => ({ n }) as unknown as HarEntry;

describe('createHarWriter', () => {
  const dir = mkdtempSync(join(tmpdir(), 'har-writer-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('puts members given before the first entry before the array, later ones after it', async () => {
    const sink = new Collector();
    const w = createHarWriter(sink);
    await w.writeLogField('version', '1.2');
    await w.writeEntry(entry(1));
    await w.writeEntry(entry(2));
    await w.writeLogField('comment', 'after');
    await w.writeLogField('_skipped', undefined);
    await w.end();
    expect(sink.text()).toBe('{"log":{\n"version":"1.2",\n"entries":[\n{"n":1},\n{"n":2}\n],\n"comment":"after"\n}}\n');
    expect(w.bytesWritten).toBe(sink.bytes().length);
  });

  it('writes an empty entries array when there was no entry, and a bare log when nothing at all', async () => {
    const sink = new Collector();
    const w = createHarWriter(sink);
    await w.writeLogField('version', '1.2');
    await w.end();
    expect(JSON.parse(sink.text())).toEqual({ log: { version: '1.2', entries: [] } });
    const empty = new Collector();
    await createHarWriter(empty).end();
    expect(JSON.parse(empty.text())).toEqual({ log: { entries: [] } });
  });

  it('refuses what would break the document', async () => {
    const w = createHarWriter(new Collector());
    await expect(w.writeLogField('entries', [])).rejects.toThrow(/writeEntry/);
    await w.writeEntry(entry(1));
    await w.writeLogField('comment', 'x');
    await expect(w.writeEntry(entry(2))).rejects.toThrow(/after log members/);
    await expect(w.writeEntry(null as unknown as HarEntry)).rejects.toThrow();
    await w.end();
    await expect(w.writeLogField('late', 1)).rejects.toThrow(/already ended/);
  });

  it('keeps calls in order even when they are not awaited', async () => {
    const sink = new Collector();
    const w = createHarWriter(sink);
    void w.writeLogField('version', '1.2');
    for (let i = 0; i < 5; i++) void w.writeEntry(entry(i));
    await w.end();
    expect(JSON.parse(sink.text()).log.entries.map((e: { n: number }) => e.n)).toEqual([0, 1, 2, 3, 4]);
  });

  it('streams a SpilledText from its file, in any position of an entry', async () => {
    const text = '😀 "big" \n body é'.repeat(1000);
    const path = join(dir, 'body.txt');
    writeFileSync(path, text, 'utf8');
    const spilled: SpilledText = { spilled: true, path, chars: text.length, bytes: Buffer.byteLength(text) };
    const sink = new Collector();
    const w = createHarWriter(sink);
    const e = { a: spilled, b: [spilled, 'x', { c: spilled }], d: 1 } as unknown as HarEntry;
    await w.writeEntry(e);
    await w.writeLogField('_also', spilled);
    await w.end();
    expect(JSON.parse(sink.text())).toEqual({ log: { entries: [{ a: text, b: [text, 'x', { c: text }], d: 1 }], _also: text } });
  });

  it('writes only when the output is not asking for a drain, and finishes', async () => {
    const text = 'x'.repeat(3 << 20); // three reads of the file
    const path = join(dir, 'big.txt');
    writeFileSync(path, text, 'utf8');
    const spilled: SpilledText = { spilled: true, path, chars: text.length, bytes: text.length };
    let writesWhileFull = 0;
    let received = 0;
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _enc, done) {
        received += chunk.length;
        setTimeout(done, 1);
      },
    });
    const write = slow.write.bind(slow);
    slow.write = ((chunk: unknown, ...rest: never[]) => {
      if (slow.writableNeedDrain) writesWhileFull += 1;
      return write(chunk as Buffer, ...rest);
    }) as typeof slow.write;
    const w = createHarWriter(slow);
    for (let i = 0; i < 50; i++) await w.writeEntry({ i, body: i === 25 ? spilled : 'y'.repeat(5000) } as unknown as HarEntry);
    await w.end();
    expect(writesWhileFull).toBe(0);
    expect(slow.writableFinished).toBe(true);
    expect(received).toBe(w.bytesWritten);
  });

  it('rejects when the output fails', async () => {
    const broken = new Writable({
      highWaterMark: 16,
      write(_chunk, _enc, done) {
        setTimeout(() => done(new Error('disk full')), 1);
      },
    });
    broken.on('error', () => undefined);
    const w = createHarWriter(broken);
    await expect(
      (async () => {
        for (let i = 0; i < 100; i++) await w.writeEntry({ i, pad: 'z'.repeat(100) } as unknown as HarEntry);
        await w.end();
      })(),
    ).rejects.toThrow(/disk full/);
  });

  it('rejects, not hangs, when the output is destroyed while the writer waits for a drain', async () => {
    const stuck = new Writable({ highWaterMark: 16, write() {} }); // never calls back: never drains
    const w = createHarWriter(stuck);
    const pending = w.writeEntry({ pad: 'z'.repeat(100) } as unknown as HarEntry);
    setTimeout(() => stuck.destroy(), 5);
    await expect(pending).rejects.toThrow(/closed before it drained/);
    await expect(w.writeEntry({} as HarEntry)).rejects.toThrow(/output is closed/);
  });
});
