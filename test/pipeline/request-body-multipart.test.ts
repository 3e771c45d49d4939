import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import busboy from 'busboy';
import { randomBytes } from 'node:crypto';
import { MAX_PART_HEADER_BYTES, planRequestBody, requestBodyProcessor, requestBodyType } from '../../src/pipeline/request-body/index.js';
import { recordingContext } from '../helpers/context.js';
import { mapInChunks, mapText } from './request-body-support.js';

const B = 'Bnd-7MA4YWxkTrZu0gW';
const TYPE = `multipart/form-data; boundary=${B}`;
const PROXIED = 'https://app.example.com.proxy.test/x?r=https%3A%2F%2Fapi.example.com.proxy.test%2F';
const UPSTREAM = 'https://app.example.com/x?r=https%3A%2F%2Fapi.example.com%2F';

/** One part as RFC 7578 writes it: the delimiter line, header lines, a blank line, the body. */
function part(headers: string[], body: Buffer | string): Buffer {
  return Buffer.concat([Buffer.from(`--${B}\r\n${headers.map((h) => h + '\r\n').join('')}\r\n`, 'latin1'), Buffer.from(body as string, 'latin1'), Buffer.from('\r\n')]);
}
const close = Buffer.from(`--${B}--\r\n`);
const field = (name: string) => `Content-Disposition: form-data; name="${name}"`;
const file = (name: string, filename: string) => `Content-Disposition: form-data; name="${name}"; filename="${filename}"`;

/** Bytes that look like delimiters without being one: every near miss of `CRLF--boundary`. */
const NEAR_MISSES = [`\r\n--${B.slice(0, -1)}`, `\r\n--${B.slice(0, -1)}X`, `--${B}`, `\r--${B}`, `\n--${B}`, `\r\n-${B}`, '\r\n\r\n', '\r\n--', `--${B}--`, 'app.example.com.proxy.test'];

interface Parsed {
  fields: Array<[string, string]>;
  files: Array<[string, Buffer]>;
}

/** The body as busboy (the reference RFC 7578 parser) reads it. */
function parse(contentType: string, body: Buffer): Promise<Parsed> {
  return new Promise((resolve, reject) => {
    const parsed: Parsed = { fields: [], files: [] };
    const bb = busboy({ headers: { 'content-type': contentType }, defParamCharset: 'utf8' });
    bb.on('field', (name, value) => parsed.fields.push([name, value]));
    bb.on('file', (name, stream) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => parsed.files.push([name, Buffer.concat(chunks)]));
    });
    bb.on('close', () => resolve(parsed));
    bb.on('error', reject);
    bb.end(body);
  });
}

describe('multipart bodies from the real FormData serializer (undici)', () => {
  const { ctx } = recordingContext();

  async function serialize(values: Record<string, string>, files: Array<[string, Blob, string]>): Promise<{ type: string; body: Buffer }> {
    const fd = new FormData();
    for (const [k, v] of Object.entries(values)) fd.append(k, v);
    for (const [k, blob, name] of files) fd.append(k, blob, name);
    const req = new Request('http://127.0.0.1/', { method: 'POST', body: fd });
    return { type: req.headers.get('content-type') as string, body: Buffer.from(await req.arrayBuffer()) };
  }

  it('maps text fields, passes files byte-identical, and equals the serialization of the upstream values', async () => {
    const binary = Buffer.concat([randomBytes(3000), Buffer.from(`\r\n--${PROXIED}\r\n\r\n`), randomBytes(3000)]);
    const files: Array<[string, Blob, string]> = [
      ['upload', new Blob([binary], { type: 'application/octet-stream' }), 'data.bin'],
      ['notes', new Blob([`see ${PROXIED}\r\n`], { type: 'text/plain' }), 'notes.txt'], // a file, even of text: untouched
    ];
    const sent = await serialize({ url: PROXIED, host: 'app.example.com.proxy.test', evil: 'https://evil.org.proxy.test/', text: 'héllo' }, files);
    const boundary = /boundary=(.*)$/.exec(sent.type)?.[1] as string;
    const out = Buffer.from(mapText(ctx, sent.type, sent.body.toString('latin1')), 'latin1');

    const want = await serialize({ url: UPSTREAM, host: 'app.example.com', evil: 'https://evil.org.proxy.test/', text: 'héllo' }, files);
    const wantBoundary = /boundary=(.*)$/.exec(want.type)?.[1] as string;
    expect(out.toString('latin1')).toBe(want.body.toString('latin1').replaceAll(wantBoundary, boundary));

    const parsed = await parse(sent.type, out);
    expect(parsed.fields).toEqual([['url', UPSTREAM], ['host', 'app.example.com'], ['evil', 'https://evil.org.proxy.test/'], ['text', 'héllo']]);
    expect(parsed.files[0][1].equals(binary)).toBe(true);
    expect(parsed.files[1][1].toString()).toBe(`see ${PROXIED}\r\n`);
  });
});

