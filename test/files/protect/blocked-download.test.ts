import contentDisposition from 'content-disposition';
import { describe, expect, it } from 'vitest';
import { blockedDownload, DEFAULT_BLOCKED_DOWNLOAD_MESSAGE } from '../../../src/files/protect/index.js';

/** A header value Node will send and every HTTP parser reads: visible ASCII and spaces only. */
const SENDABLE = /^[\x20-\x7e]+$/;

describe('blockedDownload', () => {
  it('is <name>.blocked.txt, UTF-8 text, three LF-ended lines: the notice, the file, the rule message', () => {
    const file = blockedDownload({ name: 'report.docx' }, 'Confidential files cannot be downloaded on unmanaged devices.');
    expect(file.name).toBe('report.docx.blocked.txt');
    expect(file.contentType).toBe('text/plain; charset=utf-8');
    expect(file.body.toString('utf8')).toBe('Download restricted\nreport.docx\nConfidential files cannot be downloaded on unmanaged devices.\n');
  });

  it('says it with the default message when the rule has none (absent or blank)', () => {
    for (const message of [undefined, '', '  ']) {
      const lines = blockedDownload({ name: 'a.pdf' }, message).body.toString('utf8').split('\n');
      expect(lines).toEqual(['Download restricted', 'a.pdf', DEFAULT_BLOCKED_DOWNLOAD_MESSAGE, '']);
    }
  });

  it('keeps a multi-line message, its line breaks all LF', () => {
    const body = blockedDownload({ name: 'a.pdf' }, 'Line one.\r\nLine two.\rLine three.').body.toString('utf8');
    expect(body).toBe('Download restricted\na.pdf\nLine one.\nLine two.\nLine three.\n');
  });

  it('is an attachment whose file name content-disposition parses back (RFC 6266)', () => {
    const file = blockedDownload({ name: 'Q3 report (final).docx' }, undefined);
    expect(file.contentDisposition).toMatch(SENDABLE);
    const parsed = contentDisposition.parse(file.contentDisposition);
    expect(parsed.type).toBe('attachment');
    expect(parsed.parameters).toEqual({ filename: 'Q3 report (final).docx.blocked.txt' });
  });

  it('gives a non-ASCII name in filename* (RFC 8187 UTF-8) and an ASCII filename for older clients', () => {
    for (const name of ['Quartalsübersicht.xlsx', 'résumé.pdf', '報告書 📊.pptx']) {
      const file = blockedDownload({ name }, undefined);
      expect(file.contentDisposition).toMatch(SENDABLE);
      expect(file.contentDisposition).toContain("filename*=UTF-8''");
      // filename* wins when both are present (RFC 6266 §4.3): the full name comes back.
      expect(contentDisposition.parse(file.contentDisposition).parameters.filename).toBe(`${name}.blocked.txt`);
      const fallback = /filename="([^"]*)"/.exec(file.contentDisposition)?.[1];
      expect(fallback).toMatch(/^[\x20-\x7e]+\.blocked\.txt$/);
      expect(file.body.toString('utf8').split('\n')[1]).toBe(name);
    }
  });

  it('never lets a hostile name break the header or the notice: controls become _ (and slashes, in the header)', () => {
    const file = blockedDownload({ name: 'a\r\nSet-Cookie: x=1\u0000/..\\b.pdf' }, undefined);
    expect(file.contentDisposition).toMatch(SENDABLE);
    expect(contentDisposition.parse(file.contentDisposition).parameters.filename).toBe('a__Set-Cookie: x=1__.._b.pdf.blocked.txt');
    expect(file.body.toString('utf8').split('\n')).toEqual(['Download restricted', 'a__Set-Cookie: x=1_/..\\b.pdf', DEFAULT_BLOCKED_DOWNLOAD_MESSAGE, '']);
  });

  it('quotes a name with quotes and backslash-like characters so that it parses back whole', () => {
    const file = blockedDownload({ name: 'say "hi" %41.txt' }, undefined);
    expect(file.contentDisposition).toMatch(SENDABLE);
    expect(contentDisposition.parse(file.contentDisposition).parameters.filename).toBe('say "hi" %41.txt.blocked.txt');
  });

  it('survives a name with a lone surrogate (U+FFFD in its place)', () => {
    const file = blockedDownload({ name: 'bad\ud800.txt' }, undefined);
    expect(contentDisposition.parse(file.contentDisposition).parameters.filename).toBe('bad\ufffd.txt.blocked.txt');
  });
});
