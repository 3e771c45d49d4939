import { describe, expect, it } from 'vitest';
import { classifyDownload, type DownloadInput, type SniffedType } from '../../../src/files/detect/index.js';

const PDF: SniffedType = { mime: 'application/pdf', extension: 'pdf' };
const DOCX: SniffedType = { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx' };
const ZIP: SniffedType = { mime: 'application/zip', extension: 'zip' };
const PNG: SniffedType = { mime: 'image/png', extension: 'png' };

const document = { 'sec-fetch-dest': 'document', 'sec-fetch-mode': 'navigate', 'sec-fetch-site': 'same-origin' };
const iframe = { 'sec-fetch-dest': 'iframe', 'sec-fetch-mode': 'navigate' };
const xhr = { 'sec-fetch-dest': 'empty', 'sec-fetch-mode': 'cors' };
const downloadAttribute = { 'sec-fetch-dest': 'empty', 'sec-fetch-mode': 'navigate', 'sec-fetch-user': '?1' };
const image = { 'sec-fetch-dest': 'image', 'sec-fetch-mode': 'no-cors' };
const noMetadata = {}; // Safari before 16.4

function classify(over: Partial<DownloadInput>) {
  return classifyDownload({ status: 200, requestHeaders: xhr, responseHeaders: {}, url: 'https://app.example.com/f', sniffed: null, ...over });
}

describe('classifyDownload: attachment', () => {
  it.each([
    ['an XHR', xhr],
    ['a navigation', document],
    ['an image request', image],
  ])('Content-Disposition: attachment is a file for %s', (_case, requestHeaders) => {
    expect(classify({ requestHeaders, responseHeaders: { 'content-type': 'text/html', 'content-disposition': 'attachment; filename="page.html"' } })).toEqual({ isFile: true, why: 'attachment' });
  });

  it('an unknown disposition type is an attachment (RFC 6266 §4.2)', () => {
    expect(classify({ responseHeaders: { 'content-disposition': 'foobar' } }).why).toBe('attachment');
  });

  it('an attachment on any line of a repeated field counts', () => {
    expect(classify({ responseHeaders: { 'content-disposition': ['inline', 'attachment; filename=a.txt'] } }).why).toBe('attachment');
  });

  it('inline is not an attachment (an XHR getting text stays a page resource)', () => {
    expect(classify({ responseHeaders: { 'content-type': 'text/plain', 'content-disposition': 'inline; filename="a.txt"' } })).toEqual({ isFile: false, why: null });
  });

  it.each([200, 201, 202, 203, 206])('status %i: the browser saves it', (status) => {
    expect(classify({ status, responseHeaders: { 'content-disposition': 'attachment' } }).isFile).toBe(true);
  });

  // download::HandleSuccessfulServerResponse interrupts these: the user gets no file.
  it.each([204, 205, 301, 304, 400, 401, 403, 404, 416, 500, 503])('status %i: not saved, so not a file', (status) => {
    expect(classify({ status, responseHeaders: { 'content-type': 'text/html', 'content-disposition': 'attachment; filename="x.pdf"' } })).toEqual({ isFile: false, why: null });
  });
});

describe('classifyDownload: <a download>', () => {
  it('mode navigate with destination empty saves whatever comes, HTML too', () => {
    expect(classify({ requestHeaders: downloadAttribute, responseHeaders: { 'content-type': 'text/html' } })).toEqual({ isFile: true, why: 'download-request' });
  });

  it('not for a 404', () => {
    expect(classify({ status: 404, requestHeaders: downloadAttribute, responseHeaders: { 'content-type': 'text/html' } }).isFile).toBe(false);
  });
});

describe('classifyDownload: navigation to a type the browser does not show', () => {
  it.each([
    ['application/octet-stream', null],
    ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', DOCX],
    ['text/csv', null],
    ['text/calendar', null],
    ['application/x-msdownload', null],
    ['font/woff2', null],
    ['multipart/related', null],
  ] as const)('a document navigation to %s', (type, sniffed) => {
    expect(classify({ requestHeaders: document, responseHeaders: { 'content-type': type }, sniffed })).toEqual({ isFile: true, why: 'navigation' });
  });

  it.each([['iframe', iframe], ['frame', { 'sec-fetch-dest': 'frame' }], ['embed', { 'sec-fetch-dest': 'embed' }], ['object', { 'sec-fetch-dest': 'object' }]])(
    'a %s navigation counts too',
    (_case, requestHeaders) => {
      expect(classify({ requestHeaders, responseHeaders: { 'content-type': 'application/octet-stream' } }).why).toBe('navigation');
    },
  );

  it('without Fetch Metadata, the caller says it is a navigation', () => {
    expect(classify({ requestHeaders: noMetadata, navigation: true, responseHeaders: { 'content-type': 'application/octet-stream' } }).why).toBe('navigation');
    expect(classify({ requestHeaders: noMetadata, responseHeaders: { 'content-type': 'application/octet-stream' } }).isFile).toBe(false);
  });

  it('Sec-Fetch-Mode: navigate alone marks a navigation', () => {
    expect(classify({ requestHeaders: { 'sec-fetch-mode': 'navigate' }, responseHeaders: { 'content-type': 'application/x-unknown' } }).why).toBe('navigation');
  });

  it.each(['text/html; charset=utf-8', 'text/plain', 'application/json', 'image/png', 'video/mp4', 'application/xhtml+xml', 'image/svg+xml'])(
    'a navigation to %s is shown, not saved',
    (type) => {
      expect(classify({ requestHeaders: document, responseHeaders: { 'content-type': type } })).toEqual({ isFile: false, why: null });
    },
  );

  it('a navigation to a PDF is shown by the viewer, and is a file all the same by its bytes', () => {
    expect(classify({ requestHeaders: document, responseHeaders: { 'content-type': 'application/pdf' }, sniffed: PDF })).toEqual({ isFile: true, why: 'sniffed' });
  });

  it('no declared type: the sniffed one decides', () => {
    expect(classify({ requestHeaders: document, responseHeaders: {}, sniffed: PNG }).isFile).toBe(false);
    expect(classify({ requestHeaders: document, responseHeaders: {}, sniffed: { mime: 'application/x-msdownload', extension: 'exe' } }).why).toBe('navigation');
    expect(classify({ requestHeaders: document, responseHeaders: { 'content-type': '*/*' }, sniffed: { mime: 'application/x-msdownload', extension: 'exe' } }).why).toBe('navigation');
  });

  it('no declared type and nothing sniffed: text is shown, binary is saved', () => {
    expect(classify({ requestHeaders: document, responseHeaders: {}, sniffed: null }).isFile).toBe(false);
    expect(classify({ requestHeaders: document, responseHeaders: {}, sniffed: null, binary: true }).why).toBe('navigation');
    expect(classify({ requestHeaders: document, responseHeaders: { 'content-type': 'unknown/unknown' }, sniffed: null, binary: true }).why).toBe('navigation');
  });

  it('text/plain holding binary bytes is saved, unless nosniff', () => {
    expect(classify({ requestHeaders: document, responseHeaders: { 'content-type': 'text/plain' }, binary: true }).why).toBe('navigation');
    expect(classify({ requestHeaders: document, responseHeaders: { 'content-type': 'text/plain', 'x-content-type-options': 'nosniff' }, binary: true }).isFile).toBe(false);
  });

  it('a navigation that ends in an error page is not a file', () => {
    expect(classify({ status: 404, requestHeaders: document, responseHeaders: { 'content-type': 'application/octet-stream' } }).isFile).toBe(false);
  });

  it('not a navigation (an image request) to an unshown type is no file by that rule', () => {
    expect(classify({ requestHeaders: image, responseHeaders: { 'content-type': 'application/octet-stream' } }).isFile).toBe(false);
  });
});

describe('classifyDownload: governed bytes, whoever fetched them', () => {
  it.each([
    ['an XHR with a generic type', xhr, 'application/octet-stream', DOCX],
    ['an XHR with a wrong type', xhr, 'application/json', ZIP],
    ['an image request', image, 'image/png', PDF],
    ['a navigation declared as HTML', document, 'text/html', ZIP],
  ] as const)('%s', (_case, requestHeaders, type, sniffed) => {
    expect(classify({ requestHeaders, responseHeaders: { 'content-type': type }, sniffed })).toEqual({ isFile: true, why: 'sniffed' });
  });

  it('bytes that are not governed are no file for an XHR', () => {
    expect(classify({ responseHeaders: { 'content-type': 'image/png' }, sniffed: PNG })).toEqual({ isFile: false, why: null });
  });

  it('a script reads the body of any status: a 404 carrying a PDF is a file', () => {
    expect(classify({ status: 404, sniffed: PDF }).why).toBe('sniffed');
    expect(classify({ status: 500, sniffed: ZIP }).why).toBe('sniffed');
  });

  it.each([204, 205, 304, 101])('status %i has no body', (status) => {
    expect(classify({ status, sniffed: PDF }).isFile).toBe(false);
  });

  it('CSV fetched by script is a file by its declared type (it has no magic bytes)', () => {
    expect(classify({ responseHeaders: { 'content-type': 'text/csv; charset=utf-8' } })).toEqual({ isFile: true, why: 'declared' });
    expect(classify({ responseHeaders: { 'content-type': 'message/rfc822' } }).why).toBe('declared');
  });

  it('a declared type with magic bytes is not believed without them', () => {
    expect(classify({ responseHeaders: { 'content-type': 'application/pdf' }, sniffed: null }).isFile).toBe(false);
    expect(classify({ responseHeaders: { 'content-type': 'text/csv' }, sniffed: PNG }).isFile).toBe(false);
  });
});
