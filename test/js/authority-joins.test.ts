import { describe, expect, test } from 'vitest';
import { JsStreamRewriter, rewriteJs } from '../../src/js/index.js';
import { exampleContext } from './helpers.js';

const { ctx } = exampleContext();
const js = (s: string) => rewriteJs(ctx, s, { sourceType: 'script' });

describe('a host whose first labels come from a template substitution', () => {
  test('after `//` the chunk is the URL host\'s tail and gets the suffix', () => {
    expect(js('t = `https://${sub}.example.com/`')).toBe('t = `https://${sub}.example.com.proxy.test/`');
    expect(js('t = `//${sub}.example.com/x?y=1`')).toBe('t = `//${sub}.example.com.proxy.test/x?y=1`');
    expect(js('t = `wss://${sub}.example.com`')).toBe('t = `wss://${sub}.example.com.proxy.test`');
  });
  test('after `//label.` and in escaped spellings of `//`', () => {
    expect(js('t = `https://api.${region}.example.com/v1`')).toBe('t = `https://api.${region}.example.com.proxy.test/v1`');
    expect(js('t = `https:\\/\\/${sub}.example.com\\/`')).toBe('t = `https:\\/\\/${sub}.example.com.proxy.test\\/`');
    expect(js('t = `https%3A%2F%2F${sub}.example.com%2F`')).toBe('t = `https%3A%2F%2F${sub}.example.com.proxy.test%2F`');
  });
  test('the proxy\'s public scheme and port apply, the scheme in the chunk before', () => {
    const { ctx: local } = exampleContext({ publicScheme: 'http', publicPort: 8080 });
    expect(rewriteJs(local, 't = `https://${sub}.example.com/x`')).toBe('t = `http://${sub}.example.com.proxy.test:8080/x`');
  });
  test('the substitution may hold templates of its own', () => {
    expect(js('t = `https://${ `${a}-${b}` }.example.com/`')).toBe('t = `https://${ `${a}-${b}` }.example.com.proxy.test/`');
    expect(js('t = `${x}https://${sub}.example.com/${y}`')).toBe('t = `${x}https://${sub}.example.com.proxy.test/${y}`');
  });
  test('not after `//`: prose stays, a whole `.host` chunk is rule 3 as before', () => {
    expect(js('t = `see ${a}.example.com/ for more`')).toBe('t = `see ${a}.example.com/ for more`');
    expect(js('t = `q=${a}.example.com/`')).toBe('t = `q=${a}.example.com/`');
    expect(js('t = `${a}.example.com`')).toBe('t = `${a}.example.com.proxy.test`');
  });
  test('only the apex protected: `sub.example.com` is not protected, nothing changes', () => {
    const { ctx: apex } = exampleContext({ domains: ['example.com'] });
    expect(rewriteJs(apex, 't = `https://${sub}.example.com/`')).toBe('t = `https://${sub}.example.com/`');
  });
  test('idempotent', () => {
    const once = js('t = `https://${sub}.example.com/`; u = "https://" + sub + ".example.com/"');
    expect(js(once)).toBe(once);
  });
});

describe('a host whose first labels come from string concatenation', () => {
  test('`\'//\' + name + \'.host\'` joins', () => {
    expect(js("u = 'https://' + sub + '.example.com/'")).toBe("u = 'https://' + sub + '.example.com.proxy.test/'");
    expect(js('u = "//" + cfg.tenant + ".example.com/app"')).toBe('u = "//" + cfg.tenant + ".example.com.proxy.test/app"');
    expect(js("u = `https://` + sub + '.example.com/'")).toBe("u = `https://` + sub + '.example.com.proxy.test/'");
  });
  test('names, member chains, calls and indexes between `+`, across lines, and several pieces', () => {
    expect(js("u = 'https://' + getSub() + '.example.com/'")).toBe("u = 'https://' + getSub() + '.example.com.proxy.test/'");
    expect(js("u = 'https://' + a + b + '.example.com/'")).toBe("u = 'https://' + a + b + '.example.com.proxy.test/'");
    expect(js("u = 'https://' + cfg.t[0] + '.example.com/'")).toBe("u = 'https://' + cfg.t[0] + '.example.com.proxy.test/'");
    expect(js("u = 'https://' +\n  sub +\n  '.example.com/'")).toBe("u = 'https://' +\n  sub +\n  '.example.com.proxy.test/'");
    expect(js("u = 'https://' + a + '.' + b + '.example.com/'")).toBe("u = 'https://' + a + '.' + b + '.example.com.proxy.test/'");
  });
  test('literals concatenated with no code between are one string: the URL rules decide', () => {
    expect(js("u = 'https://' + 'app.example.com/'")).toBe("u = 'https://' + 'app.example.com.proxy.test/'");
    expect(js("u = 'https://' + a + '.eu' + '.example.com/'")).toBe("u = 'https://' + a + '.eu' + '.example.com.proxy.test/'");
    // Prose and a query are neither a URL host nor a whole host string.
    expect(js("m = 'Visit ' + 'example.com'")).toBe("m = 'Visit ' + 'example.com'");
    expect(js("u = 'https://x.org/?h=' + a + '.example.com'")).toBe("u = 'https://x.org/?h=' + a + '.example.com'");
    // A host string begun by code stays rule 3 (b): `sub + '.example.com'`, `'.' + 'example.com'`.
    expect(js("h = sub + '.example.com'")).toBe("h = sub + '.example.com.proxy.test'");
    expect(js("h = '.' + 'example.com'")).toBe("h = '.' + 'example.com.proxy.test'");
  });
  test('anything but `+` and operands between the literals is left alone', () => {
    for (const src of [
      "f('https://', sub, '.example.com/')",
      "u = 'https://' + sub - '.example.com/'",
      "u = 'https://' + (a ? b : c) + '.example.com/'",
      "u = c ? 'https://' : sub + '.example.com/'",
    ]) expect(js(src)).toBe(src);
  });
});

