import { describe, expect, test } from 'vitest';
import { rewriteJs, rewriteJsHandler, rewriteJavascriptUrl, rewriteJsWithMap } from '../../src/js/index.js';
import { exampleContext } from './helpers.js';

const { ctx, events } = exampleContext();
const js = (s: string, sourceType: 'script' | 'module' | 'auto' = 'auto') => rewriteJs(ctx, s, { sourceType });

describe('escaped URL matrix in string literals', () => {
  const cases: Array<[string, string]> = [
    ['"https://app.example.com/x"', '"https://app.example.com.proxy.test/x"'],
    ['"//app.example.com/x"', '"//app.example.com.proxy.test/x"'],
    ['"https:\\/\\/app.example.com\\/x"', '"https:\\/\\/app.example.com.proxy.test\\/x"'],
    ['"https:\\\\/\\\\/app.example.com\\\\/x"', '"https:\\\\/\\\\/app.example.com.proxy.test\\\\/x"'],
    ['"https:\\x2F\\x2Fapp.example.com\\x2Fx"', '"https:\\x2F\\x2Fapp.example.com.proxy.test\\x2Fx"'],
    ['"https:\\u002F\\u002Fapp.example.com\\u002Fx"', '"https:\\u002F\\u002Fapp.example.com.proxy.test\\u002Fx"'],
    ['"https%3A%2F%2Fapp.example.com%2Fx"', '"https%3A%2F%2Fapp.example.com.proxy.test%2Fx"'],
    ['"https%253A%252F%252Fapp.example.com%252Fx"', '"https%253A%252F%252Fapp.example.com.proxy.test%252Fx"'],
    ["'wss://ws.example.com/socket'", "'wss://ws.example.com.proxy.test/socket'"],
  ];
  for (const [input, expected] of cases) {
    test(input, () => expect(js(`var u = ${input};`)).toBe(`var u = ${expected};`));
  }

  test('public scheme and port follow the spelling of the URL', () => {
    const { ctx: local } = exampleContext({ publicScheme: 'http', publicPort: 8080 });
    expect(rewriteJs(local, 'f("https://app.example.com/x")')).toBe('f("http://app.example.com.proxy.test:8080/x")');
    expect(rewriteJs(local, 'f("https:\\u002F\\u002Fexample.com")')).toBe('f("http:\\u002F\\u002Fexample.com.proxy.test\\u003A8080")');
    expect(rewriteJs(local, 'f("example.com")')).toBe('f("example.com.proxy.test")');
  });
});

describe('rule 3 contexts', () => {
  test('whole-string hosts, cookie-domain and wildcard forms', () => {
    expect(js('d = "example.com"; c = ".example.com"; w = \'*.example.com\'')).toBe('d = "example.com.proxy.test"; c = ".example.com.proxy.test"; w = \'*.example.com.proxy.test\'');
  });
  test('code, e-mail addresses, prose and comments are left alone', () => {
    const src = 'a.example.com = 1; m = "user@example.com"; p = "visit app.example.com today"; // https://example.com/\n/* //example.com */';
    expect(js(src)).toBe(src);
  });
  test('lookalikes and already proxied hosts are not occurrences', () => {
    const src = 'x = ["https://notexample.com/", "https://example.community/", "https://example.com.evil.org/", "https://example.com.proxy.test/", "example.com.au"]';
    expect(js(src)).toBe(src);
  });
  test('object keys', () => {
    expect(js('x = {"example.com": 1, \'https://example.com\': 2, example: 3}')).toBe('x = {"example.com.proxy.test": 1, \'https://example.com.proxy.test\': 2, example: 3}');
  });
});

