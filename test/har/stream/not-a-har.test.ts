// A file that is not a HAR is a HarFormatError that says why (the CLI exits 2 on it); a
// half-spilled string's file is closed and the reader's temp dir removed on close().
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HarFormatError, readHar } from '../../../src/har/stream/index.js';
import { chunked, readEvents } from './helpers.js';

async function failure(text: string | Buffer): Promise<HarFormatError> {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  try {
    await readEvents(chunked(bytes.length === 0 ? [] : [bytes]));
  } catch (err) {
    expect(err).toBeInstanceOf(HarFormatError);
    return err as HarFormatError;
  }
  throw new Error('expected a HarFormatError');
}

describe('readHar: not a HAR', () => {
  it.each([
    ['empty input', '', /the input is empty/],
    ['only whitespace and a BOM', '\uFEFF  \n', /the input is empty/],
    ['not JSON at all', 'hello, world', /invalid JSON/],
    ['HTML', '<!doctype html><html></html>', /invalid JSON/],
    ['JSON with a syntax error', '{"log":{"entries":[}]}}', /invalid JSON/],
    ['a control character in a string', '{"log":{"comment":"a\u0001b","entries":[]}}', /invalid JSON/],
    ['a bad escape', '{"log":{"comment":"\\x","entries":[]}}', /invalid JSON/],
    ['trailing text after the document', '{"log":{"entries":[]}} {}', /invalid JSON/],
    ['truncated inside an entry', '{"log":{"entries":[{"request":{"url":"http://a', /truncated/],
    ['truncated after an entry', '{"log":{"entries":[{}]', /truncated/],
    ['a top-level array', '[{"log":{}}]', /the JSON text is an array, not an object with a "log" member/],
    ['a top-level string', '"log"', /the JSON text is a string/],
    ['a top-level number', '42', /the JSON text is a number/],
    ['no log member', '{"entries":[]}', /no top-level "log" member/],
    ['log is not an object', '{"log":[]}', /"log" is an array, not an object/],
    ['log is null', '{"log":null}', /"log" is null, not an object/],
    ['log without entries', '{"log":{"version":"1.2","creator":{"name":"a","version":"1"}}}', /"log" has no "entries" array/],
    ['entries is an object', '{"log":{"entries":{}}}', /"log.entries" is an object, not an array/],
    ['entries is a string', '{"log":{"entries":"[]"}}', /"log.entries" is a string, not an array/],
    ['an entry that is not an object', '{"log":{"entries":[{},7]}}', /log.entries\[1\] is a number, not an object/],
    ['two log members', '{"log":{"entries":[]},"log":{"entries":[]}}', /"log" appears twice/],
    ['two entries members', '{"log":{"entries":[],"entries":[]}}', /"log.entries" appears twice/],
  ])('%s', async (_name, text, message) => {
    const err = await failure(text);
    expect(err.name).toBe('HarFormatError');
    expect(err.message).toMatch(/^not a HAR: /);
    expect(err.message).toMatch(message);
  });

  it('says where invalid JSON is, in bytes', async () => {
    const err = await failure('{"log":{"entries":[]}} x');
    expect(err.message).toMatch(/in bytes 0–24/);
  });

  it('yields what came before the error, then throws', async () => {
    const reader = readHar(chunked([Buffer.from('{"log":{"entries":[{"a":1},{"b":')]));
    const seen: unknown[] = [];
    await expect(
      (async () => {
        for await (const event of reader) seen.push(event);
      })(),
    ).rejects.toThrow(HarFormatError);
    expect(seen).toEqual([{ kind: 'entry', index: 0, entry: { a: 1 } }]);
  });

  it('removes its temp dir on close() after failing in the middle of a spilled string', async () => {
    const reader = readHar(chunked([Buffer.from(`{"log":{"entries":[{"text":"${'x'.repeat(5000)}`)]), { spillChars: 100 });
    await expect(
      (async () => {
        for await (const _ of reader) void _;
      })(),
    ).rejects.toThrow(/truncated/);
    const dir = reader.spillDir as string;
    expect(existsSync(dir)).toBe(true);
    await reader.close();
    expect(existsSync(dir)).toBe(false);
  });

  it('leaves a caller-given temp dir (and its files) for the caller to remove', async () => {
    const given = mkdtempSync(join(tmpdir(), 'har-given-'));
    try {
      const reader = readHar(chunked([Buffer.from(`{"log":{"entries":[{"text":"${'x'.repeat(500)}"}]}}`)]), { spillChars: 100, tempDir: given });
      for await (const _ of reader) void _;
      expect(reader.spillDir).toBe(given);
      await reader.close();
      expect(readdirSync(given)).toHaveLength(1);
    } finally {
      rmSync(given, { recursive: true, force: true });
    }
  });
});
