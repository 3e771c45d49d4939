import { describe, expect, it } from 'vitest';
import { textFormatOf } from '../../../src/files/inspect/index.js';
import { clues, pdf, utf8, zip } from './build-files.js';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const OLE = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);

describe('textFormatOf', () => {
  it('lets the magic bytes win over name, declared and sniffed types: a PDF named .txt is a PDF', () => {
    expect(textFormatOf(clues('notes.txt', 'text/plain', null), pdf([['x']]))).toBe('pdf');
    expect(textFormatOf(clues('notes.txt', 'text/plain', 'text/plain'), zip({ 'a.txt': 'x' }))).toBe('zip');
    expect(textFormatOf(clues('report.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'), OLE)).toBe('ole');
  });

  it('takes the sniffed type next: a sniffed image is binary whatever its name says', () => {
    expect(textFormatOf(clues('data.csv', 'text/csv', 'image/png'), PNG)).toBe('binary');
    expect(textFormatOf(clues('data.bin', null, 'application/xml'), utf8('<a/>'))).toBe('xml');
  });

  it('takes the declared type before the extension', () => {
    expect(textFormatOf(clues('data.txt', 'application/json'), utf8('{}'))).toBe('json');
    expect(textFormatOf(clues('page.json', 'text/html'), utf8('<p>'))).toBe('html');
    expect(textFormatOf(clues('feed', 'application/atom+xml'), utf8('<feed/>'))).toBe('xml');
    expect(textFormatOf(clues('x', 'application/problem+json'), utf8('{}'))).toBe('json');
    expect(textFormatOf(clues('x', 'text/csv'), utf8('a,b'))).toBe('text');
  });

  it('takes the extension when no type names a readable format', () => {
    expect(textFormatOf(clues('data.json', 'application/octet-stream'), utf8('{}'))).toBe('json');
    expect(textFormatOf(clues('index.HTM'), utf8('<p>'))).toBe('html');
    expect(textFormatOf(clues('icon.svg'), utf8('<svg/>'))).toBe('xml');
    expect(textFormatOf(clues('table.tsv'), utf8('a\tb'))).toBe('text');
  });

  it('falls back to MIME Sniffing: text without binary data bytes is text, even named .png', () => {
    expect(textFormatOf(clues('download', 'application/octet-stream'), utf8('SSN 123-45-6789\r\n'))).toBe('text');
    expect(textFormatOf(clues('secret.png', 'image/png'), utf8('SSN 123-45-6789'))).toBe('text');
    expect(textFormatOf(clues('image.png', 'image/png'), PNG)).toBe('binary');
    expect(textFormatOf(clues('x'), new Uint8Array([0xff, 0xfe, 0x41, 0x00]))).toBe('text');
    expect(textFormatOf(clues('x'), new Uint8Array([0x41, 0x00, 0x42]))).toBe('binary');
  });
});