describe('template literals', () => {
  test('each chunk is its own range', () => {
    expect(js('t = `https://app.example.com/${p}?r=//example.com`')).toBe('t = `https://app.example.com.proxy.test/${p}?r=//example.com.proxy.test`');
    expect(js('t = `${sub}.example.com`')).toBe('t = `${sub}.example.com.proxy.test`');
    expect(js('t = `example.com`')).toBe('t = `example.com.proxy.test`');
  });
  test('nested templates and strings inside substitutions', () => {
    expect(js('t = `a${ `b${"https://example.com"}c` }//example.com/`'))
      .toBe('t = `a${ `b${"https://example.com.proxy.test"}c` }//example.com.proxy.test/`');
  });
  test('code inside a substitution is code', () => {
    expect(js('t = `${a.example.com}`')).toBe('t = `${a.example.com}`');
  });
});

describe('regular-expression literals', () => {
  test('escaped host gets the escaped suffix, flags kept', () => {
    expect(js('ok = /^https?:\\/\\/(www\\.)?example\\.com$/gi.test(o)')).toBe('ok = /^https?:\\/\\/(www\\.)?example\\.com\\.proxy\\.test$/gi.test(o)');
  });
  test('a regex after a statement head and after `}` of a declaration', () => {
    expect(js('if (a) /"/.test(s); x = "https://example.com"')).toBe('if (a) /"/.test(s); x = "https://example.com.proxy.test"');
    expect(js('function f(){}\n/"/.test(s); x = "https://example.com"')).toBe('function f(){}\n/"/.test(s); x = "https://example.com.proxy.test"');
  });
  test('division after `)`, `]`, identifiers, property keywords, postfix and object literals', () => {
    const cases = [
      'x = (a) / 2; y = "https://example.com"; z = 1 / 2',
      'x = a[0] / 2; y = "https://example.com"; z = 1 / 2',
      'x = a.return / 2; y = "https://example.com"; z = 1 / 2',
      'x = a++ / 2; y = "https://example.com"; z = 1 / 2',
      'x = {} / 2; y = "https://example.com"; z = 1 / 2',
      'x = b\n/2; y = "https://example.com"; z = 1 / 2',
    ];
    for (const c of cases) expect(js(c)).toBe(c.replace('example.com"', 'example.com.proxy.test"'));
  });
  test('a regex after operator keywords', () => {
    expect(js('function f(){ return /"/.test(s) + "//example.com" }')).toBe('function f(){ return /"/.test(s) + "//example.com.proxy.test" }');
    expect(js('x = typeof /\'/ + "//example.com"')).toBe('x = typeof /\'/ + "//example.com.proxy.test"');
  });
});

describe('module syntax and script features', () => {
  test('import and export specifiers, dynamic import', () => {
    const src = 'import a from "https://cdn.example.com/a.js";\nexport { b } from \'//example.com/b.js\';\nexport * from "https://example.com/c.js";\nconst m = await import(`https://example.com/d.js`);';
    expect(js(src, 'module')).toBe('import a from "https://cdn.example.com.proxy.test/a.js";\nexport { b } from \'//example.com.proxy.test/b.js\';\nexport * from "https://example.com.proxy.test/c.js";\nconst m = await import(`https://example.com.proxy.test/d.js`);');
  });
  test('auto detects a module after the script parse fails, and no fallback is reported', () => {
    const before = events.length;
    // In a module `<!--` is `<`, `!`, `--`: the string after it is code's, and rewritten.
    expect(js('import "https://example.com/x.js"; x = a <!--b + "//example.com";')).toBe('import "https://example.com.proxy.test/x.js"; x = a <!--b + "//example.com.proxy.test";');
    expect(events.length).toBe(before);
  });
  test('hashbang, "use strict" and HTML-like comments survive; comments are not rewritten', () => {
    const src = '#!/usr/bin/env node\n"use strict";\n<!-- "https://example.com"\nx = "https://example.com"\n--> "https://example.com"\n';
    expect(js(src, 'auto')).toBe('#!/usr/bin/env node\n"use strict";\n<!-- "https://example.com"\nx = "https://example.com.proxy.test"\n--> "https://example.com"\n');
    expect(js(src, 'script')).toBe(js(src, 'auto'));
  });
  test('sourceMappingURL comments pointing at a protected host', () => {
    expect(js('x()\n//# sourceMappingURL=https://cdn.example.com/app.js.map')).toBe('x()\n//# sourceMappingURL=https://cdn.example.com.proxy.test/app.js.map');
    expect(js('x()\n//# sourceMappingURL=app.js.map')).toBe('x()\n//# sourceMappingURL=app.js.map');
  });
});

