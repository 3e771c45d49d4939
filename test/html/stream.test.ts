import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { createHtmlStream, createHtmlTransformStream, rewriteHtml } from '../../src/html/index.js';
import { runChunked, testContext } from './helpers.js';

const P = '.proxy.test';

const PAGE = Buffer.from(
  '<!DOCTYPE html>\r\n<html lang=en><HEAD><meta charset="utf-8"><title>Caf\u00e9 https://example.com</title>' +
  '<script>var u = "https://api.example.com/v1"; if (a </script) {}</script>' +
  '<style>body{background:url("https://cdn.example.com/bg.png")}</style></HEAD>' +
  '<body><!-- https://example.com --><p>\u65e5\u672c\u8a9e \ud83d\ude00 https://example.com</p>' +
  '<a href=https://app.example.com/\u00e9 title=\'x\'>l</a><img srcset="https://img.example.com/a,b.jpg 1x, /c.jpg 2x">' +
  '<svg><use xlink:href="https://example.com/s.svg#i"/></svg><textarea>https://example.com</textarea>' +
  '<script type="application/json">{"k":"https://example.com/"}</script></body></html>',
  'utf8',
);

describe('chunk invariance', () => {
  it('gives the same bytes for any split, including inside UTF-8 characters, tags, scripts and </script', () => {
    const ctx = testContext();
    const whole = runChunked(ctx, PAGE, [PAGE.length]);
    expect(whole.toString('utf8')).toContain(`href=https://app.example.com${P}/\u00e9`);
    expect(whole.toString('utf8')).toContain(`"https://api.example.com${P}/v1"`);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 30 }), (sizes) => {
        expect(runChunked(ctx, PAGE, sizes).equals(whole)).toBe(true);
      }),
      { numRuns: 300 },
    );
    for (let i = 1; i < PAGE.length; i++) expect(runChunked(ctx, PAGE, [i, PAGE.length]).equals(whole)).toBe(true);
  });

  it('is chunk-invariant past the inline cap too (streaming fallback)', () => {
    const ctx = testContext({ maxBufferBytes: 1024 });
    const big = Buffer.from(`<script>${'var a = "https://example.com/x"; '.repeat(400)}</script><a href="https://example.com/">`);
    const whole = runChunked(ctx, big, [big.length]);
    expect(whole.toString()).not.toMatch(/example\.com\/x/);
    expect(ctx.events.some((e) => e.type === 'html-inline-cap')).toBe(true);
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 3000 }), { minLength: 1, maxLength: 10 }), (sizes) => {
      expect(runChunked(ctx, big, sizes).equals(whole)).toBe(true);
    }), { numRuns: 60 });
  });

  it('matches the string API for UTF-8 pages', () => {
    const ctx = testContext();
    expect(runChunked(ctx, PAGE, [7]).toString('utf8')).toBe(rewriteHtml(ctx, PAGE.toString('utf8')));
  });
});

describe('streaming', () => {
  it('lets the first bytes out before 64 KiB of input has been read', () => {
    const ctx = testContext();
    const stream = createHtmlStream(ctx);
    const chunks: Buffer[] = [];
    stream.on('data', (d: Buffer) => chunks.push(d));
    stream.write(Buffer.from('<!doctype html><html><head><title>t</title></head><body>'));
    for (let i = 0; i < 4; i++) stream.write(Buffer.from('<p><a href="https://example.com/">x</a></p>\n'.repeat(100)));
    // ~18 KiB written, no end: output must already have started, rewritten.
    expect(Buffer.concat(chunks).length).toBeGreaterThan(1000);
    expect(Buffer.concat(chunks).toString()).toContain(`https://example.com${P}/`);
    stream.end();
  });

  it('works as a Node stream in a pipeline and as a Web TransformStream', async () => {
    const ctx = testContext();
    const out: Buffer[] = [];
    await pipeline(Readable.from([PAGE.subarray(0, 100), PAGE.subarray(100)]), createHtmlStream(ctx), async function* (src) {
      for await (const c of src) out.push(c as Buffer);
    });
    const expected = runChunked(ctx, PAGE, [PAGE.length]);
    expect(Buffer.concat(out).equals(expected)).toBe(true);
    const web = new Blob([PAGE]).stream().pipeThrough(createHtmlTransformStream(ctx));
    const got = Buffer.from(await new Response(web).arrayBuffer());
    expect(got.equals(expected)).toBe(true);
  });
});