describe('multipart bodies: byte-identical except text field values, any chunking', () => {
  const { ctx } = recordingContext({ publicScheme: 'http', publicPort: 8080 });
  const proxied8080 = 'http://app.example.com.proxy.test:8080/p?next=http%3A%2F%2Fapp.example.com.proxy.test%3A8080%2F';
  const upstream = 'https://app.example.com/p?next=https%3A%2F%2Fapp.example.com%2F';

  const fileBytes = fc.array(fc.oneof(fc.uint8Array({ maxLength: 64 }).map((a) => Buffer.from(a)), fc.constantFrom(...NEAR_MISSES).map((s) => Buffer.from(s, 'latin1'))), { maxLength: 12 })
    .map((parts) => Buffer.concat(parts))
    // RFC 2046 §5.1.1: a delimiter is CRLF--boundary at any line start, the CRLF ending the
    // header block included, so a body may not begin with --boundary either.
    .filter((b) => !Buffer.concat([Buffer.from('\r\n'), b]).includes(`\r\n--${B}`));

  it('a text field with a proxied URL and a binary file with CRLF and boundary-like bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fileBytes, fc.array(fc.nat(), { maxLength: 12 }), async (bin, cuts) => {
        const head = Buffer.from('preamble, ignored\r\n');
        const tail = Buffer.from('epilogue, ignored');
        const build = (url: string, host: string) => Buffer.concat([head,
          part([field('url')], url),
          part([file('blob', 'a.bin'), 'Content-Type: application/octet-stream'], bin),
          part(['content-disposition:   Form-Data ;name=host', 'X-Extra:  kept  '], host),
          close, tail]);
        const body = build(proxied8080, 'app.example.com.proxy.test');
        const expected = build(upstream, 'app.example.com').toString('latin1');
        const out = await mapInChunks(ctx, TYPE, body, cuts);
        expect(out.toString('latin1')).toBe(expected);
        const parsed = await parse(TYPE, out);
        expect(parsed.files).toHaveLength(1);
        expect(parsed.files[0][1].equals(bin)).toBe(true);
        expect(parsed.fields).toEqual([['url', upstream], ['host', 'app.example.com']]);
      }),
      { numRuns: 300 },
    );
  });

  it('structural edge cases pass whole for any chunking (the text value is the only change)', async () => {
    const cases: Array<[string, string]> = [
      // no preamble, empty value, an empty part right after the blank line
      [`--${B}\r\n${field('a')}\r\n\r\n\r\n--${B}\r\n${field('b')}\r\n\r\n${proxied8080}\r\n--${B}--`, `--${B}\r\n${field('a')}\r\n\r\n\r\n--${B}\r\n${field('b')}\r\n\r\n${upstream}\r\n--${B}--`],
      // truncated body: the open text field is still mapped, nothing is lost
      [`--${B}\r\n${field('a')}\r\n\r\n${proxied8080}`, `--${B}\r\n${field('a')}\r\n\r\n${upstream}`],
      // a part with no headers at all is no form field: untouched
      [`--${B}\r\n\r\n${proxied8080}\r\n--${B}--\r\n`, `--${B}\r\n\r\n${proxied8080}\r\n--${B}--\r\n`],
      // junk or transport padding after a delimiter: not a part busboy reads, untouched up to the next delimiter
      [`--${B}junk\r\n${field('a')}\r\n\r\n${proxied8080}\r\n--${B}  \r\n${field('b')}\r\n\r\n${proxied8080}\r\n--${B}\r\n${field('c')}\r\n\r\n${proxied8080}\r\n--${B}--`,
        `--${B}junk\r\n${field('a')}\r\n\r\n${proxied8080}\r\n--${B}  \r\n${field('b')}\r\n\r\n${proxied8080}\r\n--${B}\r\n${field('c')}\r\n\r\n${upstream}\r\n--${B}--`],
      // a delimiter in the middle of a header block ends the part
      [`--${B}\r\n${field('a')}\r\n--${B}\r\n${field('b')}\r\n\r\napp.example.com.proxy.test\r\n--${B}--`, `--${B}\r\n${field('a')}\r\n--${B}\r\n${field('b')}\r\n\r\napp.example.com\r\n--${B}--`],
      // a boundary that is not at a line start is content; obsolete folding in a header
      [`x--${B}\r\n--${B}\r\nContent-Disposition: form-data;\r\n name="a"\r\n\r\nx--${B} ${proxied8080}\r\n--${B}--`, `x--${B}\r\n--${B}\r\nContent-Disposition: form-data;\r\n name="a"\r\n\r\nx--${B} ${upstream}\r\n--${B}--`],
      // everything after the close delimiter is epilogue, even what looks like a part
      [`--${B}--\r\n--${B}\r\n${field('a')}\r\n\r\n${proxied8080}\r\n`, `--${B}--\r\n--${B}\r\n${field('a')}\r\n\r\n${proxied8080}\r\n`],
    ];
    for (const [input, expected] of cases) {
      expect(mapText(ctx, TYPE, input)).toBe(expected);
      const bytes = Buffer.from(input, 'latin1');
      for (const step of [1, 2, 3, 5, 8, 13]) {
        const cuts = Array.from({ length: Math.ceil(bytes.length / step) }, (_, i) => i * step);
        expect((await mapInChunks(ctx, TYPE, bytes, cuts)).toString('latin1')).toBe(expected);
      }
    }
  });
});

