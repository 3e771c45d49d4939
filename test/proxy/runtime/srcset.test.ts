import { describe, expect, it } from 'vitest';
import { mapSrcset } from '../../../src/proxy/runtime/client/srcset.js';

// Candidates as HTML's "parse a srcset attribute" reads them: the URL is a run of
// non-whitespace after whitespace and commas; trailing commas end the candidate; the
// descriptors run to the next comma outside parentheses. Only the URLs change.
const upper = (url: string): string => `[${url}]`;

describe('mapSrcset', () => {
  it.each([
    ['a.png 1x, b.png 2x', '[a.png] 1x, [b.png] 2x'],
    ['a.png', '[a.png]'],
    ['  a.png  ,b.png 100w', '  [a.png]  ,[b.png] 100w'],
    // A comma inside a URL belongs to it; one at its end separates.
    ['https://x.test/a,b.png 1x', '[https://x.test/a,b.png] 1x'],
    ['a.png,b.png', '[a.png,b.png]'],
    ['a.png,,, b.png', '[a.png],,, [b.png]'],
    // Parentheses in descriptors hide commas (future descriptors).
    ['a.png 1x (x, y), b.png', '[a.png] 1x (x, y), [b.png]'],
    ['', ''],
    [' , ', ' , '],
    ['data:image/png;base64,AAAA 1x', '[data:image/png;base64,AAAA] 1x'],
  ])('%j', (input, expected) => {
    expect(mapSrcset(input, upper)).toBe(expected);
  });

  it('keeps the text when nothing maps', () => {
    const value = ' a.png 1x,\tb.png\n2x ';
    expect(mapSrcset(value, (u) => u)).toBe(value);
  });
});
