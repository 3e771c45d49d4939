import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FILE_LIMITS } from '../../../src/files/file-facts.js';
import { extractText } from '../../../src/files/inspect/index.js';
import { clues } from './build-files.js';

/** The real files of test/fixtures/files (made with LibreOffice, qpdf, officecrypto-tool; see its README). */
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/files/${name}`, import.meta.url)));
const read = (name: string, type: string | null = null) => extractText(fixture(name), clues(name, type), DEFAULT_FILE_LIMITS);

const SSN = /\b\d{3}-\d{2}-\d{4}\b/;

describe('real files', () => {
  it.each([
    ['report.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['budget.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['slides.pptx', 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
    ['text.pdf', 'application/pdf'],
    ['data.csv', 'text/csv'],
    ['docs.zip', 'application/zip'],
    ['labelled-labelinfo.docx', null],
    ['labelled-custom.xlsx', null],
    ['labelled-both.pptx', null],
    ['labelled.pdf', null],
    ['labelled-xmp.pdf', null],
  ])('%s holds "Quarterly revenue" and 123-45-6789', async (name, type) => {
    const { text, cannotInspect } = await read(name, type);
    expect(cannotInspect).toBeNull();
    expect(text).toContain('Quarterly revenue');
    expect(text).toMatch(SSN);
  });

  it('report.docx and text.pdf read as the lines LibreOffice was given', async () => {
    const lines = ['Quarterly revenue report', 'Quarterly revenue grew by 12 percent over the previous quarter.', 'Employee record: SSN 123-45-6789.'];
    expect((await read('report.docx')).text.split('\n').filter((l) => l !== '')).toEqual(lines);
    expect((await read('text.pdf')).text.split('\n').filter((l) => l.trim() !== '')).toEqual(lines);
  });

  it('budget.xlsx holds every cell of data.csv', async () => {
    const { text } = await read('budget.xlsx');
    const cells = new TextDecoder().decode(fixture('data.csv')).trim().split(/[\n,]/);
    for (const cell of cells) expect(text.split(/[\n\t]/)).toContain(cell);
  });

  it('docs.zip reads report.docx and the budget.xlsx of its nested zip', async () => {
    const { text } = await read('docs.zip');
    expect(text).toContain('Quarterly revenue grew by 12 percent');
    expect(text).toContain('Employee SSN');
  });

  it('docs.zip past a depth of 1 (its nested zip holds an xlsx, a zip too) is too-large, with report.docx read', async () => {
    const { text, cannotInspect } = await extractText(fixture('docs.zip'), clues('docs.zip'), { ...DEFAULT_FILE_LIMITS, archiveDepth: 1 });
    expect(cannotInspect).toBe('too-large');
    expect(text).toContain('Quarterly revenue grew');
    expect(text).not.toContain('Employee SSN');
  });

  it('encrypted.docx (an OLE compound file) and encrypted.pdf (AES-256, user password) are encrypted', async () => {
    expect(await read('encrypted.docx')).toEqual({ text: '', cannotInspect: 'encrypted' });
    expect(await read('encrypted.pdf')).toEqual({ text: '', cannotInspect: 'encrypted' });
  });

  it('corrupt.docx (cut in half: no central directory) is corrupt', async () => {
    expect(await read('corrupt.docx')).toEqual({ text: '', cannotInspect: 'corrupt' });
  });
});
