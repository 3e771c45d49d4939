// The HAR 1.2 schema, checked against documents written by hand from the spec
// (http://www.softwareishard.com/blog/har-12-spec/): required fields as the spec marks them.
import { describe, expect, it } from 'vitest';
import { validateHar } from '../../../src/har/schema/validate-har.js';
import { chunked, minimalHar, roundTrip } from '../stream/helpers.js';

/** A document being edited by pointer in these tests: any shape goes. */
type Json = Record<string, any>;

/** Every object and optional field the spec defines, filled in. */
function fullHar(): Json {
  const har = minimalHar() as Json;
  const log = har.log;
  log.browser = { name: 'Firefox', version: '3.6', comment: '' };
  log.comment = 'exported';
  log.pages[0].comment = '';
  log.pages[0].pageTimings.comment = '';
  const entry = log.entries[0];
  Object.assign(entry, { serverIPAddress: '10.0.0.1', connection: '52492', comment: '' });
  const cookie = { name: 'TestCookie', value: 'Cookie Value', path: '/', domain: 'www.janodvarko.cz', expires: '2009-07-24T19:20:30.123+02:00', httpOnly: false, secure: false, comment: '' };
  entry.request.cookies = [cookie];
  entry.request.headers[0].comment = '';
  entry.request.queryString[0].comment = '';
  entry.request.postData = {
    mimeType: 'multipart/form-data',
    params: [{ name: 'paramName', value: 'paramValue', fileName: 'example.pdf', contentType: 'application/pdf', comment: '' }],
    comment: '',
  };
  entry.request.comment = '';
  entry.response.cookies = [{ ...cookie, sameSite: 'Lax' }];
  Object.assign(entry.response.content, { encoding: 'base64', text: 'PGh0bWw+', comment: '' });
  entry.response.comment = '';
  entry.cache = {
    beforeRequest: null,
    afterRequest: { expires: '2009-04-16T15:50:36', lastAccess: '2009-16-02T15:50:34', eTag: '', hitCount: 0, comment: '' },
    comment: '',
  };
  entry.timings = { blocked: 0, dns: -1, connect: 15, send: 20, wait: 38, receive: 12, ssl: -1, comment: '' };
  return har;
}

/** Walks to the object at a JSON Pointer. */
function at(doc: Json, pointer: string): Json {
  return pointer
    .split('/')
    .slice(1)
    .reduce((o: Json, step) => o[step], doc);
}

