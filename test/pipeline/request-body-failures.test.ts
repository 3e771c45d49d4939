import { describe, expect, it } from 'vitest';
import { requestBodyProcessor, requestBodyType } from '../../src/pipeline/request-body/index.js';
import { recordingContext } from '../helpers/context.js';

// A bug inside a rewriter (simulated: the scanner throws on a marked value) must cost
// that body its mapping from there on, never bytes: the rest passes as it came and a
// `request-body-error` event says so.
function brokenContext() {
  const { ctx, events } = recordingContext();
  const scanner = ctx.hosts.reverseScanner;
  const scan = scanner.scan.bind(scanner);
  scanner.scan = (text, ...rest) => {
    if (text.includes('BOOM')) throw new Error('simulated bug');
    return scan(text, ...rest);
  };
  return { ctx, events };
}

function run(type: string, chunks: string[]): { out: string; events: string[] } {
  const { ctx, events } = brokenContext();
  const processor = requestBodyProcessor(ctx, requestBodyType(type));
  if (processor === null) throw new Error('no processor');
  const out: Buffer[] = [];
  for (const c of chunks) {
    const o = processor.write(Buffer.from(c, 'latin1'));
    if (o !== null) out.push(Buffer.from(o));
  }
  const last = processor.end();
  if (last !== null) out.push(Buffer.from(last));
  return { out: Buffer.concat(out).toString('latin1'), events: events.map((e) => e.type) };
}

describe('a failing rewriter loses no bytes', () => {
  const url = 'https%3A%2F%2Fapp.example.com.proxy.test%2F';

  it('form: mapped up to the failing write, the rest raw', () => {
    const chunks = [`a=${url}&`, `b=BOOM+${url}&c=${url}`, `&d=${url}`];
    const { out, events } = run('application/x-www-form-urlencoded', chunks);
    expect(out).toBe(`a=https%3A%2F%2Fapp.example.com%2F&` + chunks[1] + chunks[2]);
    expect(events).toEqual(['request-body-error']);
  });

  it('form: a failure at the end gives back the open value raw', () => {
    const { out, events } = run('application/x-www-form-urlencoded', [`a=${url}&b=`, `BOOM+${url}`]);
    expect(out).toBe(`a=https%3A%2F%2Fapp.example.com%2F&b=BOOM+${url}`);
    expect(events).toEqual(['request-body-error']);
  });

  it('multipart: the part before is mapped, the failing value and all after pass raw', () => {
    const B = 'bb';
    const chunks = [
      `--${B}\r\nContent-Disposition: form-data; name="a"\r\n\r\nhttps://app.example.com.proxy.test/\r\n--${B}\r\nContent-Disposition: form-data; name="b"\r\n\r\nBO`,
      `OM https://app.example.com.proxy.test/\r\n--${B}\r\nContent-Disposition: form-data; name="c"\r\n\r\nhttps://app.example.com.proxy.test/\r\n--${B}--\r\n`,
    ];
    const { out, events } = run(`multipart/form-data; boundary=${B}`, chunks);
    expect(out).toBe((chunks[0] + chunks[1]).replace('https://app.example.com.proxy.test/', 'https://app.example.com/'));
    expect(events).toEqual(['request-body-error']);
  });
});
