import type { HeadersOutput } from '../../headers/index.js';
import { extractMimeType, type NodeResponsePlan } from '../../pipeline/index.js';
import type { SessionRun } from './session-run.js';

/** A response head planned by the pipeline for a HAR body, and the head the browser gets. */
export interface PlannedHead {
  readonly plan: NodeResponsePlan;
  /** The head as the browser sees it: the plan's, `Content-Encoding` and `Content-Type` as captured. */
  readonly headers: HeadersOutput;
  /** A 206 part of a type the proxy rewrites: it would fetch the whole body; the plan is a whole body's, for the part the HAR holds. */
  readonly partial: boolean;
}

/**
 * The pipeline's response plan for a captured response whose body the HAR holds decoded.
 * The pipeline is asked as for a body without `Content-Encoding` (HAR text is what the
 * browser read after decoding, whatever the coding, even one this machine cannot undo),
 * and, for text, with `charset=utf-8` (the HAR holds characters; they are fed as UTF-8, so
 * a `windows-1252` or UTF-16 label, or a `<meta charset>`, must not re-read them).
 * The head keeps the captured `Content-Encoding`: the proxy re-encodes a rewritten body in
 * the same coding, and HAR records the header while holding decoded text either way.
 */
export function planHead(run: SessionRun, browser: { readonly method: string; readonly headers: HeadersOutput }, status: number, captured: HeadersOutput, text: boolean): PlannedHead {
  const asked: HeadersOutput = { ...captured };
  delete asked['content-encoding'];
  const type = captured['content-type'];
  const mime = extractMimeType(type);
  if (text && mime !== null) asked['content-type'] = `${mime.essence}; charset=utf-8`;
  let plan = run.pipe.response(browser, { status, headers: asked });
  const partial = plan.refetch !== null;
  if (partial) {
    // The same head again, for a whole body (its header events are counted once).
    plan = run.stats.quietly(() => run.pipe.response(browser, { status: 200, headers: asked }));
  }
  const headers: HeadersOutput = { ...plan.headers };
  if (type !== undefined && headers['content-type'] !== undefined) headers['content-type'] = type;
  if (captured['content-encoding'] !== undefined) headers['content-encoding'] = captured['content-encoding'];
  return { plan, headers, partial };
}

/**
 * The plan for the body a HAR stores under a 304: the cached response the browser renders
 * (Chrome and Firefox record it; HAR 1.2 gives it `bodySize` 0). Through the proxy that
 * cached copy came from the proxy, rewritten, so it is planned as the 200 it was, of the
 * type the capture names (the 304's own `Content-Type`, else `content.mimeType`: a 304
 * rarely carries one). Its head is not the browser's: it is planned without counting.
 */
export function cachedBodyPlan(run: SessionRun, browser: { readonly method: string; readonly headers: HeadersOutput }, captured: HeadersOutput, mimeType: unknown, text: boolean): NodeResponsePlan {
  const type = captured['content-type'] ?? (typeof mimeType === 'string' && mimeType !== '' ? mimeType : undefined);
  return run.stats.quietly(() => planHead(run, browser, 200, type === undefined ? {} : { 'content-type': type }, text).plan);
}

/** Header names whose values changed from `before` to `after` (present in both). */
export function changedHeaderNames(before: HeadersOutput, after: HeadersOutput): string[] {
  return Object.keys(after).filter((name) => {
    const a = before[name];
    const b = after[name];
    return a !== undefined && (Array.isArray(a) && Array.isArray(b) ? a.length !== b.length || a.some((v, i) => v !== b[i]) : a !== b);
  });
}
