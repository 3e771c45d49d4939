import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ClassifiedFile, ClassifyContext, Classifier, Decision } from '../../../src/files/index.js';
import { createFileControl, type FileControlOptions } from '../../../src/files/index.js';
import { close, startProxy, startUpstream, type Route } from '../../pipeline/exchange-support.js';

/** A real file from test/fixtures/files. */
export function fixture(name: string): Buffer {
  return readFileSync(fileURLToPath(new URL(`../../fixtures/files/${name}`, import.meta.url)));
}

export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A classifier that records what it saw and answers `decide(file)`. */
export function recordingClassifier(decide: (file: ClassifiedFile, ctx: ClassifyContext) => Decision | Promise<Decision>): Classifier & { calls: { file: ClassifiedFile; ctx: ClassifyContext }[] } {
  const calls: { file: ClassifiedFile; ctx: ClassifyContext }[] = [];
  const classify = (file: ClassifiedFile, ctx: ClassifyContext) => {
    calls.push({ file, ctx });
    return decide(file, ctx);
  };
  return Object.assign(classify, { calls });
}

/** A real upstream and a real proxy whose pipeline has file control as its gate. */
export async function startFileProxy(routes: Record<string, Route>, options: FileControlOptions) {
  const upstream = await startUpstream(routes);
  const files = createFileControl(options);
  const proxy = await startProxy(upstream.port, {}, { gate: files });
  return { upstream, proxy, files, close: () => close(proxy.server, upstream.server) };
}
