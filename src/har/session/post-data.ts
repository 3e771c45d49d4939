import { extractMimeType } from '../../pipeline/index.js';
import { isSpilledText, type HarPostData, type HarPostDataParam } from '../har-types.js';
import { transformBody } from './body-output.js';
import { mapFormBody } from './form-body.js';
import { mapMultipartText } from './multipart-text.js';
import { mapPairs, splitPairs } from './query-string.js';
import type { SessionRun } from './session-run.js';

/** How a request body is mapped forward, by its type (the kinds the pipeline maps back). */
type PostKind = { readonly kind: 'form' } | { readonly kind: 'json' } | { readonly kind: 'multipart'; readonly boundary: string } | { readonly kind: 'other' };

function postKind(mimeType: string | undefined): PostKind {
  const mime = extractMimeType(mimeType);
  if (mime === null) return { kind: 'other' };
  if (mime.essence === 'application/x-www-form-urlencoded') return { kind: 'form' };
  if (mime.essence === 'application/json' || mime.essence === 'text/json' || mime.subtype.endsWith('+json')) return { kind: 'json' };
  const boundary = mime.parameters.get('boundary');
  if (mime.essence === 'multipart/form-data' && boundary !== undefined && boundary.length > 0 && boundary.length <= 70) return { kind: 'multipart', boundary };
  return { kind: 'other' };
}

/**
 * `request.postData` as the browser sends it through the proxy. The capture holds what
 * the page sent upstream; through the proxy the page is the rewritten one, so whatever it
 * posts names the proxied twins: the forward mapping of what the pipeline maps back
 * (`src/pipeline/request-body`) for the same types. Form fields and multipart text fields
 * by the data rule on their decoded values, JSON by the JSON rewriter; other types as
 * captured (the pipeline passes them too). `params` follow `text`: listed as in the body,
 * they take the mapped body's pairs; listed decoded, their values are mapped by the same
 * rule; a value that is not a string (some exporters write the parsed JSON) goes through
 * the JSON rewriter. A body too long to hold streams through the JSON rewriter; a form or
 * multipart one that long is kept and reported.
 */
export async function mapPostData(postData: HarPostData, fallbackType: string | undefined, run: SessionRun, entry: number): Promise<HarPostData> {
  const kind = postKind(typeof postData.mimeType === 'string' && postData.mimeType !== '' ? postData.mimeType : fallbackType);
  const data = (value: string) => run.rw.context.hosts.codeString(value);
  const text = postData.text;
  let newText = text;
  if (typeof text === 'string') {
    newText = kind.kind === 'form' ? mapFormBody(text, data) : kind.kind === 'json' ? run.rw.rewriteJson(text) : kind.kind === 'multipart' ? mapMultipartText(text, kind.boundary, data) : text;
  } else if (isSpilledText(text)) {
    if (kind.kind === 'json') newText = (await transformBody({ kind: 'spilled', base64: false, text }, run.rw.json(), run.tempDir)).text;
    else if (kind.kind !== 'other') run.stats.problem(entry, 'post-data-too-large', `a ${kind.kind} request body of ${text.bytes} bytes is too long to map field by field: kept as captured`);
  }
  const params = Array.isArray(postData.params) ? mapParams(postData.params, kind, text, newText, run) : postData.params;
  if (newText === text && params === postData.params) return postData;
  return { ...postData, ...(newText === undefined ? {} : { text: newText }), ...(params === undefined ? {} : { params }) };
}

function mapParams(params: HarPostDataParam[], kind: PostKind, text: unknown, newText: unknown, run: SessionRun): HarPostDataParam[] {
  const data = (value: string) => run.rw.context.hosts.codeString(value);
  const objects = params.map((p) => {
    if (p === null || typeof p !== 'object' || p.value === undefined || typeof p.value === 'string' || isSpilledText(p.value)) return p;
    const value = jsonValue(p.value, run);
    return value === p.value ? p : { ...p, value: value as string };
  });
  let mapped: HarPostDataParam[];
  if (kind.kind === 'form' && typeof text === 'string' && typeof newText === 'string') {
    mapped = mapPairs(objects, splitPairs(text), splitPairs(newText), data);
  } else if (kind.kind === 'form' || kind.kind === 'multipart') {
    mapped = objects.map((p) => (typeof p?.value !== 'string' || p.fileName !== undefined ? p : withValue(p, data(p.value))));
  } else {
    mapped = objects;
  }
  return mapped.every((p, i) => p === params[i]) ? params : mapped;
}

function withValue(p: HarPostDataParam, value: string): HarPostDataParam {
  return value === p.value ? p : { ...p, value };
}

/** A parsed JSON value some exporters put in `params[].value`, mapped by the JSON rewriter; the same value when nothing changed. */
function jsonValue(value: unknown, run: SessionRun): unknown {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    return value;
  }
  if (text === undefined) return value;
  const mapped = run.rw.rewriteJson(text);
  if (mapped === text) return value;
  try {
    return JSON.parse(mapped) as unknown;
  } catch {
    return value;
  }
}
