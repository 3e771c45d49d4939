import type { HarEntry, HarText } from '../../../src/har/har-types.js';
import { EscapeFinder, type Escape } from '../../../src/har/audit/index.js';

/** What the tests protect: `example.com` and every subdomain, proxied under `proxy.test`. */
export const PROTECTED = { suffix: 'proxy.test', domains: ['example.com', '*.example.com'] };

export interface EntryShape {
  url?: string;
  method?: string;
  status?: number;
  contentType?: string;
  text?: HarText;
  encoding?: string;
  headers?: Array<[string, string]>;
  requestHeaders?: Array<[string, string]>;
  cookies?: Array<{ name: string; value: string; domain?: string }>;
  redirectURL?: string;
}

/** A HAR entry as a browser capture writes it; by default a page of `app.example.com.proxy.test` (a proxied session). */
export function harEntry(shape: EntryShape = {}): HarEntry {
  const contentType = shape.contentType ?? 'text/html; charset=utf-8';
  return {
    startedDateTime: '2026-01-01T00:00:00.000Z',
    time: 1,
    request: {
      method: shape.method ?? 'GET',
      url: shape.url ?? 'https://app.example.com.proxy.test/page',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: (shape.requestHeaders ?? []).map(([name, value]) => ({ name, value })),
      queryString: [],
      headersSize: -1,
      bodySize: 0,
    },
    response: {
      status: shape.status ?? 200,
      statusText: 'OK',
      httpVersion: 'HTTP/1.1',
      cookies: shape.cookies ?? [],
      headers: [['Content-Type', contentType] as [string, string], ...(shape.headers ?? [])].map(([name, value]) => ({ name, value })),
      content: {
        size: 0,
        mimeType: contentType,
        ...(shape.text === undefined ? {} : { text: shape.text }),
        ...(shape.encoding === undefined ? {} : { encoding: shape.encoding }),
      },
      redirectURL: shape.redirectURL ?? '',
      headersSize: -1,
      bodySize: -1,
    },
    cache: {},
    timings: { send: 0, wait: 0, receive: 0 },
  };
}

const finder = new EscapeFinder(PROTECTED);

/** The escapes of one entry. */
export function escapesOf(shape: EntryShape): Escape[] {
  return finder.entry(harEntry(shape), 0).escapes;
}

/** The escapes of an HTML body on a proxied page. */
export function htmlEscapes(html: string): Escape[] {
  return escapesOf({ text: html });
}

/** `kind where host` of each escape: what most tests compare. */
export function brief(escapes: readonly Escape[]): string[] {
  return escapes.map((e) => `${e.kind} ${e.where} ${e.host}`);
}