describe('fast path, idempotence, fallback', () => {
  test('input with no candidate comes back as the same string', () => {
    const src = 'function ( { broken "https://other.org"';
    expect(js(src)).toBe(src);
  });
  test('rewriting twice changes nothing more', () => {
    const srcs = [
      'var a = "https://app.example.com/x", b = ".example.com", r = /example\\.com/; t = `//example.com/${x}`',
      'x = "https:\\u002F\\u002Fexample.com"; y = "https%3A%2F%2Fexample.com"',
    ];
    for (const s of srcs) {
      const once = js(s);
      expect(once).not.toBe(s);
      expect(js(once)).toBe(once);
    }
  });
  test('broken code is rewritten by the lexical fallback and reported', () => {
    const before = events.length;
    expect(js('function ( { var u = "https://example.com/";')).toBe('function ( { var u = "https://example.com.proxy.test/";');
    const fresh = events.slice(before);
    expect(fresh.map((e) => e.type)).toEqual(['js-fallback']);
    expect(fresh[0].reason).toBe('syntax-error');
  });
  test('JSX goes through the fallback without losing text', () => {
    const before = events.length;
    const src = 'const a = <a href="https://example.com/">it\'s</a>;\nconst b = "https://example.com/";';
    expect(js(src)).toBe('const a = <a href="https://example.com.proxy.test/">it\'s</a>;\nconst b = "https://example.com.proxy.test/";');
    expect(events.slice(before).map((e) => e.type)).toEqual(['js-fallback']);
  });
  test('validate parses even when the lexer is sure, and reports what does not parse', () => {
    const { ctx: c, events: ev } = exampleContext();
    expect(rewriteJs(c, 'var = "https://example.com"', { validate: true })).toBe('var = "https://example.com.proxy.test"');
    expect(ev.map((e) => e.type)).toEqual(['js-fallback']);
  });
});

describe('inline code', () => {
  test('on* handler bodies may return', () => {
    expect(rewriteJsHandler(ctx, 'location.href = "https://example.com/"; return false')).toBe('location.href = "https://example.com.proxy.test/"; return false');
  });
  test('javascript: URLs keep their scheme; other URLs are not touched', () => {
    expect(rewriteJavascriptUrl(ctx, ' JavaScript:open(\'https://example.com/\')')).toBe(' JavaScript:open(\'https://example.com.proxy.test/\')');
    expect(rewriteJavascriptUrl(ctx, 'https://example.com/')).toBe('https://example.com/');
  });
  test('javascript: URLs hiding a literal behind percent escapes are proxied too', () => {
    expect(rewriteJavascriptUrl(ctx, 'javascript:location=%22https://app.example.com/%22')).toBe('javascript:location=%22https://app.example.com.proxy.test/%22');
    expect(rewriteJavascriptUrl(ctx, 'javascript:open(%27//example.com/x%27);void%200')).toBe('javascript:open(%27//example.com.proxy.test/x%27);void%200');
    // Prose in percent-encoded code is still prose.
    expect(rewriteJavascriptUrl(ctx, 'javascript:alert(%22see%20example.com%22)')).toBe('javascript:alert(%22see%20example.com%22)');
  });
});

describe('source maps', () => {
  test('the map points each output column back to the input', () => {
    const src = 'a("https://example.com/x");\nb("//example.com");';
    const { code, map } = rewriteJsWithMap(ctx, src, { source: 'in.js', file: 'out.js' });
    expect(code).toBe('a("https://example.com.proxy.test/x");\nb("//example.com.proxy.test");');
    expect(map).not.toBeNull();
    expect(map!.sources).toEqual(['in.js']);
    expect(map!.file).toBe('out.js');
    expect(rewriteJsWithMap(ctx, 'x = 1').map).toBeNull();
  });
});
