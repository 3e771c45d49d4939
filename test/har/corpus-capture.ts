// One corpus capture through `spr har`'s library path (rewriteHar), audited before and
// after (the independent escape finder), the output validated as HAR 1.2 and its binary
// bodies compared with the input's. Shared by test/har/corpus.test.ts and
// scripts/corpus-report.mjs (docs/corpus-report.md), so the table and the test measure
// the same thing.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { getDomain } from 'tldts';
import { auditHar, type AuditResult } from '../../src/har/audit/index.js';
import type { HarEntry, HarHeader } from '../../src/har/har-types.js';
import { validateHar } from '../../src/har/schema/validate-har.js';
import { createSessionRun, rewriteHar, type SessionSummary } from '../../src/har/session/index.js';
import { bodyKindOf, extractMimeType } from '../../src/pipeline/index.js';

/** The shared real-world HAR corpus beside the repository (absent in a plain clone). */
export const corpusHarDir = fileURLToPath(new URL('../../../shared/corpus/har/', import.meta.url));
export const corpusExists = existsSync(corpusHarDir);

/** The `.har` files of the corpus, sorted. */
export function corpusHarNames(): string[] {
  return corpusExists ? readdirSync(corpusHarDir).filter((name) => name.endsWith('.har')).sort() : [];
}

/** The suffix every corpus run proxies under. */
export const SUFFIX = 'proxy.test';

const header = (headers: readonly HarHeader[] | undefined, name: string): string | undefined =>
  (Array.isArray(headers) ? headers : []).find((h) => typeof h?.name === 'string' && h.name.toLowerCase() === name)?.value;

/**
 * The main site of a capture, as a registrable domain (tldts `getDomain` with the private
 * suffixes of the Public Suffix List: `gitgrimbo.github.io`, not `github.io`), taken from
 * its first navigation: the first entry answered by a 2xx HTML document to a request
 * without a Referer (a page the user opened, not one a page loaded). A capture with no such
 * entry (an API recording, a redirect loop, a Firefox export without request headers) is
 * named by its first entry. The rule only differs from "the first entry" where a tool put
 * something of its own first: Fiddler's start marker (`fiddlerstartmarker.com`, with the
 * parked page it loads) before www.widex.com.
 */
export function mainSite(entries: readonly HarEntry[]): string {
  const navigation = entries.find((e) => {
    const status = e.response?.status ?? 0;
    const type = header(e.response?.headers, 'content-type') ?? e.response?.content?.mimeType ?? '';
    return status >= 200 && status < 300 && extractMimeType(type)?.essence === 'text/html' && header(e.request?.headers, 'referer') === undefined;
  });
  const url = (navigation ?? entries[0]).request.url;
  const site = getDomain(url, { allowPrivateDomains: true });
  if (site === null) throw new Error(`no registrable domain in ${url}`);
  return site;
}

/** What is protected for a capture: its main site and every subdomain of it. */
export const protectedDomains = (site: string): string[] => [site, `*.${site}`];

export interface CaptureResult {
  readonly name: string;
  readonly bytes: number;
  readonly site: string;
  readonly summary: SessionSummary;
  readonly before: AuditResult;
  readonly after: AuditResult;
  /** HAR 1.2 problems of the output (none expected). */
  readonly invalid: readonly string[];
  /** Proxied entries whose body the pipeline passes (its type is no rewritten type) and that carry one. */
  readonly passBodies: number;
  /** Of those, the ones whose decoded bytes differ from the capture's: `#index url`. */
  readonly passBodiesChanged: readonly string[];
}

/** A Writable that keeps what it is given. */
class Sink extends Writable {
  private readonly chunks: Buffer[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.chunks.push(chunk);
    done();
  }
  bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }
}

const parseHar = (bytes: Buffer) => JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, '')) as { log: { entries: HarEntry[] } };

/** The decoded bytes of a response body as the HAR holds it; null when it holds none. */
function bodyBytes(entry: HarEntry): Buffer | null {
  const text = entry.response?.content?.text;
  if (typeof text !== 'string') return null;
  return Buffer.from(text, entry.response.content.encoding === 'base64' ? 'base64' : 'utf8');
}

/** Whether the pipeline passes this response's body by its type alone (an image, a font, wasm…). */
function passedByType(entry: HarEntry): boolean {
  const mime = extractMimeType(header(entry.response?.headers, 'content-type'));
  return mime !== null && bodyKindOf(mime) === 'pass';
}

/** Runs one capture of the corpus: see {@link CaptureResult}. */
export async function runCapture(name: string): Promise<CaptureResult> {
  const input = readFileSync(corpusHarDir + name);
  const captured = parseHar(input).log.entries;
  const site = mainSite(captured);
  const domains = protectedDomains(site);
  const tempDir = mkdtempSync(join(tmpdir(), 'spr-corpus-'));
  try {
    const run = createSessionRun({ rewriter: { suffix: SUFFIX, domains }, tempDir });
    const sink = new Sink();
    const summary = await rewriteHar(Readable.from([input]), sink, run);
    const output = sink.bytes();
    const before = await auditHar(Readable.from([input]), { suffix: SUFFIX, domains });
    const after = await auditHar(Readable.from([output]), { suffix: SUFFIX, domains });
    const written = parseHar(output);
    let passBodies = 0;
    const passBodiesChanged: string[] = [];
    written.log.entries.forEach((out, i) => {
      const original = captured[i];
      const bytes = bodyBytes(original);
      if (bytes === null || !passedByType(original) || out.request.url === original.request.url) return;
      passBodies++;
      if (!bytes.equals(bodyBytes(out) ?? Buffer.alloc(0))) passBodiesChanged.push(`#${i} ${original.request.url}`);
    });
    return { name, bytes: input.length, site, summary, before, after, invalid: validateHar(written), passBodies, passBodiesChanged };
  } finally {
    rmSync(tempDir, { recursive: true, force: true });
  }
}
