// The issue's "done" on the 34 real captures of ../shared/corpus/har, each with its main
// site protected (the registrable domain of its first navigation and every subdomain:
// see mainSite in corpus-capture.ts): `spr har`'s library path (rewriteHar) runs without
// error; the independent audit finds escapes in the captures and none in the output; the
// output is valid HAR 1.2; bodies the pipeline passes by type (images, fonts, wasm…) come
// out byte-identical.
import { describe, expect, it } from 'vitest';
import { escapeLine } from '../../src/cli/audit-command.js';
import type { HarEntry } from '../../src/har/har-types.js';
import { corpusExists, corpusHarDir, corpusHarNames, mainSite, runCapture, type CaptureResult } from './corpus-capture.js';

if (!corpusExists) console.warn(`test/har/corpus.test.ts skipped: the HAR corpus ${corpusHarDir} is absent (CI keeps it beside the repository as shared/corpus)`);

const names = corpusHarNames();
const results: CaptureResult[] = [];

describe.skipIf(!corpusExists)('the corpus through spr har, audited before and after', () => {
  it('has the 34 captures', () => {
    expect(names.length).toBe(34);
  });

  it.each(names)('%s', async (name) => {
    const r = await runCapture(name);
    results.push(r);
    expect(r.summary.entries.proxied, 'entries on the protected site').toBeGreaterThan(0);
    expect(r.before.summary.escapes, 'escapes in the capture').toBeGreaterThan(0);
    expect(r.after.escapes.map(escapeLine), 'escapes left in the output').toEqual([]);
    expect(r.after.summary.proxied, 'the audit saw the proxied entries of the output').toBe(r.summary.entries.proxied);
    expect(r.invalid, 'HAR 1.2 problems of the output').toEqual([]);
    expect(r.passBodiesChanged, 'passed bodies that changed').toEqual([]);
  }, 120_000);

  it('finds many escapes across the corpus, in bodies too, and compared many passed bodies', () => {
    expect(results.length).toBe(names.length);
    const perFile = Object.fromEntries(results.map((r) => [r.name, r.before.summary.escapes]));
    const total = results.reduce((n, r) => n + r.before.summary.escapes, 0);
    const inBodies = results.reduce((n, r) => n + r.before.summary.byKind['html-attr'] + r.before.summary.byKind['css-url'] + r.before.summary.byKind['js-string'] + r.before.summary.byKind['json-string'], 0);
    const passBodies = results.reduce((n, r) => n + r.passBodies, 0);
    console.log(`escapes in the captures: ${total} (${inBodies} in bodies); ${passBodies} passed bodies compared\n${Object.entries(perFile).map(([f, n]) => `  ${f}: ${n}`).join('\n')}`);
    // Every capture requests its own site (request URLs, Host, Referer escape at least); the
    // bodies of HTML, CSS, JS and JSON name it in hundreds of places more.
    expect(total).toBeGreaterThan(4000);
    expect(inBodies).toBeGreaterThan(500);
    expect(passBodies).toBeGreaterThan(100);
  });
});

// The main-site rule on entries made for it (the corpus test above depends on it).
describe('mainSite', () => {
  const entry = (url: string, status: number, type: string, referer?: string): HarEntry =>
    ({
      request: { url, headers: referer === undefined ? [] : [{ name: 'Referer', value: referer }] },
      response: { status, headers: [{ name: 'Content-Type', value: type }], content: { mimeType: type, size: 0 } },
    }) as unknown as HarEntry;

  it('is the registrable domain of the first page the user opened', () => {
    expect(mainSite([entry('https://www.shop.co.uk/', 200, 'text/html; charset=utf-8')])).toBe('shop.co.uk');
    // A tool's own first entries (a script, a page loaded by another page) do not name the site.
    expect(mainSite([
      entry('http://marker.example/m.js', 200, 'text/javascript'),
      entry('http://ads.example/frame.html', 200, 'text/html', 'http://marker.example/'),
      entry('http://www.widex.com/en/', 200, 'text/html'),
    ])).toBe('widex.com');
  });

  it('keeps private suffixes apart (github.io sites are sites of their own)', () => {
    expect(mainSite([entry('http://gitgrimbo.github.io/harviewer/', 200, 'text/html')])).toBe('gitgrimbo.github.io');
  });

  it('falls back to the first entry when no page was opened', () => {
    expect(mainSite([entry('https://api.github.com/users/x', 200, 'application/json'), entry('https://x.test/', 301, 'text/html')])).toBe('github.com');
  });
});