describe('the flat scheme cannot rewrite a host part', () => {
  test('left as it is and reported once as js-unmappable, the host written with `*` for code', () => {
    const { ctx: flat, events } = exampleContext({ scheme: 'flat' });
    for (const [src, host] of [
      ['t = `https://${sub}.example.com/`', '*.example.com'],
      ["u = 'https://' + sub + '.example.com'", '*.example.com'],
      ['t = `https://api.${r}.example.com/`', 'api.*.example.com'],
    ]) {
      events.length = 0;
      expect(rewriteJs(flat, src)).toBe(src);
      expect(events.map((e) => [e.type, e.host, e.reason])).toEqual([['js-unmappable', host, 'flat-scheme']]);
    }
  });
  test('whole hosts still map in the same script', () => {
    const { ctx: flat } = exampleContext({ scheme: 'flat' });
    expect(rewriteJs(flat, 'a = "https://app.example.com/"; t = `https://${s}.example.com/`'))
      .toBe('a = "https://app-example-com.proxy.test/"; t = `https://${s}.example.com/`');
  });
});

describe('mapping-error is reported once per literal', () => {
  // 58 + 1 + 7 + 1 + 3 = 70 characters as one flat label: over DNS's 63.
  const long = 'a'.repeat(58) + '.example.com';
  test('whole-body rewrite, lexer path and parser path; hosts in comments are not reported', () => {
    for (const src of [`u = "https://${long}/"; // https://${long}/`, `{}\n/x/.test(s); u = "https://${long}/"`]) {
      const { ctx: flat, events } = exampleContext({ scheme: 'flat' });
      expect(rewriteJs(flat, src)).toBe(src);
      expect(events.map((e) => [e.type, e.host])).toEqual([['mapping-error', long]]);
    }
  });
  test('a host after code userinfo: once, not again for the joined reading', () => {
    const { ctx: flat, events } = exampleContext({ scheme: 'flat' });
    const src = `t = \`https://\${u}@${long}/\``;
    expect(rewriteJs(flat, src)).toBe(src);
    expect(events.map((e) => [e.type, e.host])).toEqual([['mapping-error', long]]);
  });
  test('a literal that also holds a mappable host', () => {
    const { ctx: flat, events } = exampleContext({ scheme: 'flat' });
    expect(rewriteJs(flat, `u = "https://app.example.com/?r=https://${long}/"`)).toBe(`u = "https://app-example-com.proxy.test/?r=https://${long}/"`);
    expect(events.map((e) => [e.type, e.host])).toEqual([['mapping-error', long]]);
  });
  test('streaming rewriter, whatever the chunks', () => {
    const src = `x = 1;\nu = "https://${long}/";\ny = 2;\n`;
    for (const size of [1, 7, 40, src.length]) {
      const { ctx: flat, events } = exampleContext({ scheme: 'flat' });
      const stream = new JsStreamRewriter(flat);
      let out = '';
      for (let i = 0; i < src.length; i += size) out += stream.push(src.slice(i, i + size));
      out += stream.push('', true);
      expect(out).toBe(src);
      expect(events.map((e) => e.type)).toEqual(['mapping-error']);
    }
  });
});
