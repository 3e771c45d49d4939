import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HostRewriter } from '../../src/domain/index.js';
import { encodeForLiteral, literalView } from '../../src/domain/literal-view.js';

// The pieces of rule 3's parser path: the view of a string literal as the string the code
// holds (oracle: the JavaScript engine and JSON.parse), writing text back into a literal,
// and the fast path's candidate search (it must find every URL the parser reads as a
// protected host; it may find more).

// eslint-disable-next-line @typescript-eslint/no-implied-eval
const evalString = (literal: string): string => new Function(`return ${literal};`)() as string;

describe('a string literal seen as the string the code holds', () => {
  it.each([
    ['\\x61\\u0062\\u{63}\\u{1F600}', 'abc\u{1F600}'],
    ['\\101\\0\\7\\12\\400', 'A\0\x07\n 0'],
    ['a\\\nb\\\r\nc\\\u2028d', 'abcd'],
    ['\\t\\n\\r\\b\\f\\v\\/\\\\\\"\\q', '\t\n\r\b\f\v/\\"q'],
    ['\\uD83D\\uDE00', '\u{1F600}'],
  ])('%j reads as the engine reads it', (body, expected) => {
    expect(evalString(`"${body}"`)).toBe(expected);
    expect(literalView(body, 0, body.length, false).text).toBe(expected);
  });

  it('reads every JSON.stringify output as JSON.parse does, and maps each unit to where it is written', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => {
      const body = JSON.stringify(s).slice(1, -1);
      const view = literalView(body, 0, body.length, false);
      expect(view.text).toBe(s);
      expect(view.rawStart.length).toBe(s.length + 1);
      for (let k = 1; k < view.rawStart.length; k++) expect(view.rawStart[k]).toBeGreaterThanOrEqual(view.rawStart[k - 1] as number);
      expect(view.rawStart[s.length]).toBe(body.length);
    }));
  });

  it('reads UTF-8 bytes as Latin-1 as the browser decodes them; bytes that are no UTF-8 stay', () => {
    const latin1 = Buffer.from('https://bücher.ａcme/\\u00fc', 'utf8').toString('latin1');
    expect(literalView(latin1, 0, latin1.length, true).text).toBe('https://bücher.ａcme/ü');
    expect(literalView('\xff\xc3', 0, 2, true).text).toBe('\xff\xc3');
  });
});

describe('text written into a literal', () => {
  it('reads back as itself in a double-, single-quoted and template literal and in JSON', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => {
      const e = encodeForLiteral(s);
      expect(evalString(`"${e}"`)).toBe(s);
      expect(evalString(`'${e}'`)).toBe(s);
      expect(evalString(`\`${e}\``)).toBe(s);
      expect(JSON.parse(`"${e}"`)).toBe(s);
      expect(/^[\x20-\x7e]*$/.test(e)).toBe(true);
    }));
  });
});

describe('the candidate search of code and data strings', () => {
  const hosts = new HostRewriter({ suffix: 'proxy.test', domains: ['acme-docs.com', '*.acme-docs.com'] });
  const code = hosts.code;

  it.each([
    'x = "https://%61cme-docs.com/"',
    'x = "https://ａｃｍｅ-docs.com/"',
    'x = "//acme-docs%2Ecom/"',
    'x = "https:\\/\\/\\u0061cme-docs.com\\/"',
    'x = "https://acme-\\tdocs.com/"',
    'x = "https:/\\t/\\u0061cme-docs.com/"',
    'x = "https://u@\\u0061cme-docs.com/"',
    '{"u":"https:\\/\\/acme-docs\\u002ecom"}',
  ])('%j is a candidate', (text) => {
    expect(code.mayContain(text)).toBe(true);
  });

  it.each([
    'x = "https://example.org/a%20b"; // a comment\n// https://example.org/\n',
    '{"u":"https:\\/\\/cdn.example.org\\/x?q=%41","t":"\\n"}',
    'x = "https://example.org\\n"; y = "//cdn.example.org\\"";',
    'a{background:url(//example.org/%41)}',
    '/'.repeat(10_000),
  ])('%j is none', (text) => {
    expect(code.mayContain(text)).toBe(false);
  });

  it('asked front to back, finds the candidates in order', () => {
    const text = 'a "//x.org/" b "https://%61cme-docs.com/" c "acme-docs.com" d "//ａcme-docs.com"';
    const search = code.candidates(text);
    const found: number[] = [];
    for (let at = search.next(0); at !== -1; at = search.next(at + 1)) found.push(at);
    // Each may be found more than once (its `//` and its spelled host): the first of each string, in order.
    const firsts = [...new Set(found.map((at) => text.lastIndexOf('"', at)))].map((q) => found.find((at) => text.lastIndexOf('"', at) === q));
    expect(firsts).toEqual([text.indexOf('//%61'), text.indexOf('acme-docs.com"'), text.indexOf('//ａ')]);
    expect([...found].sort((a, b) => a - b)).toEqual(found);
  });

  it('never misses a string the rule changes (any text: no candidate means no change)', () => {
    const pieces = fc.constantFrom(
      'https://', 'wss:', 'HTTP:', '//', '\\/\\/', '\\u{2f}', '\\57', '\\x5c', '\\\\', '%3A', '%2F', '%2561', '?next=', '=',
      '%61', 'ａ', 'ｃｏｍ', 'ü', '\u00AD', 'acme', '-docs', '.com', '。', '\\x2e', '\\t', '\\u0061', '\\-', '\\\n', '"', ' ', '@', 'x', '/', '\\',
    );
    fc.assert(fc.property(fc.array(pieces, { maxLength: 20 }), (parts) => {
      const body = parts.join('');
      const literal = `x = "${body.replace(/"/g, '\\"')}";`;
      if (!code.mayContain(literal)) {
        const whole = literal.slice(5, -2);
        expect(code.edits(literal, 5, literal.length - 2, 'literal')).toEqual([]);
        expect(code.rewrite(whole)).toBe(whole);
      }
    }), { numRuns: 4000 });
  });

  it('never misses a value the rule changes (CSS strings and header values: tabs and newlines as they are)', () => {
    const pieces = fc.constantFrom('https:', 'wss://', '%61', 'ａ', 'acme', '-docs', '.com', '\t', '\n', ' ', '@', '/', '\\', '%2F', '?u=');
    fc.assert(fc.property(fc.array(pieces, { maxLength: 16 }), (parts) => {
      const value = parts.join('');
      if (!code.mayContain(value, 0, 'value')) expect(code.rewrite(value)).toBe(value);
    }), { numRuns: 3000 });
  });

  it('the request direction reads the text alone', () => {
    expect(hosts.reverseCode.rewrite('https://%61cme-docs.com.proxy.test/')).toBe('https://%61cme-docs.com.proxy.test/');
    expect(hosts.reverseCode.rewrite('https://acme-docs.com.proxy.test/')).toBe('https://acme-docs.com/');
  });
});