describe('which parts are text fields (RFC 7578 §4.2)', () => {
  const { ctx } = recordingContext();
  const value = 'app.example.com.proxy.test';
  const mapped = (headers: string[]) => mapText(ctx, TYPE, Buffer.concat([part(headers, value), close]).toString('latin1')).includes(`\r\n\r\napp.example.com\r\n`);

  it('form-data without a filename, of no type or text/plain, literal transfer encoding', () => {
    expect(mapped([field('a')])).toBe(true);
    expect(mapped(['content-disposition: FORM-DATA; name=a'])).toBe(true);
    expect(mapped([field('filename')])).toBe(true); // a field named "filename"
    expect(mapped([field('a'), 'Content-Type: text/plain; charset=UTF-8'])).toBe(true);
    expect(mapped([field('a'), 'Content-Transfer-Encoding: 8bit'])).toBe(true);
  });

  it('files, other types, encoded values and anything unclear pass untouched', () => {
    expect(mapped([file('a', 'f.txt')])).toBe(false);
    expect(mapped([file('a', 'f.txt'), 'Content-Type: text/plain'])).toBe(false);
    expect(mapped(["Content-Disposition: form-data; name=\"a\"; filename*=UTF-8''f.txt"])).toBe(false);
    expect(mapped(['Content-Disposition: form-data; name="a\\"; filename="x"'])).toBe(false); // HTML does not escape \: a file
    expect(mapped(['Content-Disposition: form-data; name="a"; FileName=x'])).toBe(false);
    expect(mapped([field('a'), 'Content-Type: application/octet-stream'])).toBe(false);
    expect(mapped([field('a'), 'Content-Type: application/json'])).toBe(false);
    expect(mapped([field('a'), 'Content-Type: nonsense'])).toBe(false);
    expect(mapped([field('a'), 'Content-Transfer-Encoding: base64'])).toBe(false);
    expect(mapped(['Content-Disposition: attachment; name="a"'])).toBe(false);
    expect(mapped(['X-Only: 1'])).toBe(false);
    expect(mapped([field('a'), field('b')])).toBe(false);
  });

  it('a part whose headers exceed 16 KiB passes untouched, reported', () => {
    const { ctx: c, events } = recordingContext();
    const body = Buffer.concat([part([field('a'), 'X-Pad: ' + 'p'.repeat(MAX_PART_HEADER_BYTES)], value), part([field('b')], value), close]).toString('latin1');
    const out = mapText(c, TYPE, body);
    expect(out).toBe(body.replace(`name="b"\r\n\r\n${value}`, `name="b"\r\n\r\napp.example.com`));
    expect(events.map((e) => e.type)).toEqual(['request-body-unreadable']);
  });
});

