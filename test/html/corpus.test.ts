import { describe, expect, it } from 'vitest';
import { createContext } from '../../src/context.js';
import { HtmlByteRewriter, urlAttributeKind } from '../../src/html/index.js';
import { corpusExists, corpusHtmlDir, corpusPages, elements, protectedDomainFor, readPage } from './corpus-support.js';

if (!corpusExists) console.warn(`test/html/corpus: ${corpusHtmlDir} is absent; corpus tests skipped`);

/** Deterministic pseudo-random chunk sizes (1 byte to 20 KiB), different per page. */
function chunkSizes(seed: number): number[] {
  const out: number[] = [];
  let s = seed >>> 0 || 1;
  for (let i = 0; i < 64; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out.push(1 + (s % (i % 4 === 0 ? 20 * 1024 : 300)));
  }
  return out;
}

function run(r: HtmlByteRewriter, bytes: Buffer, sizes: number[]): Buffer {
  const parts: Buffer[] = [];
  let i = 0;
  for (let k = 0; i < bytes.length; k++) {
    const n = sizes[k % sizes.length] as number;
    const o = r.write(bytes.subarray(i, i + n));
    if (o) parts.push(Buffer.from(o));
    i += n;
  }
  const e = r.end();
  if (e) parts.push(Buffer.from(e));
  return Buffer.concat(parts);
}

describe.skipIf(!corpusExists)('corpus: every page of ../shared/corpus/html through the HTML stream', () => {
  it('never throws, keeps the element structure, leaves no protected host in a URL attribute, is chunk-invariant and idempotent', () => {
    const report: string[] = [];
    let totalRewrites = 0;
    const pages = corpusPages();
    expect(pages.length).toBeGreaterThan(100);
    pages.forEach((path, index) => {
      const bytes = readPage(path);
      const domain = protectedDomainFor(bytes.toString('latin1')) ?? 'example.com';
      const events: string[] = [];
      const ctx = createContext({ suffix: 'proxy.test', domains: [domain, `*.${domain}`], onEvent: (e) => events.push(e.type) });
      const whole = new HtmlByteRewriter(ctx);
      const out = run(whole, bytes, [bytes.length]);
      const chunked = run(new HtmlByteRewriter(ctx), bytes, chunkSizes(index + 1));
      const name = path.slice(corpusHtmlDir.length);
      expect(chunked.equals(out), `${name}: chunked output differs`).toBe(true);
      expect(run(new HtmlByteRewriter(ctx), out, [out.length]).equals(out), `${name}: not idempotent`).toBe(true);

      const decode = (b: Buffer) => new TextDecoder(whole.encoding === 'UTF-8' ? 'utf-8' : 'latin1').decode(b);
      const before = elements(decode(bytes));
      const after = elements(decode(out));
      expect(after.names, `${name}: element structure`).toEqual(before.names);
      for (const a of after.attrs) {
        if (urlAttributeKind(a.name) === undefined) continue;
        expect(ctx.hosts.url(a.value), `${name}: <${a.tag} ${a.name}> escapes`).toBe(a.value);
      }
      totalRewrites += whole.stats.rewrites;
      report.push(`${name.padEnd(48)} ${domain.padEnd(24)} rewrites ${String(whole.stats.rewrites).padStart(4)}  fallbacks ${whole.stats.fallbacks}  events ${events.length}`);
    });
    console.log(`HTML corpus report (${pages.length} pages, ${totalRewrites} rewrites)\n${report.join('\n')}`);
    expect(totalRewrites).toBeGreaterThan(1000);
  }, 300_000);
});
