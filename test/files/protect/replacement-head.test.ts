import contentDisposition from 'content-disposition';
import { describe, expect, it } from 'vitest';
import { blockedDownload, replacementHead } from '../../../src/files/protect/index.js';

/** An upstream 206 for a byte range of a PDF, with everything a file server sends. */
const upstream = Object.freeze({
  'content-type': 'application/pdf',
  'content-length': '1000',
  'content-range': 'bytes 0-999/52000',
  'content-encoding': 'gzip',
  'content-disposition': 'attachment; filename="q3.pdf"',
  'content-language': 'de',
  'content-location': '/files/q3.pdf',
  etag: '"abc123"',
  'last-modified': 'Tue, 01 Oct 2024 10:00:00 GMT',
  'accept-ranges': 'bytes',
  'cache-control': 'public, max-age=86400',
  expires: 'Wed, 02 Oct 2024 10:00:00 GMT',
  age: '30',
  vary: 'Accept-Encoding',
  digest: 'sha-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=',
  'content-digest': 'sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:',
  'repr-digest': 'sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:',
  'transfer-encoding': 'chunked',
  'set-cookie': ['a=1; Path=/', 'b=2; Path=/'],
  date: 'Tue, 01 Oct 2024 10:00:30 GMT',
  'x-request-id': 'r-42',
});

describe('replacementHead', () => {
  it('heads a streamed protected file: 200, its type, an attachment, no length; the original representation gone', () => {
    const head = replacementHead(upstream, { name: 'q3.pdf.pgp', contentType: 'application/pgp-encrypted', size: null });
    expect(head).toEqual({
      status: 200,
      headers: {
        'set-cookie': ['a=1; Path=/', 'b=2; Path=/'],
        date: 'Tue, 01 Oct 2024 10:00:30 GMT',
        'x-request-id': 'r-42',
        'content-type': 'application/pgp-encrypted',
        'content-disposition': 'attachment; filename="q3.pdf.pgp"',
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
        'accept-ranges': 'none',
      },
    });
  });

  it('heads a blocked-download notice with its length', () => {
    const blocked = blockedDownload({ name: 'Bericht für Q3.pdf' }, undefined);
    const head = replacementHead({ 'content-type': 'application/pdf', 'content-length': '52000' }, { name: blocked.name, contentType: blocked.contentType, size: blocked.body.length });
    expect(head.headers['content-length']).toBe(String(blocked.body.length));
    expect(head.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(head.headers['content-disposition']).toBe(blocked.contentDisposition);
    expect(contentDisposition.parse(head.headers['content-disposition'] as string).parameters.filename).toBe('Bericht für Q3.pdf.blocked.txt');
  });

  it('drops the original headers whatever their case, and leaves its input unchanged', () => {
    const original = { 'Content-Range': 'bytes 0-9/100', ETag: '"x"', 'Last-Modified': 'Tue, 01 Oct 2024 10:00:00 GMT', Server: 'upstream' };
    const copy = structuredClone(original);
    const head = replacementHead(original, { name: 'a.pgp', contentType: 'application/pgp-encrypted', size: null });
    expect(Object.keys(head.headers).sort()).toEqual(['Server', 'accept-ranges', 'cache-control', 'content-disposition', 'content-type', 'x-content-type-options']);
    expect(original).toEqual(copy);
  });
});
