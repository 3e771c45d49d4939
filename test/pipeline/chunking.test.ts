import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gzipSync, gunzipSync } from 'node:zlib';
import { createPipeline } from '../../src/pipeline/index.js';
import { createRewriter } from '../../src/rewriter.js';
import { runChunks, splitAt } from '../helpers/streams.js';

// The body transform decides what a body is on a fixed-length prefix (the MIME Sniffing
// resource header), so where chunks happen to end can never change the output.
const rw = createRewriter({ suffix: 'proxy.test', domains: ['acme-docs.com', '*.acme-docs.com'] });
const pipe = createPipeline(rw, { snippet: '<script>s()</script>' });

const link = '<a href="https://app.acme-docs.com/p">p</a>';
const bodies = fc.oneof(
  // HTML documents and fragments whose links straddle the 1,445-byte decision point.
  fc.tuple(fc.constantFrom('<!doctype html><html><head></head><body>', '<div>', '', '  \n<p>'), fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 5 }))
    .map(([open, pad, n]) => Buffer.from(open + ' '.repeat(pad) + link.repeat(n))),
  // Binary bytes, with a protected host in them.
  fc.tuple(fc.uint8Array({ minLength: 0, maxLength: 3000 }), fc.integer({ min: 0, max: 3000 })).map(([bytes, at]) => {
    const b = Buffer.from(bytes);
    return Buffer.concat([b.subarray(0, at), Buffer.from('https://acme-docs.com/'), b.subarray(at)]);
  }),
);

function bodyTransform(type: string | undefined, coding?: string) {
  const headers: Record<string, string> = {};
  if (type) headers['content-type'] = type;
  if (coding) headers['content-encoding'] = coding;
  const plan = pipe.response({ method: 'GET', headers: {} }, { status: 200, headers });
  if (plan.body === null) throw new Error('expected a body transform');
  return plan.body;
}

describe('pipeline body transform', () => {
  it('gives the same bytes for any chunking (typed, untyped, gzip)', async () => {
    await fc.assert(
      fc.asyncProperty(bodies, fc.array(fc.nat(4000), { maxLength: 12 }), fc.constantFrom('text/html', undefined, 'text/css'), async (body, cuts, type) => {
        const whole = await runChunks(bodyTransform(type), [body]);
        expect((await runChunks(bodyTransform(type), splitAt(body, cuts))).equals(whole)).toBe(true);
        const gz = gzipSync(body);
        const coded = await runChunks(bodyTransform(type, 'gzip'), splitAt(gz, cuts));
        // An empty body stays zero bytes under its Content-Encoding (createEncoder's rule;
        // browsers read an empty coded body as empty), which gunzip alone would call truncated.
        const viaGzip = coded.length === 0 && whole.length === 0 ? coded : gunzipSync(coded);
        expect(viaGzip.equals(whole)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('passes bytes with a binary data byte in the resource header untouched, under every text type', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 4000 }), fc.nat(1444), fc.constantFrom('text/html', 'text/css', 'application/json', 'text/javascript', 'image/svg+xml'), async (bytes, at, type) => {
        const body = Buffer.concat([Buffer.from('<html><a href="https://acme-docs.com/">'), Buffer.from(bytes)]);
        body[Math.min(at, body.length - 1)] = 0x00;
        expect((await runChunks(bodyTransform(type), [body])).equals(body)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