describe('validateHar', () => {
  it('accepts a minimal HAR and one with every optional field of the spec', () => {
    expect(validateHar(minimalHar())).toEqual([]);
    expect(validateHar(fullHar())).toEqual([]);
  });

  it('accepts what the spec leaves out: no pages, no browser, an empty cache, no optional timings, no entries', () => {
    const har = minimalHar() as Json;
    delete har.log.pages;
    expect(validateHar(har)).toEqual([]);
    har.log.entries = [];
    expect(validateHar(har)).toEqual([]);
  });

  // The required fields of each object, as the spec lists them.
  const required: Array<[string, string]> = [
    ['', 'log'],
    ['/log', 'version'],
    ['/log', 'creator'],
    ['/log', 'entries'],
    ['/log/creator', 'name'],
    ['/log/creator', 'version'],
    ['/log/browser', 'name'],
    ['/log/browser', 'version'],
    ['/log/pages/0', 'startedDateTime'],
    ['/log/pages/0', 'id'],
    ['/log/pages/0', 'title'],
    ['/log/pages/0', 'pageTimings'],
    ['/log/entries/0', 'startedDateTime'],
    ['/log/entries/0', 'time'],
    ['/log/entries/0', 'request'],
    ['/log/entries/0', 'response'],
    ['/log/entries/0', 'cache'],
    ['/log/entries/0', 'timings'],
    ...['method', 'url', 'httpVersion', 'cookies', 'headers', 'queryString', 'headersSize', 'bodySize'].map((f): [string, string] => ['/log/entries/0/request', f]),
    ...['status', 'statusText', 'httpVersion', 'cookies', 'headers', 'content', 'redirectURL', 'headersSize', 'bodySize'].map((f): [string, string] => ['/log/entries/0/response', f]),
    ['/log/entries/0/request/cookies/0', 'name'],
    ['/log/entries/0/request/cookies/0', 'value'],
    ['/log/entries/0/request/headers/0', 'name'],
    ['/log/entries/0/request/headers/0', 'value'],
    ['/log/entries/0/request/queryString/0', 'name'],
    ['/log/entries/0/request/queryString/0', 'value'],
    ['/log/entries/0/request/postData', 'mimeType'],
    ['/log/entries/0/request/postData/params/0', 'name'],
    ['/log/entries/0/response/content', 'size'],
    ['/log/entries/0/response/content', 'mimeType'],
    ['/log/entries/0/cache/afterRequest', 'lastAccess'],
    ['/log/entries/0/cache/afterRequest', 'eTag'],
    ['/log/entries/0/cache/afterRequest', 'hitCount'],
    ['/log/entries/0/timings', 'send'],
    ['/log/entries/0/timings', 'wait'],
    ['/log/entries/0/timings', 'receive'],
  ];

  it.each(required)('rejects %s without "%s"', (pointer, field) => {
    const har = fullHar();
    delete at(har, pointer)[field];
    expect(validateHar(har)).toContain(`${pointer || '/'}: missing required field "${field}"`);
  });

  it('allows custom _fields and comment on every object', () => {
    const har = fullHar();
    const objects = ['', '/log', '/log/creator', '/log/browser', '/log/pages/0', '/log/pages/0/pageTimings', '/log/entries/0', '/log/entries/0/request',
      '/log/entries/0/request/cookies/0', '/log/entries/0/request/headers/0', '/log/entries/0/request/queryString/0', '/log/entries/0/request/postData',
      '/log/entries/0/request/postData/params/0', '/log/entries/0/response', '/log/entries/0/response/content', '/log/entries/0/cache',
      '/log/entries/0/cache/afterRequest', '/log/entries/0/timings'];
    for (const pointer of objects) {
      const o = at(har, pointer);
      o._custom = { anything: [1, null] };
      if (pointer !== '') o.comment = 'a comment';
    }
    expect(validateHar(har)).toEqual([]);
  });

  it('rejects a field that is neither in HAR 1.2 nor custom', () => {
    const har = fullHar();
    har.log.entries[0].request.redirectUrl = 'x';
    expect(validateHar(har)).toEqual(['/log/entries/0/request: field "redirectUrl" is not in HAR 1.2 (custom fields start with "_")']);
  });

  it('wants postData text or params (the spec requires one of the two)', () => {
    const har = fullHar();
    const postData = har.log.entries[0].request.postData;
    delete postData.params;
    expect(validateHar(har)).toEqual(['/log/entries/0/request/postData: has neither "text" nor "params" (HAR 1.2 requires one of them)']);
    postData.text = 'a=1';
    expect(validateHar(har)).toEqual([]);
  });

  it('wants send, wait and receive non-negative, and allows -1 for the other timings', () => {
    const har = fullHar();
    Object.assign(har.log.entries[0].timings, { blocked: -1, dns: -1, connect: -1, ssl: -1 });
    expect(validateHar(har)).toEqual([]);
    har.log.entries[0].timings.send = -1;
    expect(validateHar(har)).toEqual(['/log/entries/0/timings/send: must be >= 0']);
  });

  it('takes null for a cache state (not in the cache), and types as the spec gives them', () => {
    const har = fullHar();
    har.log.entries[0].cache.afterRequest = null;
    expect(validateHar(har)).toEqual([]);
    har.log.entries[0].response.cookies[0].expires = null; // Chrome writes null for session cookies
    har.log.entries[0].response.status = '200';
    expect(validateHar(har)).toEqual([
      '/log/entries/0/response/status: must be number',
      '/log/entries/0/response/cookies/0/expires: must be string',
    ]);
  });

  it('wants startedDateTime in ISO 8601', () => {
    const har = fullHar();
    har.log.entries[0].startedDateTime = 'Thu, 16 Apr 2009 12:07:23 GMT';
    expect(validateHar(har)).toEqual(['/log/entries/0/startedDateTime: must match pattern "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}(:?\\d{2})?)$"']);
  });

  it('says what is wrong with something that is no HAR at all', () => {
    expect(validateHar([])).toEqual(['/: must be object']);
    expect(validateHar({})).toEqual(['/: missing required field "log"']);
  });

  it('validates what the stream writer writes', async () => {
    const { out } = await roundTrip(chunked([Buffer.from(JSON.stringify(fullHar()))]), { spillChars: 4 });
    expect(validateHar(JSON.parse(out.toString('utf8')))).toEqual([]);
  });
});
