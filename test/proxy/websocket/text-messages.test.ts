import { describe, expect, it } from 'vitest';
import { isJsonText, socketIoJsonStart } from '../../../src/proxy/websocket/index.js';

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

describe('socketIoJsonStart', () => {
  const start = (text: string) => socketIoJsonStart(Buffer.from(text));

  it('finds the JSON after the header socket.io-parser writes: type digits, attachments, namespace, ack id', () => {
    expect(start('42["chat"]')).toBe(2);
    expect(start('42/admin,17["x",{}]')).toBe('42/admin,17'.length);
    expect(start('451-["up",{"_placeholder":true,"num":0}]')).toBe(4);
    expect(start('40/chat/room-1,{"token":"t"}')).toBe('40/chat/room-1,'.length);
    expect(start('0{"sid":"a","upgrades":[]}')).toBe(1);
    expect(start('430[]')).toBe(3);
  });

  it('refuses what is not that shape or whose rest is not JSON', () => {
    for (const text of ['42 apples', '42', '2probe', '42["x"', '42[1] trailing', '42"str"', '421', '["a"]', '/admin,[]', '42/ad min,[]', '42/admin[]', '42/admin,17 []', '42-/x', '']) {
      expect(start(text)).toBe(-1);
    }
  });
});
