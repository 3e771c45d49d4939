import { describe, expect, it } from 'vitest';
import { DEFAULT_FILE_LIMITS, type FileLimits } from '../../../src/files/file-facts.js';
import { extractText } from '../../../src/files/inspect/index.js';
import { clues, docxOf, patchZip, pdf, storedZip, zip } from './build-files.js';

const MiB = 1024 * 1024;
const limits = (over: Partial<FileLimits>): FileLimits => ({ ...DEFAULT_FILE_LIMITS, ...over });
const read = (bytes: Uint8Array, over: Partial<FileLimits> = {}, name = 'archive.zip') => extractText(bytes, clues(name), limits(over));

describe('zip archives', () => {
  it('reads each entry by its own name and bytes, joined by line ends, directories skipped', async () => {
    const archive = zip({
      'docs/': new Uint8Array(0),
      'docs/a.txt': 'plain 123-45-6789',
      'docs/b.json': '{"k":"\\u0031"}',
      'docs/c.html': '<p>a &amp; b</p>',
      'docs/report.docx': docxOf('Quarterly revenue'),
      'docs/scan.pdf': pdf([['from the PDF']]),
      'docs/unnamed': 'text without extension',
      'docs/pixel.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
    });
    expect(await read(archive)).toEqual({
      text: 'plain 123-45-6789\nk\n1\na & b\nQuarterly revenue\nfrom the PDF\ntext without extension',
      cannotInspect: null,
    });
  });

  it('opens nested zips, a docx in a zip in a zip, within the depth', async () => {
    const archive = zip({ 'outer.txt': 'outer', 'inner.zip': zip({ 'report.docx': docxOf('Employee 123-45-6789') }) });
    expect(await read(archive)).toEqual({ text: 'outer\nEmployee 123-45-6789', cannotInspect: null });
  });

  it('stops past the depth: too-large, with the text of the levels read', async () => {
    let nested = zip({ 'level5.txt': 'L5' });
    for (let level = 4; level >= 0; level--) nested = zip({ [`level${level}.txt`]: `L${level}`, [`next${level}.zip`]: nested });
    expect(await read(nested, { archiveDepth: 3 })).toEqual({ text: 'L0\nL1\nL2\nL3', cannotInspect: 'too-large' });
    expect(await read(nested, { archiveDepth: 5 })).toEqual({ text: 'L0\nL1\nL2\nL3\nL4\nL5', cannotInspect: null });
    expect(await read(nested, { archiveDepth: 0 })).toEqual({ text: 'L0', cannotInspect: 'too-large' });
  });

  it('refuses an entry that claims more than the budget before inflating it (a zip bomb)', async () => {
    const bomb = zip({ 'note.txt': 'before', 'zeros.txt': new Uint8Array(8 * MiB), 'after.txt': 'after' });
    expect(bomb.length).toBeLessThan(64 * 1024);
    expect(await read(bomb, { archiveExpandedBytes: 1 * MiB })).toEqual({ text: 'before\nafter', cannotInspect: 'too-large' });
  });

  it('counts the budget across entries and nested archives', async () => {
    const half = 'x'.repeat(600 * 1024);
    const archive = zip({ 'a.txt': half, 'inner.zip': zip({ 'b.txt': half }) });
    const { text, cannotInspect } = await read(archive, { archiveExpandedBytes: 1 * MiB });
    expect(cannotInspect).toBe('too-large');
    expect(text).toBe(half);
  });

  it('catches a header that lies low: the entry expands past its claimed size (corrupt), without expanding it', async () => {
    const bomb = zip({ 'zeros.txt': new Uint8Array(16 * MiB), 'ok.txt': 'still read' });
    const lying = patchZip(bomb, 0, 'size', 1000);
    expect(await read(lying, { archiveExpandedBytes: 1 * MiB })).toEqual({ text: 'still read', cannotInspect: 'corrupt' });
  });

  it('catches a header that lies high, and a CRC-32 that does not match (corrupt)', async () => {
    const archive = zip({ 'a.txt': 'short text' });
    expect(await read(patchZip(archive, 0, 'size', 5000))).toEqual({ text: '', cannotInspect: 'corrupt' });
    expect(await read(patchZip(archive, 0, 'crc', 0x12345678))).toEqual({ text: '', cannotInspect: 'corrupt' });
    const stored = storedZip({ 'a.txt': 'short text' });
    expect(await read(patchZip(stored, 0, 'size', 5))).toEqual({ text: '', cannotInspect: 'corrupt' });
  });

  it('marks an encrypted entry (general purpose flag bit 0) and reads the others', async () => {
    const archive = patchZip(zip({ 'secret.txt': 'ciphertext', 'open.txt': 'readable' }), 0, 'flags', 0x0001);
    expect(await read(archive)).toEqual({ text: 'readable', cannotInspect: 'encrypted' });
  });

  it('reads a truncated zip as corrupt, and an empty zip as no text', async () => {
    const archive = zip({ 'a.txt': 'x'.repeat(1000) });
    expect(await read(archive.subarray(0, archive.length - 30))).toEqual({ text: '', cannotInspect: 'corrupt' });
    expect(await read(new Uint8Array([0x50, 0x4b, 0x05, 0x06, ...new Uint8Array(18)]))).toEqual({ text: '', cannotInspect: null });
  });

  it('reads stored (uncompressed) entries', async () => {
    expect(await read(storedZip({ 'a.txt': 'stored 123-45-6789', 'b.txt': '' }))).toEqual({ text: 'stored 123-45-6789', cannotInspect: null });
  });
});