describe('charsets', () => {
  it('keeps a windows-1252 page byte for byte, even bytes iconv-lite leaves unmapped', () => {
    const ctx = testContext();
    const head = Buffer.from('<meta charset="windows-1252"><a href="https://example.com/">');
    const all = Buffer.from(Array.from({ length: 256 }, (_, i) => (i === 0x3c || i === 0x26 ? 0x20 : i)));
    const out = runChunked(ctx, Buffer.concat([head, all]), [5]);
    expect(out.equals(Buffer.concat([Buffer.from(`<meta charset="windows-1252"><a href="https://example.com${P}/">`), all]))).toBe(true);
  });

  it('decodes Shift_JIS from the HTTP charset and writes Shift_JIS back', () => {
    const ctx = testContext();
    const src = '<p>\u65e5\u672c\u8a9e\u30c6\u30ad\u30b9\u30c8</p><a href="https://example.com/\u8868">\u8868</a>';
    const bytes = iconv.encode(src, 'Shift_JIS');
    const out = runChunked(ctx, bytes, [3], { charset: 'shift_jis' });
    expect(out.equals(iconv.encode(src.replace('example.com/', `example.com${P}/`), 'Shift_JIS'))).toBe(true);
  });

  it('honours a UTF-16LE BOM and keeps it', () => {
    const ctx = testContext();
    const src = '\ufeff<a href="https://example.com/">\u00e9</a>';
    const out = runChunked(ctx, Buffer.from(src, 'utf16le'), [3], { charset: 'iso-8859-1' });
    expect(out.equals(Buffer.from(src.replace('example.com/', `example.com${P}/`), 'utf16le'))).toBe(true);
  });

  it('keeps a UTF-8 BOM and multi-byte text', () => {
    const ctx = testContext();
    const src = '\ufeff<p>\u00e9\ud83d\ude00</p><img src="https://example.com/i">';
    expect(runChunked(ctx, Buffer.from(src), [1]).toString('utf8')).toBe(src.replace('example.com/', `example.com${P}/`));
  });
});

