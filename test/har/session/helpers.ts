import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { HarEntry, HarHeader, HarPostData, HarText, SpilledText } from '../../../src/har/har-types.js';
import { createSessionRun, type SessionRun, type SessionRunOptions } from '../../../src/har/session/index.js';

/** The proxy every test here stands for: app.example.com → app.example.com.proxy.test. */
export const PROXY = { suffix: 'proxy.test', domains: ['example.com', '*.example.com'] };

export const tempDir = mkdtempSync(join(tmpdir(), 'spr-har-session-'));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

/** A run with the test proxy (options override). */
export function testRun(options: Partial<SessionRunOptions> = {}): SessionRun {
  return createSessionRun({ rewriter: PROXY, tempDir, ...options });
}

export interface EntrySpec {
  method?: string;
  url: string;
  requestHeaders?: Array<[string, string]>;
  postData?: HarPostData;
  queryString?: Array<{ name: string; value: string }>;
  status?: number;
  headers?: Array<[string, string]>;
  text?: HarText;
  encoding?: string;
  size?: number;
  mimeType?: string;
  redirectURL?: string;
  cookies?: HarEntry['response']['cookies'];
  pageref?: string;
}

const list = (pairs: Array<[string, string]> = []): HarHeader[] => pairs.map(([name, value]) => ({ name, value }));

/** A HAR 1.2 entry as a browser's export writes it. */
export function entry(spec: EntrySpec): HarEntry {
  const size = spec.size ?? (typeof spec.text === 'string' ? Buffer.byteLength(spec.text, spec.encoding === 'base64' ? 'base64' : 'utf8') : 0);
  return {
    ...(spec.pageref === undefined ? {} : { pageref: spec.pageref }),
    startedDateTime: '2024-05-01T10:00:00.000Z',
    time: 12.5,
    request: {
      method: spec.method ?? 'GET',
      url: spec.url,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: list(spec.requestHeaders ?? [['Host', new URL(spec.url).host]]),
      queryString: spec.queryString ?? [],
      ...(spec.postData === undefined ? {} : { postData: spec.postData }),
      headersSize: 120,
      bodySize: spec.postData?.text !== undefined && typeof spec.postData.text === 'string' ? Buffer.byteLength(spec.postData.text) : 0,
    },
    response: {
      status: spec.status ?? 200,
      statusText: 'OK',
      httpVersion: 'HTTP/1.1',
      cookies: spec.cookies ?? [],
      headers: list(spec.headers ?? []),
      content: {
        size,
        mimeType: spec.mimeType ?? 'text/html',
        ...(spec.text === undefined ? {} : { text: spec.text }),
        ...(spec.encoding === undefined ? {} : { encoding: spec.encoding }),
      },
      redirectURL: spec.redirectURL ?? '',
      headersSize: 200,
      bodySize: size,
    },
    cache: {},
    timings: { send: 1, wait: 10, receive: 1.5 },
  };
}

/** A header's value in a HAR list (the first of that name, case-insensitive). */
export function header(headers: readonly HarHeader[], name: string): string | undefined {
  return headers.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;
}

let files = 0;

/** A body too long to hold, as the streaming reader yields it: its text in a temp file. */
export function spilled(text: string): SpilledText {
  const path = join(tempDir, `input-${++files}.txt`);
  writeFileSync(path, text, 'utf8');
  return { spilled: true, path, chars: text.length, bytes: Buffer.byteLength(text) };
}
