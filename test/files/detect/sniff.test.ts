import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import { isGovernedType, sniffFileType, SNIFF_BYTES } from '../../../src/files/detect/index.js';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/files/${name}`, import.meta.url)));

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PPTX = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';

describe('sniffFileType on the real fixtures (LibreOffice 7.4, qpdf, officecrypto-tool)', () => {
  it.each([
    ['report.docx', DOCX, 'docx'],
    ['labelled-labelinfo.docx', DOCX, 'docx'],
    ['budget.xlsx', XLSX, 'xlsx'],
    ['labelled-custom.xlsx', XLSX, 'xlsx'],
    ['slides.pptx', PPTX, 'pptx'],
    ['labelled-both.pptx', PPTX, 'pptx'],
    ['text.pdf', 'application/pdf', 'pdf'],
    ['labelled.pdf', 'application/pdf', 'pdf'],
    ['encrypted.pdf', 'application/pdf', 'pdf'],
    ['docs.zip', 'application/zip', 'zip'],
    // A cut zip (no central directory) still starts with local file headers: still a zip.
    ['corrupt.docx', 'application/zip', 'zip'],
    // OLE compound files: legacy Word and password-protected OOXML look the same to file-type.
    ['legacy.doc', 'application/x-cfb', 'cfb'],
    ['encrypted.docx', 'application/x-cfb', 'cfb'],
  ])('%s is %s, from its first SNIFF_BYTES', async (name, mime, extension) => {
    const bytes = fixture(name);
    expect(bytes.length).toBeLessThan(SNIFF_BYTES); // so the prefix is the whole file
    expect(await sniffFileType(bytes.subarray(0, SNIFF_BYTES))).toEqual({ mime, extension });
    expect(isGovernedType(mime)).toBe(true);
  });

  it('CSV has no magic bytes: null', async () => {
    expect(await sniffFileType(fixture('data.csv'))).toBeNull();
  });

  it('the OLE signature alone is enough for application/x-cfb', async () => {
    expect(await sniffFileType(fixture('encrypted.docx').subarray(0, 8))).toEqual({ mime: 'application/x-cfb', extension: 'cfb' });
  });

  it('nothing, one byte and text say nothing', async () => {
    expect(await sniffFileType(new Uint8Array())).toBeNull();
    expect(await sniffFileType(new Uint8Array([0x50]))).toBeNull();
    expect(await sniffFileType(new TextEncoder().encode('<!doctype html><p>hello'))).toBeNull();
  });
});

describe('how many bytes tell an Office file from a zip', () => {
  // LibreOffice writes [Content_Types].xml last (every fixture above): file-type reads the
  // zip's entries in order, so only a prefix that holds that whole entry says pptx.
  it('slides.pptx: a zip until the prefix holds [Content_Types].xml, pptx when it does', async () => {
    const bytes = fixture('slides.pptx');
    const localHeader = Buffer.from(bytes).indexOf('[Content_Types].xml') - 30;
    expect(localHeader).toBeGreaterThan(bytes.length * 0.8); // it is near the end
    expect((await sniffFileType(bytes.subarray(0, localHeader)))?.mime).toBe('application/zip');
    expect((await sniffFileType(bytes.subarray(0, 4100)))?.mime).toBe('application/zip'); // file-type's usual sample
    expect((await sniffFileType(bytes))?.mime).toBe(PPTX);
  });

  const contentTypes = (main: string) =>
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/>' +
    `<Override PartName="/word/document.xml" ContentType="${main}"/></Types>`;
  const WORD_MAIN = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';
  const text = (s: string) => new TextEncoder().encode(s);

  /** A docx with a 200 KB image (stored, incompressible), [Content_Types].xml first (Office) or last (LibreOffice). */
  function docx(order: 'office' | 'libreoffice', main = WORD_MAIN): Uint8Array {
    const types: Zippable = { '[Content_Types].xml': text(contentTypes(main)) };
    const parts: Zippable = {
      '_rels/.rels': text('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>'),
      'word/media/image1.png': [randomBytes(200_000), { level: 0 }],
      'word/document.xml': text('<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'),
    };
    return zipSync(order === 'office' ? { ...types, ...parts } : { ...parts, ...types });
  }

  it('Office order ([Content_Types].xml first): the first SNIFF_BYTES of a 200 KB docx say docx', async () => {
    const bytes = docx('office');
    expect(bytes.length).toBeGreaterThan(3 * SNIFF_BYTES);
    expect((await sniffFileType(bytes.subarray(0, SNIFF_BYTES)))?.mime).toBe(DOCX);
  });

  it('LibreOffice order: the first SNIFF_BYTES say zip (governed all the same); the whole file says docx', async () => {
    const bytes = docx('libreoffice');
    const prefix = await sniffFileType(bytes.subarray(0, SNIFF_BYTES));
    expect(prefix?.mime).toBe('application/zip');
    expect(isGovernedType(prefix?.mime ?? null)).toBe(true);
    expect((await sniffFileType(bytes))?.mime).toBe(DOCX);
  });

  it.each([
    ['application/vnd.ms-word.document.macroEnabled.main+xml', 'application/vnd.ms-word.document.macroenabled.12', 'docm'],
    ['application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml', 'application/vnd.openxmlformats-officedocument.wordprocessingml.template', 'dotx'],
  ])('the main part type %s makes %s (governed)', async (main, mime, extension) => {
    expect(await sniffFileType(docx('office', main))).toEqual({ mime, extension });
    expect(isGovernedType(mime)).toBe(true);
  });

  it('a zip whose first entry is META-INF/MANIFEST.MF reads as a jar, which is governed like the zip it is', async () => {
    const disguised = zipSync({ 'META-INF/MANIFEST.MF': text('Manifest-Version: 1.0\n'), 'report.docx': fixture('report.docx') });
    const sniffed = await sniffFileType(disguised);
    expect(sniffed?.mime).toBe('application/java-archive');
    expect(isGovernedType(sniffed?.mime ?? null)).toBe(true);
  });
});
