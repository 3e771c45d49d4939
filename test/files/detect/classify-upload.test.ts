import { describe, expect, it } from 'vitest';
import { classifyUploadBody, uploadFileName, type SniffedType } from '../../../src/files/detect/index.js';

const XLSX: SniffedType = { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' };
const PNG: SniffedType = { mime: 'image/png', extension: 'png' };

describe('classifyUploadBody', () => {
  it('a governed body is a file whatever it is declared as', () => {
    expect(classifyUploadBody({ 'content-type': 'application/octet-stream' }, XLSX)).toEqual({ isFile: true, why: 'sniffed' });
    expect(classifyUploadBody({ 'content-type': 'application/json' }, XLSX)).toEqual({ isFile: true, why: 'sniffed' });
    expect(classifyUploadBody({}, { mime: 'application/x-cfb', extension: 'cfb' }).isFile).toBe(true);
  });

  it('a CSV body is a file by its declared type', () => {
    expect(classifyUploadBody({ 'content-type': 'text/csv' }, null)).toEqual({ isFile: true, why: 'declared' });
  });

  it.each([
    ['JSON', { 'content-type': 'application/json' }, null],
    ['a form', { 'content-type': 'application/x-www-form-urlencoded' }, null],
    ['an image', { 'content-type': 'image/png' }, PNG],
    ['a PDF declared but not in the bytes', { 'content-type': 'application/pdf' }, null],
    ['CSV declared but PNG bytes', { 'content-type': 'text/csv' }, PNG],
  ] as const)('%s is not a file', (_case, headers, sniffed) => {
    expect(classifyUploadBody(headers, sniffed)).toEqual({ isFile: false, why: null });
  });
});

describe('uploadFileName', () => {
  const url = 'https://app.example.com/api/upload/target.bin';

  it('Content-Disposition first', () => {
    expect(uploadFileName({ 'content-disposition': 'attachment; filename="q3.xlsx"', 'x-file-name': 'other.xlsx' }, url)).toBe('q3.xlsx');
  });

  it('then X-File-Name, percent-decoded', () => {
    expect(uploadFileName({ 'x-file-name': 'Q3%20Umsatz%20%C3%BCbersicht.xlsx' }, url)).toBe('Q3 Umsatz übersicht.xlsx');
  });

  it('X-File-Name as raw UTF-8 bytes', () => {
    expect(uploadFileName({ 'x-file-name': Buffer.from('Übersicht 50%.xlsx').toString('latin1') }, url)).toBe('Übersicht 50%.xlsx');
  });

  it('X-File-Name is cleaned like any name', () => {
    expect(uploadFileName({ 'x-file-name': '..%2F..%2Fetc%2Fpasswd' }, url)).toBe('passwd');
  });

  it('then the URL', () => {
    expect(uploadFileName({}, url)).toBe('target.bin');
    expect(uploadFileName({ 'x-file-name': '' }, url)).toBe('target.bin');
  });

  it('download as the last resort', () => {
    expect(uploadFileName({}, 'https://app.example.com/')).toBe('download');
  });
});
