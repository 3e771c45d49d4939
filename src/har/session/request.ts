import type { HarRequest } from '../har-types.js';
import { sameHeaders } from './header-list.js';
import { mapPostData } from './post-data.js';
import { mapQueryString } from './query-string.js';
import { browserRequestHeaders } from './request-headers.js';
import type { SessionRun } from './session-run.js';

/**
 * The request as the browser sends it to the proxy: the proxied URL, the headers that
 * name the origin (see `browserRequestHeaders`), the query list read from the new URL,
 * and the body as the rewritten page would post it. Cookies are as captured. A changed
 * head has an unknown size (`headersSize` -1); a changed body its new length.
 */
export async function browserRequest(request: HarRequest, url: URL, proxiedUrl: string, run: SessionRun, entry: number): Promise<HarRequest> {
  const { rw, stats } = run;
  const out: HarRequest = { ...request, url: proxiedUrl };
  if (proxiedUrl !== request.url) stats.rewrite('url');

  if (Array.isArray(request.headers)) {
    const headers = browserRequestHeaders(request.headers, url, new URL(proxiedUrl), rw, (kind) => stats.rewrite(kind));
    if (!sameHeaders(headers, request.headers)) {
      out.headers = headers;
      if (request.headersSize !== -1) out.headersSize = -1;
    }
  }
  if (Array.isArray(request.queryString)) {
    const query = mapQueryString(request.queryString, request.url, proxiedUrl, (v) => rw.url(v));
    const changed = query.filter((p, i) => p !== request.queryString[i]).length;
    if (changed > 0) {
      out.queryString = query;
      stats.rewrite('query', changed);
    }
  }
  if (request.postData !== null && typeof request.postData === 'object') {
    const contentType = request.headers?.find?.((h) => typeof h?.name === 'string' && h.name.toLowerCase() === 'content-type')?.value;
    const postData = await mapPostData(request.postData, contentType, run, entry);
    if (postData !== request.postData) {
      out.postData = postData;
      stats.rewrite('post-data');
      if (typeof postData.text === 'string' && typeof request.bodySize === 'number' && request.bodySize >= 0) out.bodySize = Buffer.byteLength(postData.text);
    }
  }
  return out;
}