describe('multipart bodies, flat scheme', () => {
  it('maps flat twins back in text fields; a flat name that is no twin stays', () => {
    const { ctx } = recordingContext({ scheme: 'flat' });
    const build = (a: string, b: string) => Buffer.concat([part([field('a')], a), part([field('b')], b), close]).toString('latin1');
    expect(mapText(ctx, TYPE, build('https://my--app-example-com.proxy.test/x', 'https://evil-org.proxy.test/')))
      .toBe(build('https://my-app.example.com/x', 'https://evil-org.proxy.test/'));
  });
});

describe('multipart framing problems', () => {
  it('no boundary, an empty one or one over 70 characters: the body passes, reported', () => {
    for (const type of ['multipart/form-data', 'multipart/form-data; boundary=', `multipart/form-data; boundary=${'b'.repeat(71)}`]) {
      const { ctx, events } = recordingContext();
      const plan = planRequestBody(ctx, type);
      expect(plan.kind).toBe('pass');
      expect(plan.transform).toBeNull();
      expect(events).toMatchObject([{ type: 'request-body-unreadable', reason: 'no-boundary' }]);
    }
    expect(requestBodyType(`multipart/form-data; boundary="${'b'.repeat(70)}"`)).toEqual({ kind: 'multipart', boundary: 'b'.repeat(70) });
  });
});

describe('multipart streaming', () => {
  it('file bytes are never held back beyond one delimiter length', () => {
    const { ctx } = recordingContext();
    const processor = requestBodyProcessor(ctx, requestBodyType(TYPE));
    if (processor === null) throw new Error('no processor');
    let written = 0;
    let emitted = 0;
    const feed = (b: Buffer) => {
      written += b.length;
      emitted += processor.write(b)?.byteLength ?? 0;
    };
    feed(Buffer.from(`--${B}\r\n${file('f', 'big.bin')}\r\n\r\n`));
    for (let i = 0; i < 64; i++) {
      feed(randomBytes(64 * 1024));
      expect(written - emitted).toBeLessThan(`\r\n--${B}`.length);
    }
    feed(Buffer.from(`\r\n--${B}--\r\n`));
    emitted += processor.end()?.byteLength ?? 0;
    expect(emitted).toBe(written);
  });

  it('a text field longer than the buffer cap is mapped in windows, the same for any chunking', async () => {
    const { ctx } = recordingContext({ maxBufferBytes: 1024 });
    const long = Array.from({ length: 30 }, (_, i) => 'w'.repeat(100 + i * 7) + ' ' + PROXIED).join(' ');
    const body = Buffer.concat([part([field('long')], long), close]);
    const expected = Buffer.concat([part([field('long')], long.replaceAll(PROXIED, UPSTREAM)), close]).toString('latin1');
    expect(mapText(ctx, TYPE, body.toString('latin1'))).toBe(expected);
    for (const step of [1, 100, 999, 4096]) {
      const cuts = Array.from({ length: Math.ceil(body.length / step) }, (_, i) => i * step);
      expect((await mapInChunks(ctx, TYPE, body, cuts)).toString('latin1')).toBe(expected);
    }
  });

  it('the Web TransformStream gives the same bytes', async () => {
    const { ctx } = recordingContext();
    const body = Buffer.concat([part([field('u')], PROXIED), part([file('f', 'x.bin')], randomBytes(5000)), close]);
    const stream = planRequestBody(ctx, TYPE).webStream();
    if (stream === null) throw new Error('no stream');
    const source = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < body.length; i += 777) controller.enqueue(body.subarray(i, i + 777));
        controller.close();
      },
    });
    const out = Buffer.from(await new Response(source.pipeThrough(stream)).arrayBuffer());
    expect(out.toString('latin1')).toBe(mapText(ctx, TYPE, body.toString('latin1')));
    expect(out.toString('latin1')).toContain(`\r\n\r\n${UPSTREAM}\r\n`);
  });
});
