import { describe, expect, it } from 'vitest';
import { isJsonText } from '../../../src/proxy/websocket/index.js';

describe('isJsonText', () => {
  it('takes objects, arrays and strings that parse as JSON (RFC 8259), white space around them too', () => {
    for (const text of ['{"a":1}', '[1,2]', '"s"', ' \t\r\n{"a":[]}\n', '[]']) expect(isJsonText(Buffer.from(text))).toBe(true);
  });

  it('leaves out bare literals and numbers: they carry no URL', () => {
    for (const text of ['true', 'null', '123', '-1.5e3']) expect(isJsonText(Buffer.from(text))).toBe(false);
  });

  it('leaves out what does not parse, and what only starts like JSON', () => {
    // A BOM is not JSON white space; JSON.parse refuses it, and so does a browser's JSON.parse in the page.
    for (const text of ['', '   ', '{bad', '["a",]', '"unterminated', '{"a":1} trailing', '\uFEFF{}', 'hello {"a":1}']) {
      expect(isJsonText(Buffer.from(text))).toBe(false);
    }
  });
});
