// What real HAR files look like on the outside: a BOM, whitespace, `entries` anywhere among
// log's members, no `pages`, no entries, custom fields; the events come in document order
// and the writer puts every member back where it was.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readHar } from '../../../src/har/stream/index.js';
import { chunked, minimalHar, readEvents, roundTrip } from './helpers.js';

const bytes = (text: string): Buffer => Buffer.from(text, 'utf8');

describe('readHar: the shape of the document', () => {
  it('yields log members and entries in document order', async () => {
    const doc = '{"log":{"version":"1.2","creator":{"name":"a","version":"1"},"entries":[{"n":1},{"n":2}],"_x":[1,{"y":null}],"comment":"c"}}';
    const { events, problems } = await readEvents(chunked([bytes(doc)]));
    expect(events).toEqual([
      { kind: 'log-field', name: 'version', value: '1.2' },
      { kind: 'log-field', name: 'creator', value: { name: 'a', version: '1' } },
      { kind: 'entry', index: 0, entry: { n: 1 } },
      { kind: 'entry', index: 1, entry: { n: 2 } },
      { kind: 'log-field', name: '_x', value: [1, { y: null }] },
      { kind: 'log-field', name: 'comment', value: 'c' },
    ]);
    expect(problems).toEqual([]);
  });

  it('skips a UTF-8 BOM (Fiddler writes one) and whitespace around every token', async () => {
    const doc = '\uFEFF \r\n\t{ "log" :\n { "entries" : [ ] ,\n "version" : "1.2" } }\n\n';
    const { events } = await readEvents(chunked([bytes(doc)]));
    expect(events).toEqual([{ kind: 'log-field', name: 'version', value: '1.2' }]);
  });

  it('skips a BOM split over three chunks', async () => {
    const doc = bytes('\uFEFF{"log":{"entries":[]}}');
    const { events } = await readEvents(chunked([doc.subarray(0, 1), doc.subarray(1, 2), doc.subarray(2)]));
    expect(events).toEqual([]);
  });

  it('keeps a U+FEFF inside a string (only a leading one is a BOM)', async () => {
    const { events } = await readEvents(chunked([bytes('{"log":{"comment":"\uFEFFx","entries":[]}}')]));
    expect(events).toEqual([{ kind: 'log-field', name: 'comment', value: '\uFEFFx' }]);
  });

  it('reads entries first, last or alone, and a log without pages', async () => {
    for (const doc of [
      '{"log":{"entries":[{"a":1}],"version":"1.2","creator":{"name":"x","version":"1"}}}',
      '{"log":{"version":"1.2","creator":{"name":"x","version":"1"},"entries":[{"a":1}]}}',
      '{"log":{"entries":[{"a":1}]}}',
    ]) {
      const { events } = await readEvents(chunked([bytes(doc)]));
      expect(events.filter((e) => (e as { kind: string }).kind === 'entry')).toEqual([{ kind: 'entry', index: 0, entry: { a: 1 } }]);
      const { out } = await roundTrip(chunked([bytes(doc)]));
      expect(Object.keys(JSON.parse(out.toString()).log)).toEqual(Object.keys(JSON.parse(doc).log));
    }
  });

  it('writes an empty entries array back as one', async () => {
    const doc = '{"log":{"version":"1.2","creator":{"name":"x","version":"1"},"entries":[]}}';
    const { out } = await roundTrip(chunked([bytes(doc)]));
    expect(JSON.parse(out.toString())).toEqual(JSON.parse(doc));
  });

  it('keeps every number, literal, escape and custom field as JSON.parse reads them', async () => {
    const doc = JSON.stringify({
      log: {
        version: '1.2',
        _tool: { nested: [true, false, null, -0.5, 1e21, 12345678901234567890] },
        entries: [{ _resourceType: 'xhr', time: 1.5e-7, text: 'tab\there "q" \\ / \u0001 \u2028 é 😀', comment: '' }],
      },
    });
    const { out } = await roundTrip(chunked([bytes(doc)]));
    expect(JSON.parse(out.toString())).toEqual(JSON.parse(doc));
  });

  it('keeps a member named __proto__ as an own field, as JSON.parse does', async () => {
    const doc = '{"log":{"entries":[{"__proto__":{"polluted":true},"a":1}]}}';
    const { events } = await readEvents(chunked([bytes(doc)]));
    const entry = (events[0] as { entry: Record<string, unknown> }).entry;
    expect(Object.getPrototypeOf(entry)).toBe(Object.prototype);
    expect(Object.keys(entry)).toEqual(['__proto__', 'a']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const { out } = await roundTrip(chunked([bytes(doc)]));
    expect(out.toString()).toContain('"__proto__":{"polluted":true}');
  });

  it('reports and drops a top-level member other than log', async () => {
    const doc = '{"_meta":{"a":["x",1]},"log":{"entries":[]},"other":"y"}';
    const { events, problems } = await readEvents(chunked([bytes(doc)]));
    expect(events).toEqual([]);
    expect(problems).toEqual([
      'top-level member "_meta" ignored: a HAR has only "log" at the top level',
      'top-level member "other" ignored: a HAR has only "log" at the top level',
    ]);
  });

  it('writes one log member or entry per line', async () => {
    const { out } = await roundTrip(chunked([bytes(JSON.stringify(minimalHar()))]));
    const lines = out.toString().split('\n');
    expect(lines).toEqual([
      '{"log":{',
      '"version":"1.2",',
      expect.stringMatching(/^"creator":\{.*\},$/),
      expect.stringMatching(/^"pages":\[.*\],$/),
      '"entries":[',
      expect.stringMatching(/^\{"pageref":"page_0".*\}$/),
      ']',
      '}}',
      '',
    ]);
  });
});

describe('readHar: one entry at a time', () => {
  it('yields an entry before the rest of the input has arrived', async () => {
    const input = new PassThrough();
    const reader = readHar(input);
    const iterator = reader[Symbol.asyncIterator]();
    input.write('{"log":{"entries":[{"first":1},');
    const first = await iterator.next();
    expect(first.value).toEqual({ kind: 'entry', index: 0, entry: { first: 1 } });
    input.end('{"second":2}]}}');
    expect((await iterator.next()).value).toEqual({ kind: 'entry', index: 1, entry: { second: 2 } });
    expect((await iterator.next()).done).toBe(true);
  });

  it('can be iterated only once', () => {
    const reader = readHar(chunked([bytes('{"log":{"entries":[]}}')]));
    reader[Symbol.asyncIterator]();
    expect(() => reader[Symbol.asyncIterator]()).toThrow(/only once/);
  });
});
