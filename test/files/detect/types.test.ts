import { describe, expect, it } from 'vitest';
import { isDeclaredOnlyGovernedType, isGovernedType, isRenderedType } from '../../../src/files/detect/index.js';

describe('isGovernedType', () => {
  it.each([
    // Office Open XML, with the macro-enabled and template variants (as file-type names them)
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    'application/vnd.openxmlformats-officedocument.presentationml.slideshow',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.template',
    'application/vnd.ms-word.document.macroenabled.12',
    'application/vnd.ms-excel.sheet.macroenabled.12',
    'application/vnd.ms-powerpoint.presentation.macroenabled.12',
    // legacy Office and OLE compound files (encrypted OOXML is one)
    'application/msword',
    'application/vnd.ms-excel',
    'application/vnd.ms-powerpoint',
    'application/x-cfb',
    // OpenDocument, RTF, PDF
    'application/vnd.oasis.opendocument.text',
    'application/vnd.oasis.opendocument.spreadsheet',
    'application/rtf',
    'application/pdf',
    // archives
    'application/zip',
    'application/x-7z-compressed',
    'application/x-rar-compressed',
    'application/vnd.rar',
    'application/x-tar',
    'application/gzip',
    'application/x-bzip2',
    'application/x-xz',
    'application/zstd',
    'application/java-archive',
    // e-mail, CSV, TSV
    'message/rfc822',
    'application/vnd.ms-outlook',
    'text/csv',
    'text/tab-separated-values',
  ])('%s', (mime) => {
    expect(isGovernedType(mime)).toBe(true);
  });

  it('takes a whole Content-Type value: case and parameters do not matter', () => {
    expect(isGovernedType('Application/PDF; name="x.pdf"')).toBe(true);
    expect(isGovernedType('text/csv; charset=utf-8; header=present')).toBe(true);
  });

  it.each(['text/html', 'text/plain', 'application/json', 'image/png', 'video/mp4', 'application/octet-stream', 'application/javascript', 'font/woff2', 'application/wasm', 'not a type', ''])(
    '%s is not governed',
    (mime) => {
      expect(isGovernedType(mime)).toBe(false);
    },
  );

  it('null is not governed', () => {
    expect(isGovernedType(null)).toBe(false);
  });

  it('only the types without magic bytes are governed by declaration alone', () => {
    expect(isDeclaredOnlyGovernedType('text/csv')).toBe(true);
    expect(isDeclaredOnlyGovernedType('message/rfc822')).toBe(true);
    expect(isDeclaredOnlyGovernedType('application/pdf')).toBe(false);
    expect(isDeclaredOnlyGovernedType('application/zip')).toBe(false);
    expect(isDeclaredOnlyGovernedType(null)).toBe(false);
  });
});

// Chromium: blink::IsSupportedMimeType plus the PDF viewer; download_utils::MustDownload for MHTML.
describe('isRenderedType', () => {
  it.each([
    'text/html',
    'Text/HTML; charset=utf-8',
    'text/plain',
    'text/css',
    'text/markdown', // any text/* not in kUnsupportedTextTypes
    'text/javascript',
    'application/javascript',
    'application/xhtml+xml',
    'application/xml',
    'text/xml',
    'application/rss+xml',
    'application/json',
    'application/ld+json', // application/*+json
    'application/problem+json',
    'image/png',
    'image/jpeg',
    'image/gif',
    'image/webp',
    'image/avif',
    'image/svg+xml',
    'image/x-icon',
    'video/mp4',
    'video/webm',
    'audio/mpeg',
    'audio/ogg',
    'audio/wav',
    'application/pdf',
    'multipart/x-mixed-replace',
  ])('%s is shown', (mime) => {
    expect(isRenderedType(mime)).toBe(true);
  });

  it.each([
    'text/csv', // kUnsupportedTextTypes
    'text/tab-separated-values',
    'text/calendar',
    'text/vcard',
    'text/rtf',
    'text/x-ms-iqy',
    'application/octet-stream',
    'application/zip',
    'application/msword',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/rtf',
    'message/rfc822', // MHTML: downloaded over HTTP (MustDownload)
    'multipart/related',
    'application/atom+xml+zip',
    'application/vnd.custom+xml', // only the listed +xml types
    'image/tiff', // not a type Chromium decodes
    'image/heic',
    'video/x-msvideo',
    'font/woff2',
    'unknown/unknown',
  ])('%s is downloaded', (mime) => {
    expect(isRenderedType(mime)).toBe(false);
  });

  it('null (no type) is not a rendered type: classifyDownload sniffs instead', () => {
    expect(isRenderedType(null)).toBe(false);
  });
});
