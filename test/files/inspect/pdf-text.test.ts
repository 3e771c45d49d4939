import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_FILE_LIMITS } from '../../../src/files/file-facts.js';
import { extractText } from '../../../src/files/inspect/index.js';
import { clues, pdf, utf8 } from './build-files.js';

const read = (bytes: Uint8Array, name = 'doc.pdf', limits = DEFAULT_FILE_LIMITS) => extractText(bytes, clues(name), limits);

describe('PDF (pdf.js legacy build, in-process worker)', () => {
  afterEach(() => vi.restoreAllMocks());

  it('reads the text of each page, a line per text line and per page', async () => {
    const file = pdf([['Quarterly revenue', 'SSN 123-45-6789'], ['page two']]);
    expect(await read(file)).toEqual({ text: 'Quarterly revenue\nSSN 123-45-6789\npage two', cannotInspect: null });
  });

  it('reads a PDF named .txt and declared text/plain as a PDF', async () => {
    expect(await extractText(pdf([['inside']]), clues('notes.txt', 'text/plain'), DEFAULT_FILE_LIMITS)).toEqual({ text: 'inside', cannotInspect: null });
  });

  it('stops reading pages at the character limit', async () => {
    const file = pdf(Array.from({ length: 50 }, (_, i) => [`page ${i + 1}`]));
    expect(await read(file, 'doc.pdf', { ...DEFAULT_FILE_LIMITS, inspectChars: 14 })).toEqual({ text: 'page 1\npage 2\n', cannotInspect: 'too-much-text' });
  });

  it('reads a PDF that needs a password as encrypted', async () => {
    expect(await read(pdf([['secret']], { encrypt: true }))).toEqual({ text: '', cannotInspect: 'encrypted' });
  });

  it('reads bytes that are no PDF, or a truncated one, as corrupt', async () => {
    expect(await read(utf8('%PDF-1.7\nthis is not a PDF'))).toEqual({ text: '', cannotInspect: 'corrupt' });
    expect(await read(utf8('not even a header'), 'doc.pdf')).toEqual({ text: '', cannotInspect: 'corrupt' });
  });

  it('prints nothing to the console, even for a PDF it must repair, and leaves the caller\'s bytes whole', async () => {
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) => vi.spyOn(console, m));
    const file = pdf([['repaired text']], { badXref: true });
    const copy = file.slice();
    expect(await read(file)).toEqual({ text: 'repaired text', cannotInspect: null });
    await read(pdf([['x']], { encrypt: true }));
    await read(utf8('%PDF-1.7 junk'));
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    expect(file).toEqual(copy);
    expect(file.buffer.byteLength).toBe(copy.length);
  });

  it('reads a PDF given as a Buffer (pdf.js refuses Buffers; a copy is passed)', async () => {
    expect((await read(Buffer.from(pdf([['from a Buffer']])))).text).toBe('from a Buffer');
  });
});
