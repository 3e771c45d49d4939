import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getDomain } from 'tldts';
import { describe, expect, it } from 'vitest';
import type { Har, HarEntry } from '../../../src/har/har-types.js';
import { validateHar } from '../../../src/har/schema/validate-har.js';
import { rewriteEntry, rewritePages } from '../../../src/har/session/index.js';
import { testRun } from './helpers.js';

// Every real capture of the corpus, its main site's registrable domain protected: each runs
// through without an error; entries of other hosts come out as they were (the same
// objects); entries of the protected site come out proxied; bodies of binary types come
// out byte-identical; and the session adds no HAR 1.2 schema violation of its own.

const dir = fileURLToPath(new URL('../../../../shared/corpus/har/', import.meta.url));
const exists = existsSync(dir);
if (!exists) console.warn(`test/har/session: corpus HAR tests skipped: ${dir} is absent`);

const files = exists ? readdirSync(dir).filter((f) => f.endsWith('.har')).sort() : [];

/** Media the browser never reads as text (MIME Sniffing: image, audio, video, font types; archives and PDF). */
const BINARY = /^\s*(?:image\/(?!svg)|font\/|audio\/|video\/|application\/(?:octet-stream|wasm|pdf|zip|font-woff2?|x-font-\w+|vnd\.ms-fontobject))/i;

function contentType(e: HarEntry): string {
  const h = e.response.headers?.find((x) => x.name.toLowerCase() === 'content-type');
  return h?.value ?? e.response.content?.mimeType ?? '';
}

let binaryBodies = 0;

describe.skipIf(!exists)('corpus HARs through the session', () => {
  it('finds the corpus', () => {
    expect(files.length).toBeGreaterThanOrEqual(34);
  });

  it.each(files)('%s', async (file) => {
    const har = JSON.parse(readFileSync(dir + file, 'utf8').replace(/^\uFEFF/, '')) as Har;
    const site = getDomain(har.log.entries[0].request.url, { allowPrivateDomains: true }) as string;
    const run = testRun({ rewriter: { suffix: 'proxy.test', domains: [site, `*.${site}`] } });
    const out: HarEntry[] = [];
    for (const e of har.log.entries) out.push(await rewriteEntry(e, run));

    let proxied = 0;
    let binary = 0;
    out.forEach((o, i) => {
      const e = har.log.entries[i];
      // A fully qualified name (`nytimes.com.`) is the same host to the DNS and to the patterns.
      const fqdn = new URL(e.request.url).hostname;
      const host = fqdn.replace(/\.$/, '');
      if (host !== site && !host.endsWith(`.${site}`)) {
        expect(o).toBe(e);
        return;
      }
      proxied++;
      expect(new URL(o.request.url).hostname).toBe(`${host}.proxy.test${fqdn === host ? '' : '.'}`);
      if (typeof e.response.content?.text === 'string' && BINARY.test(contentType(e))) {
        binary++;
        expect(o.response.content.text).toBe(e.response.content.text);
      }
    });
    expect(proxied).toBeGreaterThan(0);
    const summary = run.stats.summary();
    expect(summary.entries).toMatchObject({ total: har.log.entries.length, proxied });
    expect(summary.bytes.bodiesOut).toBeGreaterThanOrEqual(summary.bytes.bodiesIn);
    binaryBodies += binary;

    const before = new Set(validateHar(har));
    const after = validateHar({ ...har, log: { ...har.log, pages: rewritePages(har.log.pages, run), entries: out } });
    expect(after.filter((p) => !before.has(p))).toEqual([]);
  });

  it('compared binary bodies (the check above is not vacuous)', () => {
    expect(binaryBodies).toBeGreaterThan(50);
  });
});
