import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { HarEntry, SpilledText } from '../../../src/har/har-types.js';
import { validateHar } from '../../../src/har/schema/validate-har.js';
import { createLogNormalizer, normalizeEntry, rewriteHar } from '../../../src/har/session/index.js';
import { entry, tempDir, testRun } from './helpers.js';

// What HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/) requires, repaired on the
// values real tools write: each case is one a corpus capture holds (see
// test/har/schema/corpus.test.ts for which tool writes which).

/** normalizeEntry with its repairs collected as "path: what". */
function normalize(value: unknown): { out: HarEntry; repairs: string[] } {
  const repairs: string[] = [];
  const out = normalizeEntry(value, '/log/entries/0', (path, what) => repairs.push(`${path}: ${what}`));
  return { out, repairs };
}

/** The entry in a minimal valid log: validateHar's lines for it. */
const problemsOf = (e: HarEntry) => validateHar({ log: { version: '1.2', creator: { name: 't', version: '1' }, entries: [e] } });

const base = () => entry({ url: 'https://app.example.com/', text: '<p>hi</p>' });

describe('normalizeEntry', () => {
  it('returns a valid entry as the same object, with no repair', () => {
    const e = base();
    expect(problemsOf(e)).toEqual([]);
    const { out, repairs } = normalize(e);
    expect(out).toBe(e);
    expect(repairs).toEqual([]);
  });

  it('leaves out a null cookie expiry (a session cookie) and reads "true" as true (Chrome, Fiddler)', () => {
    const e = base();
    e.request.cookies = [{ name: 'a', value: '1', expires: null }];
    e.response.cookies = [{ name: 'b', value: '2', httpOnly: 'true' as unknown as boolean, secure: 'FALSE' as unknown as boolean }];
    const before = structuredClone(e);
    const { out, repairs } = normalize(e);
    expect(out.request.cookies).toEqual([{ name: 'a', value: '1' }]);
    expect(out.response.cookies).toEqual([{ name: 'b', value: '2', httpOnly: true, secure: false }]);
    expect(repairs).toEqual([
      '/log/entries/0/request/cookies/0/expires: null: left out',
      '/log/entries/0/response/cookies/0/httpOnly: string "true": read as the boolean true',
      '/log/entries/0/response/cookies/0/secure: string "FALSE": read as the boolean false',
    ]);
    expect(problemsOf(out)).toEqual([]);
    expect(e).toEqual(before); // nothing changed in place
  });

  it('writes a null redirectURL as "" (the spec\'s "no redirect") and keeps a value it cannot read beside the field', () => {
    const e = base();
    (e.response as { redirectURL: unknown }).redirectURL = null;
    (e.response.cookies as unknown[]).push({ name: 'c', value: 'v', httpOnly: 'yes' });
    const { out, repairs } = normalize(e);
    expect(out.response.redirectURL).toBe('');
    expect(out.response.cookies[0]).toEqual({ name: 'c', value: 'v', _httpOnly: 'yes' });
    // One repair for the null of a required field, not "left out" and then "missing".
    expect(repairs.filter((r) => r.includes('/redirectURL'))).toEqual(['/log/entries/0/response/redirectURL: null: set to ""']);
    expect(repairs).toContain('/log/entries/0/response/cookies/0/httpOnly: "yes" is no boolean: kept as "_httpOnly"');
    expect(problemsOf(out)).toEqual([]);
  });

  it('writes a params value that is a JSON value as its JSON text, and gives postData with neither text nor params an empty text', () => {
    const e = base();
    e.request.postData = { mimeType: 'application/json', params: [{ name: 'current', value: { cid: '', sid: false } as unknown as string }, { name: 'n', value: 5 as unknown as string }] };
    const { out } = normalize(e);
    expect(out.request.postData?.params).toEqual([{ name: 'current', value: '{"cid":"","sid":false}' }, { name: 'n', value: '5' }]);
    const bare = base();
    bare.request.postData = { mimeType: 'text/plain' };
    const fixed = normalize(bare);
    expect(fixed.out.request.postData).toEqual({ mimeType: 'text/plain', text: '' });
    expect(fixed.repairs).toEqual(['/log/entries/0/request/postData/text: none of text, params: text set to ""']);
    expect(problemsOf(out)).toEqual([]);
    expect(problemsOf(fixed.out)).toEqual([]);
  });

  it('fills what Firefox leaves out: send/wait/receive 0, sizes -1 or from the text, time from the timings', () => {
    const e = base() as unknown as Record<string, any>;
    e.timings = { blocked: -1, dns: 2, connect: -1, ssl: -1 };
    e.time = null;
    e.request.headersSize = null;
    delete e.response.headersSize;
    e.response.content = { mimeType: 'text/html', text: 'é€' }; // 2 + 3 UTF-8 bytes
    const { out, repairs } = normalize(e);
    expect(out.timings).toEqual({ blocked: -1, dns: 2, connect: -1, ssl: -1, send: 0, wait: 0, receive: 0 });
    expect(out.time).toBe(2);
    expect(out.request.headersSize).toBe(-1);
    expect(out.response.headersSize).toBe(-1);
    expect(out.response.content.size).toBe(5);
    expect(repairs).toContain('/log/entries/0/timings/send: missing: set to 0');
    expect(problemsOf(out as HarEntry)).toEqual([]);
  });

  it('takes content.size of base64 text as its decoded bytes, of a spilled text as its file size, else -1', () => {
    const b64 = base() as unknown as Record<string, any>;
    b64.response.content = { mimeType: 'image/png', text: Buffer.from([1, 2, 3, 4]).toString('base64'), encoding: 'base64' };
    expect(normalize(b64).out.response.content.size).toBe(4);
    const spilled: SpilledText = { spilled: true, path: join(tempDir, 'never-read'), chars: 10, bytes: 12 };
    const big = base() as unknown as Record<string, any>;
    big.response.content = { mimeType: 'text/html', text: spilled };
    const out = normalize(big).out;
    expect(out.response.content.text).toBe(spilled); // the body is not touched (the file does not even exist)
    expect(out.response.content.size).toBe(12);
    const none = base() as unknown as Record<string, any>;
    none.response.content = { mimeType: 'text/html' };
    expect(normalize(none).out.response.content.size).toBe(-1);
  });

  it('raises timings below the spec\'s minimum: send/wait/receive to 0, the others to -1', () => {
    const e = base();
    e.timings = { blocked: -3, send: -1, wait: -1, receive: 5 };
    const { out, repairs } = normalize(e);
    expect(out.timings).toEqual({ blocked: -1, send: 0, wait: 0, receive: 5 });
    expect(repairs).toContain('/log/entries/0/timings/send: -1 is below the spec\'s minimum: set to 0');
    expect(problemsOf(out)).toEqual([]);
  });

  it('leaves out a cache state without its required fields (the spec: leave it out when not available), kept as a custom field', () => {
    const e = base();
    const firefox = { expires: '4294967295', lastFetched: '', fetchCount: '', _dataSize: '' };
    (e as unknown as Record<string, unknown>).cache = { afterRequest: firefox, beforeRequest: null };
    const { out, repairs } = normalize(e);
    expect(out.cache).toEqual({ _afterRequest: firefox, beforeRequest: null });
    expect(repairs).toEqual(['/log/entries/0/cache/afterRequest: no lastAccess, eTag, hitCount: the spec leaves the cacheState out when not available: kept as "_afterRequest"']);
    expect(problemsOf(out)).toEqual([]);
  });

  it('renames a field HAR 1.2 does not have as a custom one, past names already taken', () => {
    const e = base() as unknown as Record<string, any>;
    e.response.content.foo = 1;
    e.response.content._foo = 2;
    const { out, repairs } = normalize(e);
    expect(out.response.content).toMatchObject({ __foo: 1, _foo: 2 });
    expect(Object.hasOwn(out.response.content, 'foo')).toBe(false);
    expect(repairs).toEqual(['/log/entries/0/response/content/foo: "foo" is not a HAR 1.2 field: renamed "__foo"']);
  });

  it('writes dates of another form in the spec\'s form; a date it cannot read is kept beside the epoch', () => {
    const e = base();
    e.startedDateTime = '2024-05-01 10:00:00';
    expect(normalize(e).out.startedDateTime).toBe('2024-05-01T10:00:00.000Z');
    e.startedDateTime = 'yesterday';
    const { out } = normalize(e);
    expect(out.startedDateTime).toBe('1970-01-01T00:00:00.000Z');
    expect(out._startedDateTime).toBe('yesterday');
    expect(problemsOf(out)).toEqual([]);
  });

  it('makes an entry of unknown values for one that is no object, keeping what it was', () => {
    const { out } = normalize(42);
    expect(out._entry).toBe(42);
    expect(out.response).toMatchObject({ status: 0, redirectURL: '', content: { size: -1, mimeType: '' } });
    expect(problemsOf(out)).toEqual([]);
  });
});