describe('snippet injection', () => {
  const S = '<script src="/__spr/client.js"></script>';
  it('goes once at the start of <head>, after <meta charset>', () => {
    const ctx = testContext();
    expect(rewriteHtml(ctx, '<html><head>\n<meta charset="utf-8"><title>t</title></head><body></body></html>', { snippet: S }))
      .toBe(`<html><head>\n<meta charset="utf-8">${S}<title>t</title></head><body></body></html>`);
    expect(rewriteHtml(ctx, '<head><title>t</title><head>', { snippet: S })).toBe(`<head>${S}<title>t</title><head>`);
  });

  it('creates <head> when absent, and is off by default', () => {
    const ctx = testContext();
    expect(rewriteHtml(ctx, '<!doctype html><html><body><p>x', { snippet: S })).toBe(`<!doctype html><html><head>${S}</head><body><p>x`);
    expect(rewriteHtml(ctx, 'hello', { snippet: S })).toBe(`<head>${S}</head>hello`);
    expect(rewriteHtml(ctx, '', { snippet: S })).toBe(`<head>${S}</head>`);
    expect(rewriteHtml(ctx, '<head></head>')).toBe('<head></head>');
  });

  it('is placed identically for any chunking', () => {
    const ctx = testContext();
    const page = Buffer.from('<!doctype html>\n<html>\n<head>\n  <meta charset=utf-8>\n  <title>x</title></head><body>y</body></html>');
    const whole = runChunked(ctx, page, [page.length], { snippet: S });
    expect(whole.toString()).toBe(`<!doctype html>\n<html>\n<head>\n  <meta charset=utf-8>${S}\n  <title>x</title></head><body>y</body></html>`);
    for (let i = 1; i < page.length; i++) expect(runChunked(ctx, page, [i], { snippet: S }).equals(whole)).toBe(true);
  });

  it('is not injected twice into a page rewritten before with the same snippet', () => {
    const ctx = testContext();
    const pages = [
      '<!doctype html><html><head><meta charset="utf-8"><title>t</title></head><body><a href="https://example.com/">x</a></body></html>',
      '<html><head><title>t</title></head></html>',
      '<!doctype html><html><body><p>no head</p></body></html>',
      '<meta charset=utf-8><p>implicit head',
      'plain text',
      '',
    ];
    for (const page of pages) {
      const once = rewriteHtml(ctx, page, { snippet: S });
      expect(once.split(S).length - 1).toBe(1);
      expect(rewriteHtml(ctx, once, { snippet: S })).toBe(once);
      const bytes = Buffer.from(once);
      for (let i = 1; i <= bytes.length; i++) expect(runChunked(ctx, bytes, [i], { snippet: S }).equals(bytes), `${page} split ${i}`).toBe(true);
    }
  });

  it('is still injected when the page has only part of it, or has it elsewhere, or another snippet', () => {
    const ctx = testContext();
    const part = S.slice(0, 20);
    expect(rewriteHtml(ctx, `<head>${part}</head>`, { snippet: S })).toBe(`<head>${S}${part}</head>`);
    expect(rewriteHtml(ctx, `<head><title>t</title>${S}</head>`, { snippet: S })).toBe(`<head>${S}<title>t</title>${S}</head>`);
    const other = '<script src="/__spr/other.js"></script>';
    expect(rewriteHtml(ctx, `<head>${other}</head>`, { snippet: S })).toBe(`<head>${S}${other}</head>`);
    // Cut right inside the snippet-like prefix, the decision waits for the rest.
    const page = Buffer.from(`<head>${part}<title>x</title></head>`);
    const expected = `<head>${S}${part}<title>x</title></head>`;
    for (let i = 1; i < page.length; i++) expect(runChunked(ctx, page, [i, page.length], { snippet: S }).toString()).toBe(expected);
  });

  it('never pushes a charset <meta> found by the prescan out of the first 1,024 bytes', () => {
    const ctx = testContext();
    const filler = `<script>var x = "${'y'.repeat(900)}";</script>`;
    const page = Buffer.from(`<html><head>${filler}<meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>\u00e9</title></head>`);
    const meta = '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">';
    const expected = `<html><head>${filler}${meta}${S}<title>\u00e9</title></head>`;
    for (const size of [page.length, 1, 100, 1000]) expect(runChunked(ctx, page, [size], { snippet: S }).toString()).toBe(expected);
    // Without a charset meta, or with the HTTP charset deciding, it goes first in <head>.
    expect(runChunked(ctx, page, [page.length], { snippet: S, charset: 'utf-8' }).toString()).toBe(`<html><head>${S}${filler}${meta}<title>\u00e9</title></head>`);
    expect(ctx.events.filter((e) => e.type === 'html-charset-meta-moved')).toEqual([]);
    // A rewrite before the declaration that pushes its end past byte 1,024 is reported.
    const near = Buffer.from(`<html><head><link rel=icon href="https://example.com/i"><script>var x = "${'y'.repeat(869)}";</script>${meta}<title>t</title>`);
    expect(near.indexOf('<title>')).toBeLessThanOrEqual(1024);
    runChunked(ctx, near, [near.length]);
    const moved = ctx.events.filter((e) => e.type === 'html-charset-meta-moved');
    expect(moved.length).toBe(1);
    expect((moved[0] as { offset?: number }).offset).toBe(near.indexOf('<title>') + P.length);
  });
});
