import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { createContext } from '../../src/context.js';
import { HtmlByteRewriter, urlAttributeKind } from '../../src/html/index.js';
import { corpusExists, corpusHtmlDir, corpusPages, elements, protectedDomainFor, readPage } from './corpus-support.js';

if (!corpusExists) console.warn(`test/html/corpus: ${corpusHtmlDir} is absent; corpus tests skipped`);

const SNIPPET = '<script src="/__spr/client.js" data-note="caf\u00e9"></script>';

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
    let metaMoved = 0;
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
      // With a snippet: injected once, and not again when the rewritten page comes back (chunked).
      const withSnippet = run(new HtmlByteRewriter(ctx, { snippet: SNIPPET }), bytes, [bytes.length]);
      const snippetBytes = whole.encoding === 'UTF-8' ? Buffer.from(SNIPPET) : iconv.encode(SNIPPET, whole.encoding as string);
      // Once: the page grows by the snippet (in a `<head>` of its own when the page has none).
      expect([0, '<head></head>'.length], `${name}: snippet`).toContain(withSnippet.length - out.length - snippetBytes.length);
      expect(withSnippet.includes(snippetBytes), `${name}: snippet bytes`).toBe(true);
      // Unless rewrites pushed the charset <meta> past the prescan (reported: the second pass
      // would decode the page differently, which the caller fixes with a Content-Type charset).
      if (!events.includes('html-charset-meta-moved')) {
        expect(run(new HtmlByteRewriter(ctx, { snippet: SNIPPET }), withSnippet, chunkSizes(index + 7)).equals(withSnippet), `${name}: snippet twice`).toBe(true);
      } else {
        metaMoved++;
      }

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
    console.log(`HTML corpus report (${pages.length} pages, ${totalRewrites} rewrites, ${metaMoved} with the charset <meta> pushed past 1,024 bytes)\n${report.join('\n')}`);
    expect(totalRewrites).toBeGreaterThan(1000);
  }, 300_000);
});