describe('createLogNormalizer', () => {
  it('leaves out `pages: null`, renames unknown members, and fills version and creator at the end', () => {
    const repairs: string[] = [];
    const log = createLogNormalizer((path, what) => repairs.push(`${path}: ${what}`));
    expect(log.field('pages', null)).toBeNull();
    expect(log.field('creator', { name: 'Fiddler', version: 4 })).toEqual({ name: 'creator', value: { name: 'Fiddler', version: '4' } });
    expect(log.field('extra', 1)).toEqual({ name: '_extra', value: 1 });
    expect(log.field('_custom', 1)).toEqual({ name: '_custom', value: 1 });
    expect(log.missing()).toEqual([{ name: 'version', value: '1.2' }]);
    const nulls: string[] = [];
    const other = createLogNormalizer((path, what) => nulls.push(`${path}: ${what}`));
    expect(other.field('version', '1.2')).toEqual({ name: 'version', value: '1.2' });
    expect(other.field('creator', null)).toBeNull();
    expect(other.missing()).toEqual([{ name: 'creator', value: { name: '', version: '' } }]);
    expect(nulls).toEqual(['/log/creator: null: set to {"name":"","version":""}']);
    expect(repairs).toEqual([
      '/log/pages: null: left out',
      '/log/creator/version: number 4: written as a string',
      '/log/extra: "extra" is not a HAR 1.2 field: renamed "_extra"',
      '/log/version: missing: set to "1.2"',
    ]);
  });
});

