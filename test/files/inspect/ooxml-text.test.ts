import { describe, expect, it } from 'vitest';
import { DEFAULT_FILE_LIMITS } from '../../../src/files/file-facts.js';
import { extractText } from '../../../src/files/inspect/index.js';
import { clues, docx, pptx, wordPart, xlsx, zip } from './build-files.js';

const read = (bytes: Uint8Array, name: string, limits = DEFAULT_FILE_LIMITS) => extractText(bytes, clues(name), limits);

describe('Word', () => {
  it('reads runs as text, paragraphs as lines, run tabs and breaks (tab stops are no text), tracked deletions', async () => {
    const body =
      '<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>' +
      '<w:r><w:t>Quarterly</w:t></w:r><w:r><w:t xml:space="preserve"> revenue</w:t><w:tab/><w:t>Q3</w:t></w:r></w:p>' +
      '<w:p><w:r><w:t>SSN 123-</w:t></w:r><w:del><w:r><w:delText>45-</w:delText></w:r></w:del><w:r><w:t>6789</w:t><w:br/><w:t>&amp; more</w:t></w:r></w:p>' +
      '<w:tbl><w:tr><w:tc><w:p><w:r><w:t>cell</w:t></w:r></w:p></w:tc></w:tr></w:tbl>';
    expect(await read(docx(body), 'report.docx')).toEqual({ text: 'Quarterly revenue\tQ3\nSSN 123-45-6789\n& more\ncell', cannotInspect: null });
  });

  it('reads headers, footers, footnotes, endnotes and comments after the body, in order', async () => {
    const file = docx('<w:p><w:r><w:t>body</w:t></w:r></w:p>', {
      'word/comments.xml': wordPart('comments', ['comment']),
      'word/footer1.xml': wordPart('ftr', ['footer']),
      'word/header2.xml': wordPart('hdr', ['header two']),
      'word/header10.xml': wordPart('hdr', ['header ten']),
      'word/endnotes.xml': wordPart('endnotes', ['endnote']),
      'word/footnotes.xml': wordPart('footnotes', ['footnote']),
      'word/styles.xml': wordPart('styles', ['not text']),
    });
    expect((await read(file, 'report.docx')).text).toBe('body\nheader two\nheader ten\nfooter\nfootnote\nendnote\ncomment');
  });

  it('decides by the parts, not the name: a Word document named .zip or .bin is read as Word', async () => {
    const file = docx('<w:p><w:r><w:t>text</w:t></w:r></w:p>');
    expect((await read(file, 'archive.zip')).text).toBe('text');
    expect((await read(file, 'blob.bin')).text).toBe('text');
  });

  it('marks a part that is not well-formed XML corrupt and reads the others', async () => {
    const file = docx('<w:p><w:r><w:t>kept</w:t></w:r></w:p>', { 'word/footer1.xml': '<w:ftr><w:p>' });
    expect(await read(file, 'report.docx')).toEqual({ text: 'kept', cannotInspect: 'corrupt' });
  });

  it('stops at the character limit', async () => {
    const body = Array.from({ length: 100 }, (_, i) => `<w:p><w:r><w:t>paragraph ${i}</w:t></w:r></w:p>`).join('');
    const { text, cannotInspect } = await read(docx(body), 'long.docx', { ...DEFAULT_FILE_LIMITS, inspectChars: 30 });
    expect(cannotInspect).toBe('too-much-text');
    expect(text).toBe('paragraph 0\nparagraph 1\nparagr');
  });
});

describe('Excel', () => {
  it('reads shared strings, then every sheet: values as written, inline strings, shared-string indexes skipped', async () => {
    const file = xlsx(['Quarterly revenue', '123-45-6789'], [
      [[{ s: 0 }, { n: '120000' }], [{ s: 1 }, { inline: 'inline &amp; text' }]],
      [[{ n: '2.5' }, { n: '3' }]],
    ]);
    expect(await read(file, 'budget.xlsx')).toEqual({ text: 'Quarterly revenue\n123-45-6789\n120000\ninline & text\n2.5\t3', cannotInspect: null });
  });
});

describe('PowerPoint', () => {
  it('reads slides in the order of their numbers, then the notes', async () => {
    const slides = Array.from({ length: 11 }, (_, i) => [`slide ${i + 1}`]);
    const file = pptx(slides, [['speaker note', '123-45-6789']]);
    const expected = [...slides.map((s) => s[0]), 'speaker note', '123-45-6789'].join('\n');
    expect(await read(file, 'deck.pptx')).toEqual({ text: expected, cannotInspect: null });
  });
});

describe('OOXML in a compound file', () => {
  it('reads a compound file named or typed as OOXML, or holding an EncryptedPackage stream, as encrypted', async () => {
    const header = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
    const plain = new Uint8Array([...header, ...new Uint8Array(504)]);
    const withPackage = new Uint8Array([...header, ...new Uint8Array(Buffer.from('EncryptedPackage', 'utf16le')), ...new Uint8Array(480)]);
    expect(await read(plain, 'report.docx')).toEqual({ text: '', cannotInspect: 'encrypted' });
    expect(await extractText(plain, clues('download', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'), DEFAULT_FILE_LIMITS)).toEqual({ text: '', cannotInspect: 'encrypted' });
    expect(await read(withPackage, 'download.bin')).toEqual({ text: '', cannotInspect: 'encrypted' });
  });

  it('reads a legacy binary Office file (.doc, .xls) as no text, not as a file that could not be inspected', async () => {
    const legacy = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Uint8Array(504)]);
    expect(await read(legacy, 'old.doc')).toEqual({ text: '', cannotInspect: null });
    expect(await read(zip({ 'old.xls': legacy }), 'old.zip')).toEqual({ text: '', cannotInspect: null });
  });
});
