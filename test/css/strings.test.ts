import { describe, expect, it } from 'vitest';
import { rewriteCss } from '../../src/css/index.js';
import { exampleContext } from './helpers.js';

const { ctx } = exampleContext();
const css = (s: string) => rewriteCss(ctx, s);

describe('quoted strings outside URL positions (rule 3)', () => {
  it('rewrites a string that is a URL or a whole host', () => {
    expect(css('a{--api:"https://api.example.com/v1"}')).toBe('a{--api:"https://api.example.com.proxy.test/v1"}');
    expect(css("a{--d:'example.com';--c:'.example.com';--w:'*.example.com'}"))
      .toBe("a{--d:'example.com.proxy.test';--c:'.example.com.proxy.test';--w:'*.example.com.proxy.test'}");
    expect(css('a::after{content:"see https://example.com/help"}')).toBe('a::after{content:"see https://example.com.proxy.test/help"}');
  });

  it('leaves prose, e-mail addresses and lookalikes alone', () => {
    for (const s of [
      'a::after{content:"visit example.com today"}',
      'a::after{content:"mail user@example.com"}',
      'a::after{content:"example.com.evil.org"}',
      'a::after{content:"notexample.com"}',
    ]) expect(css(s)).toBe(s);
  });

  it('leaves data: strings alone', () => {
    const s = `a{--icon:"data:image/svg+xml,<svg xmlns='http://example.com/'/>"}`;
    expect(css(s)).toBe(s);
  });

  it('does not take code outside strings for hosts', () => {
    for (const s of ['a.example.com{color:red}', '.example.com .b{x:y}', 'a{font-family:example.com}']) expect(css(s)).toBe(s);
  });
});

describe('the escaped-URL matrix inside CSS strings', () => {
  // CSS decodes its own escapes first (`\/` is '/', `\2F ` is '/', `\\` is '\'); the value
  // the browser (or the script reading the custom property) sees is then checked.
  const cases: Array<[string, string, string]> = [
    ['https://', '"https://example.com/a"', '"https://example.com.proxy.test/a"'],
    ['//', '"//example.com/a"', '"//example.com.proxy.test/a"'],
    ['https:\\/\\/ (CSS-escaped slashes)', '"https:\\/\\/example.com/a"', '"https:\\/\\/example.com.proxy.test/a"'],
    ['\\\\/\\\\/ (JSON-escaped slashes in the value)', '"https:\\\\/\\\\/example.com/a"', '"https:\\\\/\\\\/example.com.proxy.test/a"'],
    ['\\2F (CSS hex escape)', '"https:\\2F\\2F example.com/a"', '"https:\\2F\\2F example.com.proxy.test/a"'],
    ['\\\\x2F (JS hex escape in the value)', '"https:\\\\x2F\\\\x2Fexample.com/a"', '"https:\\\\x2F\\\\x2Fexample.com.proxy.test/a"'],
    ['\\\\u002F (JS unicode escape in the value)', '"https:\\\\u002F\\\\u002Fexample.com/a"', '"https:\\\\u002F\\\\u002Fexample.com.proxy.test/a"'],
    ['%2F', '"https%3A%2F%2Fexample.com%2Fa"', '"https%3A%2F%2Fexample.com.proxy.test%2Fa"'],
    ['%252F', '"https%253A%252F%252Fexample.com%252Fa"', '"https%253A%252F%252Fexample.com.proxy.test%252Fa"'],
  ];
  for (const [name, input, expected] of cases) {
    it(`rewrites ${name}`, () => {
      expect(css(`a{--u:${input}}`)).toBe(`a{--u:${expected}}`);
      // and it is idempotent
      expect(css(`a{--u:${expected}}`)).toBe(`a{--u:${expected}}`);
    });
  }

  it('reads a lone \\x2F as CSS does: an escaped "x" followed by "2F", not a slash', () => {
    // The browser's value is "https:x2Fx2Fexample.com/a": no URL, nothing to proxy.
    const s = 'a{--u:"https:\\x2F\\x2Fexample.com/a"}';
    expect(css(s)).toBe(s);
  });

  it('rewrites a JSON document held in a custom property', () => {
    expect(css('a{--cfg:"{\\"api\\":\\"https:\\\\/\\\\/api.example.com\\",\\"domain\\":\\"example.com\\"}"}'))
      .toBe('a{--cfg:"{\\"api\\":\\"https:\\\\/\\\\/api.example.com.proxy.test\\",\\"domain\\":\\"example.com\\"}"}');
  });
});
