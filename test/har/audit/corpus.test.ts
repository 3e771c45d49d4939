import { createReadStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getDomain } from 'tldts';
import { describe, expect, it } from 'vitest';
import { auditHarFile, EscapeFinder, type Escape } from '../../../src/har/audit/index.js';
import type { HarEntry } from '../../../src/har/har-types.js';
import { readHar } from '../../../src/har/stream/index.js';

const HAR_DIR = fileURLToPath(new URL('../../../../shared/corpus/har/', import.meta.url));
const hasCorpus = existsSync(HAR_DIR);
if (!hasCorpus) console.warn(`corpus audit tests skipped: ${HAR_DIR} is absent`);
const SESSION = fileURLToPath(new URL('../../../src/har/session/index.ts', import.meta.url));
const hasSession = existsSync(SESSION);
if (!hasSession) console.warn('audit of rewritten corpus skipped: src/har/session (rewriteEntry) is absent');

const files = hasCorpus ? readdirSync(HAR_DIR).filter((f) => f.endsWith('.har')).sort() : [];

/** The main site of a capture: the registrable domain of its first request, protected with every subdomain. */
function protectedDomains(file: string): string[] {
  const text = readFileSync(HAR_DIR + file, 'utf8');
  const har = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as { log: { entries: HarEntry[] } };
  const base = getDomain(har.log.entries[0].request.url, { allowPrivateDomains: true }) ?? 'example.com';
  return [base, `*.${base}`];
}

const BODY_KINDS = new Set(['html-attr', 'css-url', 'js-string', 'json-string', 'xml-text']);

describe.skipIf(!hasCorpus)('the real captures', () => {
  it('has the corpus', () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
  });

  it('finds escapes in every raw capture, and in the bodies of most', async () => {
    const withBodyEscapes: string[] = [];
    for (const file of files) {
      const result = await auditHarFile(HAR_DIR + file, { suffix: 'proxy.test', domains: protectedDomains(file) });
      // Every capture requests its own main site: at least that request escapes.
      expect(result.summary.byKind['request-url'], file).toBeGreaterThan(0);
      for (const e of result.escapes) checkShape(e, file);
      if (result.escapes.some((e) => BODY_KINDS.has(e.kind))) withBodyEscapes.push(file);
    }
    expect(withBodyEscapes.length).toBeGreaterThanOrEqual(12);
  }, 120_000);

  // The self-check of independence: the finder shares nothing with the rewriters but the
  // host matcher, so "none left" in the session's output is a real check of the rewriters.
  describe.skipIf(!hasSession)('rewritten by the session (rewriteEntry)', () => {
    for (const file of files) {
      it(`leaves no escape in ${file}`, async () => {
        const { createSessionRun, rewriteEntry } = (await import(SESSION)) as typeof import('../../../src/har/session/index.js');
        const domains = protectedDomains(file);
        const tempDir = mkdtempSync(join(tmpdir(), 'spr-audit-corpus-'));
        const reader = readHar(createReadStream(HAR_DIR + file), { tempDir });
        try {
          const run = createSessionRun({ rewriter: { suffix: 'proxy.test', domains }, tempDir });
          const finder = new EscapeFinder({ suffix: 'proxy.test', domains });
          let before = 0;
          const left: string[] = [];
          for await (const event of reader) {
            if (event.kind !== 'entry') continue;
            before += finder.entry(event.entry, event.index).escapes.length;
            const out = await rewriteEntry(event.entry, run);
            for (const e of finder.entry(out, event.index).escapes) left.push(`#${e.entry} ${e.kind} ${e.where} ${e.value}  ${e.snippet}`);
          }
          expect(before).toBeGreaterThan(0);
          expect(left).toEqual([]);
        } finally {
          await reader.close();
          rmSync(tempDir, { recursive: true, force: true });
        }
      }, 60_000);
    }
  });
});

function checkShape(e: Escape, file: string): void {
  expect(e.snippet.length, file).toBeLessThanOrEqual(120);
  expect(e.snippet, file).not.toMatch(/[\n\r\t]/);
  expect(e.value.length, file).toBeLessThanOrEqual(200);
  if (e.line !== undefined) expect(e.line, file).toBeGreaterThan(0);
}
