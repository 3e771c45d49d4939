import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { RewriteContext } from '../../src/context.js';
import { createJsStream, rewriteJs } from '../../src/js/index.js';
import { exampleContext } from './helpers.js';

/** Runs `chunks` through a fresh JS stream and returns every byte it wrote. */
async function through(ctx: RewriteContext, chunks: Buffer[]): Promise<Buffer> {
  const stream = createJsStream(ctx);
  const out: Buffer[] = [];
  stream.on('data', (b: Buffer) => out.push(b));
  const done = new Promise<void>((resolve, reject) => { stream.on('end', resolve); stream.on('error', reject); });
  for (const c of chunks) stream.write(c);
  stream.end();
  await done;
  return Buffer.concat(out);
}

/** Splits `bytes` at the given offsets (any byte, so multi-byte characters get cut too). */
function split(bytes: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let prev = 0;
  for (const p of points) { out.push(bytes.subarray(prev, p)); prev = p; }
  out.push(bytes.subarray(prev));
  return out;
}

/** The input again: every insertion the suffix scheme makes, in plain or regex-escaped spelling, removed. */
const withoutSuffix = (b: Buffer) => Buffer.from(b.toString('latin1').replace(/(?:\\{0,2}\.)proxy(?:\\{0,2}\.)test/g, ''), 'latin1');

// Pieces of unambiguous JavaScript: the streaming lexer and the whole-body rewriter agree on them.
const piece = fc.constantFrom(
  'var u = "https://app.example.com/x";\n', "s = 'example.com';\n", 't = `//example.com/${a}é`;\n', 'r = /example\\.com/g;\n',
  'x = a / 2 / "//example.com";\n', '// comment "https://example.com" 😀\n', '/* é "//example.com" */\n', 'm = "user@example.com";\n',
  'q = "ünïcödé 😀 https:\\/\\/example.com";\n', 'a.example.com;\n', 'if (x) { y(); }\n', 'z = [1, 2] / 3;\n',
);
const program = fc.array(piece, { minLength: 1, maxLength: 60 }).map((p) => p.join(''));
const cuts = fc.array(fc.nat(), { maxLength: 12 });

describe('createJsStream', () => {
  test('under the cap, any chunking (splitting UTF-8 characters too) gives rewriteJs of the whole', async () => {
    const { ctx } = exampleContext();
    await fc.assert(fc.asyncProperty(program, cuts, async (src, at) => {
      const bytes = Buffer.from(src, 'utf8');
      const out = await through(ctx, split(bytes, at));
      expect(out.toString('utf8')).toBe(rewriteJs(ctx, src));
    }), { numRuns: 60 });
  });

  test('past the cap, the streaming fallback is chunk-invariant, exact on plain code, and reported once', async () => {
    await fc.assert(fc.asyncProperty(program, cuts, async (src, at) => {
      const { ctx, events } = exampleContext({ maxBufferBytes: 1024 });
      const bytes = Buffer.from(src, 'utf8');
      const whole = await through(ctx, [bytes]);
      const chunked = await through(ctx, split(bytes, at));
      expect(chunked.equals(whole)).toBe(true);
      expect(whole.toString('utf8')).toBe(rewriteJs(ctx, src));
      const overCap = events.filter((e) => e.reason === 'over-cap').length;
      expect(overCap).toBe(bytes.length > 1024 ? 2 : 0);
    }), { numRuns: 60 });
  });

  test('a string literal longer than the cap is cut between words and every URL in it is rewritten', async () => {
    const { ctx } = exampleContext({ maxBufferBytes: 1024 });
    const body = Array.from({ length: 300 }, (_, i) => `https://h${i}.example.com/p`).join(' ');
    const src = `var s = "${body}";`;
    const expected = `var s = "${Array.from({ length: 300 }, (_, i) => `https://h${i}.example.com.proxy.test/p`).join(' ')}";`;
    const bytes = Buffer.from(src);
    expect((await through(ctx, [bytes])).toString()).toBe(expected);
    expect((await through(ctx, split(bytes, [7, 500, 1023, 1024, 1025, 4000, 9000]))).toString()).toBe(expected);
  });

  test('random bytes never throw and never lose a byte', async () => {
    const noise = fc.array(fc.oneof(
      fc.uint8Array({ maxLength: 40 }).map((a) => Buffer.from(a)),
      fc.constantFrom('"', "'", '`', '/', '\\', '${', '}', '\n', '//example.com', 'example\\.com', '<!--', '-->').map((s) => Buffer.from(s)),
    ), { maxLength: 80 }).map((parts) => Buffer.concat(parts));
    await fc.assert(fc.asyncProperty(noise, cuts, fc.boolean(), async (bytes, at, small) => {
      const { ctx } = exampleContext({ maxBufferBytes: small ? 1024 : undefined });
      const out = await through(ctx, split(bytes, at));
      expect(withoutSuffix(out).equals(bytes)).toBe(true);
    }), { numRuns: 150 });
  });

  test('invalid UTF-8 passes byte for byte around a rewritten literal', async () => {
    const { ctx, events } = exampleContext();
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('\nx = "https://example.com/";\n'), Buffer.from([0x80])]);
    const out = await through(ctx, split(bytes, [1, 2, 5]));
    expect(out.equals(Buffer.concat([Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('\nx = "https://example.com.proxy.test/";\n'), Buffer.from([0x80])]))).toBe(true);
    expect(events.some((e) => e.reason === 'invalid-utf8')).toBe(true);
  });
});
