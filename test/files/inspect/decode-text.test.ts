import { describe, expect, it } from 'vitest';
import { decodeText, textEncodingOf } from '../../../src/files/inspect/index.js';

const bytes = (...b: number[]) => new Uint8Array(b);

describe('decodeText', () => {
  it('decodes by BOM and drops it (UTF-8, UTF-16LE, UTF-16BE)', () => {
    expect(decodeText(bytes(0xef, 0xbb, 0xbf, 0x41, 0xc3, 0xa9))).toBe('Aé');
    expect(decodeText(bytes(0xff, 0xfe, 0x41, 0x00, 0xe9, 0x00))).toBe('Aé');
    expect(decodeText(bytes(0xfe, 0xff, 0x00, 0x41, 0x00, 0xe9))).toBe('Aé');
  });

  it('decodes valid UTF-8 without a BOM as UTF-8, anything else as windows-1252', () => {
    expect(textEncodingOf(bytes(0x41, 0xc3, 0xa9))).toBe('utf-8');
    expect(decodeText(bytes(0x41, 0xc3, 0xa9))).toBe('Aé');
    // 0xE9 alone is not UTF-8; in windows-1252 it is é, and 0x80 is the euro sign (not U+0080).
    expect(textEncodingOf(bytes(0x41, 0xe9, 0x80))).toBe('windows-1252');
    expect(decodeText(bytes(0x41, 0xe9, 0x80))).toBe('Aé€');
  });

  it('with a character limit decodes more than the limit when the file has more, and never less', () => {
    const text = 'é😀a'.repeat(1000);
    const encoded = new TextEncoder().encode(text);
    for (const max of [0, 1, 2, 3, 10, 999]) {
      const decoded = decodeText(encoded, max);
      expect(decoded.length).toBeGreaterThan(max);
      expect(text.startsWith(decoded.replace(/\uFFFD$/, ''))).toBe(true);
    }
    expect(decodeText(encoded, 10_000)).toBe(text);
  });
});

describe('windows-1252', () => {
  it('decodes 0x80–0x9F by the WHATWG index (iconv-lite agrees where it defines the byte; the five it leaves undefined are C1 controls)', async () => {
    const iconv = (await import('iconv-lite')).default;
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    // Not valid UTF-8, so decoded as windows-1252.
    const decoded = decodeText(all);
    expect(decoded.length).toBe(256);
    for (let b = 0; b < 256; b++) {
      const expected = [0x81, 0x8d, 0x8f, 0x90, 0x9d].includes(b) ? String.fromCharCode(b) : iconv.decode(Buffer.of(b), 'windows-1252');
      expect(decoded[b], `byte 0x${b.toString(16)}`).toBe(expected);
    }
    expect(decoded[0x80]).toBe('€');
    expect(decoded[0x92]).toBe('\u2019');
  });
});
