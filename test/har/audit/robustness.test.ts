import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EscapeFinder } from '../../../src/har/audit/index.js';
import type { HarEntry } from '../../../src/har/har-types.js';
import { harEntry, PROTECTED } from './entries.js';

const finder = new EscapeFinder(PROTECTED);

// Real captures are messy: nothing in an entry may make the finder throw.
describe('the finder on anything', () => {
  it('never throws on entries of any shape', () => {
    const json = fc.jsonValue({ maxDepth: 4 });
    const messy = fc.record({
      request: fc.oneof(json, fc.record({ url: fc.oneof(fc.webUrl(), fc.string(), json), method: json, headers: json })),
      response: fc.oneof(json, fc.record({ status: json, headers: fc.oneof(json, fc.array(fc.record({ name: fc.string(), value: fc.oneof(fc.string(), json) }))), content: json, cookies: json, redirectURL: json })),
    }, { requiredKeys: [] });
    fc.assert(fc.property(messy, (entry) => {
      expect(() => finder.entry(entry as unknown as HarEntry, 0)).not.toThrow();
    }), { numRuns: 500 });
  });

  it('never throws on bodies of any text and type', () => {
    const piece = fc.constantFrom('<', '>', '"', "'", '=', '/', '//', '`', '${', '}', '{', '(', ')', ';', '\\', '&#', '&lt;', '<![CDATA[', ']]>', '<!--', '-->',
      '<script>', '</script>', '<style>', '<svg>', '<noscript>', '<template>', 'url(', '@import', 'https://', 'app.example.com', '%2F', '\n', ' ', 'a', 'é', '\u2028');
    const text = fc.array(piece, { maxLength: 60 }).map((parts) => parts.join(''));
    const types = fc.constantFrom('text/html', 'application/xhtml+xml', 'text/javascript', 'text/css', 'application/json', 'image/svg+xml', '');
    fc.assert(fc.property(text, types, (body, contentType) => {
      expect(() => finder.entry(harEntry({ contentType, text: body }), 0)).not.toThrow();
    }), { numRuns: 1500 });
  });
});
