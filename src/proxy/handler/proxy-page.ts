import type { ServerResponse } from 'node:http';

/** A page the proxy answers with itself: a status and a sentence or two for the user. */
export interface ProxyPage {
  readonly status: number;
  readonly title: string;
  readonly message: string;
}

/** The upstream could not be reached, reset the connection, or sent no valid answer. */
export function badGatewayPage(upstreamHost: string): ProxyPage {
  return { status: 502, title: 'Bad gateway', message: `The proxy could not get an answer from ${upstreamHost}: the server could not be reached or broke off the connection.` };
}

/** The upstream took longer than the proxy's timeout to connect or to answer. */
export function gatewayTimeoutPage(upstreamHost: string): ProxyPage {
  return { status: 504, title: 'Gateway timeout', message: `${upstreamHost} did not answer the proxy in time.` };
}

export function notProxiedPage(): ProxyPage {
  return { status: 404, title: 'Not found', message: 'This host is not served by this proxy.' };
}

/** A path under the proxy's own prefix that it does not serve. */
export function noSuchProxyPathPage(): ProxyPage {
  return { status: 404, title: 'Not found', message: 'No such path of the proxy.' };
}

/** The implementer's session function failed: nothing is fetched without a session (file control decides by it). */
export function sessionFailedPage(): ProxyPage {
  return { status: 500, title: 'Session unknown', message: 'The proxy could not establish the session of this request.' };
}

/** A failure of the proxy's own. */
export function proxyErrorPage(): ProxyPage {
  return { status: 500, title: 'Proxy error', message: 'The proxy failed to handle this request.' };
}

/**
 * Sends `page` as a small HTML document: never cached (the next try may work), never
 * sniffed, no script allowed, nothing of the cause beyond the host (no stack, no
 * internal address). A HEAD request gets the head alone.
 */
export function sendPage(res: ServerResponse, page: ProxyPage, method: string | undefined, extra: Record<string, string> = {}): void {
  const html = `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${page.status} ${escapeHtml(page.title)}</title></head>\n<body><h1>${escapeHtml(page.title)}</h1><p>${escapeHtml(page.message)}</p></body></html>\n`;
  const body = Buffer.from(html, 'utf8');
  res.writeHead(page.status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': String(body.length),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'",
    ...extra,
  });
  res.end(method?.toUpperCase() === 'HEAD' ? undefined : body);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