class Sink extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.text += chunk.toString('utf8');
    done();
  }
}

describe('rewriteHar', () => {
  it('writes valid HAR 1.2 from a messy capture and counts each repair as a `normalized` problem', async () => {
    const e = entry({ url: 'https://app.example.com/', text: '<a href="https://app.example.com/x">x</a>', headers: [['Content-Type', 'text/html']] }) as unknown as Record<string, any>;
    e.request.cookies = [{ name: 'a', value: '1', expires: null }];
    e.timings = { send: -1, wait: 3, receive: 1 };
    const har = `\uFEFF${JSON.stringify({ log: { creator: { name: 'x', version: '1' }, pages: null, entries: [e] } })}`;
    const run = testRun();
    const sink = new Sink();
    const summary = await rewriteHar(Readable.from([Buffer.from(har)]), sink, run);
    const out = JSON.parse(sink.text);
    expect(validateHar(out)).toEqual([]);
    expect(out.log.version).toBe('1.2');
    expect(out.log.entries[0].response.content.text).toBe('<a href="https://app.example.com.proxy.test/x">x</a>');
    expect(summary.problems.byKind).toMatchObject({ normalized: 4, bom: 1, 'no-pages': 1 });
    expect(summary.problems.list.filter((p) => p.kind === 'normalized').map((p) => [p.entry, p.message])).toEqual([
      [null, '/log/pages: null: left out'],
      [0, '/log/entries/0/request/cookies/0/expires: null: left out'],
      [0, "/log/entries/0/timings/send: -1 is below the spec's minimum: set to 0"],
      [null, '/log/version: missing: set to "1.2"'],
    ]);
    expect(summary.bytes.in).toBe(Buffer.byteLength(har));
    expect(summary.bytes.out).toBe(Buffer.byteLength(sink.text));
  });
});
