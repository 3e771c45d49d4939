import { describe, expect, it } from 'vitest';
import { hasBinaryDataByte, looksBinary, sniffUnknownType } from '../../src/pipeline/sniff.js';

const b = (s: string) => Buffer.from(s, 'latin1');

// MIME Sniffing §7.1, the HTML rows of the "rules for identifying an unknown MIME type" table.
describe('sniffUnknownType', () => {
  it.each(['<!DOCTYPE HTML>', '<!doctype html>', '  \n<html lang=en>', '<HEAD>', '<script>x</script>', '<iframe src=x>', '<h1>T', '<div>', '<font>', '<table>', '<a href=x>', '<style>', '<title>', '<b>', '<body>', '<br>', '<p>', '<!-- c -->'])(
    '%j sniffs as HTML', (s) => expect(sniffUnknownType(b(s))).toBe('html'),
  );

  it.each(['<htmlx>', '<a', '<!--x-->', 'hello <html>', '{"a":1}', '\ufeff<html>', 'GIF89a', '%PDF-1.7', '<span>'])('%j does not', (s) => {
    expect(sniffUnknownType(b(s))).toBeNull();
  });

  it('sniffs <?xml, case-sensitively, as XML', () => {
    expect(sniffUnknownType(b('<?xml version="1.0"?><svg/>'))).toBe('xml');
    expect(sniffUnknownType(b(' \n<?xml version="1.0"?>'))).toBe('xml');
    expect(sniffUnknownType(b('<?XML version="1.0"?>'))).toBeNull();
  });

  it('treats a UTF-8 BOM before <html> as not HTML, as the table has no row for it', () => {
    expect(sniffUnknownType(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), b('<html> ')]))).toBeNull();
  });
});

describe('binary data bytes (MIME Sniffing §3)', () => {
  it('finds each binary data byte and no other', () => {
    const binary = new Set<number>();
    for (let x = 0; x <= 0x08; x++) binary.add(x);
    binary.add(0x0b);
    for (let x = 0x0e; x <= 0x1a; x++) binary.add(x);
    for (let x = 0x1c; x <= 0x1f; x++) binary.add(x);
    for (let x = 0; x < 256; x++) expect(hasBinaryDataByte(Uint8Array.of(0x41, x, 0x42))).toBe(binary.has(x));
  });

  it('keeps ESC (ISO-2022-JP text) and form feed as text', () => {
    expect(hasBinaryDataByte(b('a\x1b$B8@8l\x1b(Bb\x0c'))).toBe(false);
  });

  it('calls PDFs binary even when their first bytes are text', () => {
    expect(looksBinary(b('%PDF-1.4\n1 0 obj << /URI (https://acme-docs.com/) >> endobj\n'))).toBe(true);
  });
});
