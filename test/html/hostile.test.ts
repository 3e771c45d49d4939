import { describe, expect, it } from 'vitest';
import { HtmlByteRewriter, rewriteHtml } from '../../src/html/index.js';
import { testContext } from './helpers.js';

const P = '.proxy.test';

describe('hostile input', () => {
  it('streams 100 MB of <a href> in bounded memory', () => {
    const ctx = testContext();
    const r = new HtmlByteRewriter(ctx, { charset: 'utf-8' });
    const unit = Buffer.from('<a href="https://app.example.com/page?id=1">link</a>\n'.repeat(1300)); // ~64 KiB
    const expectedUnit = unit.toString().replaceAll('app.example.com/', `app.example.com${P}/`);
    global.gc?.();
    const before = process.memoryUsage();
    let inBytes = 0;
    let outBytes = 0;
    let peak = 0;
    let sample = '';
    while (inBytes < 100 * 1024 * 1024) {
      const out = r.write(unit);
      inBytes += unit.length;
      if (out) {
        outBytes += out.byteLength;
        if (sample.length < expectedUnit.length) sample += Buffer.from(out).toString();
      }
      if ((inBytes & 0xfffff) < unit.length) peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
    const end = r.end();
    outBytes += end?.byteLength ?? 0;
    expect(outBytes).toBe((inBytes / unit.length) * Buffer.byteLength(expectedUnit));
    expect(sample.startsWith(expectedUnit)).toBe(true);
    expect(peak - before.heapUsed).toBeLessThan(200 * 1024 * 1024);
  }, 120_000);

  it('rewrites a 50 MB inline script past the cap with the streaming fallback', () => {
    const ctx = testContext();
    const r = new HtmlByteRewriter(ctx, { charset: 'utf-8' });
    const line = 'fetch("https://api.example.com/v1/items"); var host = "example.com"; var mail = "a@example.com";\n';
    const block = Buffer.from(line.repeat(Math.ceil(1024 * 1024 / line.length)));
    const expectedLine = line.replace('api.example.com/', `api.example.com${P}/`).replace('"example.com"', `"example.com${P}"`);
    let out = Buffer.alloc(0);
    const take = (b: Uint8Array | null) => { if (b) out = Buffer.concat([out.subarray(Math.max(0, out.length - 4096)), b]); };
    let total = 0;
    let leftovers = 0;
    take(r.write(Buffer.from('<html><body><script>')));
    for (let i = 0; i < 50; i++) {
      const o = r.write(block);
      if (o) {
        total += o.byteLength;
        leftovers += Buffer.from(o).toString().split('api.example.com/').length - 1;
        take(o);
      }
    }
    take(r.write(Buffer.from('</script><a href="https://example.com/">end</a></body></html>')));
    const e = r.end();
    if (e) leftovers += Buffer.from(e).toString().split('api.example.com/').length - 1;
    take(e);
    expect(ctx.events.some((ev) => ev.type === 'html-inline-cap')).toBe(true);
    expect(leftovers).toBe(0);
    expect(total).toBeGreaterThan(50 * 1024 * 1024);
    expect(out.toString()).toContain(expectedLine);
    expect(out.toString().endsWith(`</script><a href="https://example.com${P}/">end</a></body></html>`)).toBe(true);
  }, 120_000);

  it('survives 100,000 levels of nesting and one huge attribute', () => {
    const ctx = testContext();
    const deep = '<div>'.repeat(100_000) + '<a href="https://example.com/">x</a>' + '</div>'.repeat(100_000);
    expect(rewriteHtml(ctx, deep)).toBe(deep.replace('example.com/', `example.com${P}/`));
    const huge = `<a title="${'x'.repeat(20 * 1024 * 1024)}" href="https://example.com/">`;
    const out = rewriteHtml(ctx, huge);
    expect(out.length).toBe(huge.length + P.length);
    expect(out.endsWith(`href="https://example.com${P}/">`)).toBe(true);
  }, 60_000);

  it('never throws on garbage and loses no bytes', () => {
    const ctx = testContext();
    const bytes = Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 7919 + (i >> 3)) & 0xff));
    const r = new HtmlByteRewriter(ctx, { charset: 'windows-1252' });
    const parts: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += 4096) { const o = r.write(bytes.subarray(i, i + 4096)); if (o) parts.push(Buffer.from(o)); }
    const e = r.end();
    if (e) parts.push(Buffer.from(e));
    expect(Buffer.concat(parts).equals(bytes)).toBe(true);
  });
});
