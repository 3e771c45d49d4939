// Strings longer than spillChars go to temp files as they stream and come back out
// byte-identically: the same output as when nothing is spilled.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isSpilledText, type HarEntry, type SpilledText } from '../../../src/har/har-types.js';
import { readHar } from '../../../src/har/stream/index.js';
import { WRITE_CHARS } from '../../../src/har/stream/string-collector.js';
import { chunked, roundTrip } from './helpers.js';

/** A body of every kind of character: ASCII, 2-, 3- and 4-byte UTF-8, JSON escapes, and
 *  surrogate pairs at every offset around the tokenizer's 256-unit pieces. */
function richBody(): string {
  let text = '';
  for (let k = 250; k < 262; k++) text += 'a'.repeat(k) + '😀';
  text += 'é€𝄞 "quoted" back\\slash /slash \n\r\t\b\f \u0000\u001f \u2028\u2029 ';
  return text.repeat(30);
}

function harWith(texts: { request: string; response: string }): Buffer {
  const doc = {
    log: {
      version: '1.2',
      creator: { name: 'test', version: '1' },
      entries: [
        {
          request: { method: 'POST', url: 'http://example.test/', postData: { mimeType: 'text/plain', text: texts.request } },
          response: { status: 200, content: { size: 1, mimeType: 'text/html', text: texts.response } },
        },
      ],
      comment: 'after',
    },
  };
  return Buffer.from(JSON.stringify(doc), 'utf8');
}

async function firstEntry(bytes: Buffer, spillChars: number): Promise<{ entry: HarEntry; close: () => Promise<void>; problems: readonly string[] }> {
  const reader = readHar(chunked([bytes.subarray(0, 1000), bytes.subarray(1000)]), { spillChars });
  let entry: HarEntry | undefined;
  for await (const event of reader) if (event.kind === 'entry') entry = event.entry;
  return { entry: entry as HarEntry, close: () => reader.close(), problems: reader.problems };
}

describe('spilled strings', () => {
  const body = richBody();
  const bytes = harWith({ request: body.slice(0, 5000), response: body });

  it('are files holding the decoded text, with its length in chars and bytes', async () => {
    const { entry, close } = await firstEntry(bytes, 1024);
    try {
      const text = entry.response.content.text;
      expect(isSpilledText(text)).toBe(true);
      const spilled = text as SpilledText;
      expect(readFileSync(spilled.path, 'utf8')).toBe(body);
      expect(spilled.chars).toBe(body.length);
      expect(spilled.bytes).toBe(Buffer.byteLength(body));
      expect(statSync(spilled.path).size).toBe(spilled.bytes);
      const posted = entry.request.postData?.text as SpilledText;
      expect(readFileSync(posted.path, 'utf8')).toBe(body.slice(0, 5000));
      expect(entry.request.url).toBe('http://example.test/'); // short strings stay strings
    } finally {
      await close();
    }
  });

  it('spill only past spillChars: a string of exactly spillChars stays a string', async () => {
    const exact = harWith({ request: 'x'.repeat(1024), response: 'y'.repeat(1025) });
    const { entry, close } = await firstEntry(exact, 1024);
    expect(entry.request.postData?.text).toBe('x'.repeat(1024));
    expect(isSpilledText(entry.response.content.text)).toBe(true);
    await close();
  });

  it('round-trip to the same bytes as without spilling', async () => {
    const plain = await roundTrip(chunked([bytes]));
    expect(plain.spilled).toBe(false);
    for (const spillChars of [0, 1, 300, 1024]) {
      const spilled = await roundTrip(chunked([bytes]), { spillChars });
      expect(spilled.spilled).toBe(true);
      expect(spilled.out.equals(plain.out)).toBe(true);
    }
    expect(JSON.parse(plain.out.toString('utf8'))).toEqual(JSON.parse(bytes.toString('utf8')));
  });

  it('keep a surrogate pair whole where the file is written in pieces', async () => {
    // Pairs straddling the first write boundaries, raw and as \\u escapes.
    const long = 'b'.repeat(WRITE_CHARS - 1) + '😀' + 'c'.repeat(WRITE_CHARS - 2) + '😀' + 'd'.repeat(3 * WRITE_CHARS) + '😀';
    const escaped = Buffer.from(
      `{"log":{"entries":[{"t":"${'d'.repeat(WRITE_CHARS - 1)}\\ud83d\\ude00e"}]}}`,
      'utf8',
    );
    for (const [input, expected] of [
      [harWith({ request: 'r', response: long }), long],
      [escaped, `${'d'.repeat(WRITE_CHARS - 1)}😀e`],
    ] as const) {
      const reader = readHar(chunked([input]), { spillChars: 1000 });
      const texts: string[] = [];
      for await (const event of reader) {
        if (event.kind !== 'entry') continue;
        const entry = event.entry as unknown as { t?: SpilledText; response?: { content: { text: SpilledText } } };
        const spilled = entry.t ?? entry.response?.content.text;
        texts.push(readFileSync((spilled as SpilledText).path, 'utf8'));
      }
      expect(reader.problems).toEqual([]);
      await reader.close();
      expect(texts).toEqual([expected]);
    }
  });

  it('cannot keep a lone surrogate (UTF-8 has no form for it): U+FFFD, and a problem that says where', async () => {
    const input = Buffer.from(`{"log":{"entries":[{"a":[{"t":"${'x'.repeat(20)}\\ud800${'y'.repeat(20)}"}]}]}}`, 'utf8');
    const reader = readHar(chunked([input]), { spillChars: 10 });
    let text = '';
    for await (const event of reader) {
      if (event.kind === 'entry') text = readFileSync(((event.entry as unknown as { a: Array<{ t: SpilledText }> }).a[0].t).path, 'utf8');
    }
    expect(text).toBe(`${'x'.repeat(20)}\uFFFD${'y'.repeat(20)}`);
    expect(reader.problems).toEqual([
      'log.entries[0].a[0].t: a lone surrogate (\\uD800–\\uDFFF without its pair) in a spilled string became U+FFFD',
    ]);
    await reader.close();
  });

  it('a lone surrogate in a string that is not spilled is kept as JSON.parse keeps it', async () => {
    const input = Buffer.from('{"log":{"entries":[{"t":"a\\udc00b"}]}}', 'utf8');
    const { out, problems } = await roundTrip(chunked([input]));
    expect(problems).toEqual([]);
    expect(JSON.parse(out.toString('utf8'))).toEqual(JSON.parse(input.toString('utf8')));
    expect(out.toString('utf8')).toContain('"a\\udc00b"');
  });

  it('live in a temp dir that close() removes', async () => {
    const { entry, close } = await firstEntry(bytes, 1024);
    const path = (entry.response.content.text as SpilledText).path;
    expect(existsSync(path)).toBe(true);
    await close();
    expect(existsSync(path)).toBe(false);
  });
});
