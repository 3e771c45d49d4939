import { describe, expect, it } from 'vitest';
import { parse, reachesProtectedHost, rewriter } from './helpers.js';

// Issue 8, "Over-rewrites": where the text holds a protected host but the URL parser
// reads no protected host for the value, it must come back byte for byte.

const configs = {
  default: rewriter(),
  'public http:8080': rewriter({ publicScheme: 'http', publicPort: 8080 }),
  flat: rewriter({ scheme: 'flat' }),
};

const classes: Record<string, string[]> = {
  // URL Standard: only special schemes have a host read as a domain; http(s)/ws(s) are
  // the ones a page navigates or fetches through the proxy. ftp and file are special
  // but no business of an HTTP proxy.
  'other schemes keep their hosts': [
    'ssh://acme-docs.com/',
    'ftp://acme-docs.com/pub/x',
    'git+https://acme-docs.com/r.git',
    'file://acme-docs.com/share/a',
    'web+app://acme-docs.com/open',
    'sftp://user@acme-docs.com:22/',
    'myapp://acme-docs.com/callback?code=1',
    'ftp:\\\\acme-docs.com\\x',
  ],
  'userinfo is not the host': [
    'https://acme-docs.com@evil.org/',
    'https://acme-docs.com:pw@evil.org/',
    'https://user:acme-docs.com@evil.org/x',
    '//acme-docs.com@evil.org/',
    'https://app.acme-docs.com:443@evil.org/',
  ],
  'query and fragment are not the host': [
    'https://evil.org#@acme-docs.com',
    'https://evil.org?@acme-docs.com',
    'https://evil.org/#acme-docs.com',
    'https://evil.org/?x=acme-docs.com',
    'https://evil.org\\@acme-docs.com',
    'https://evil.org/path?q=user@acme-docs.com',
  ],
  'a host after a tab or newline the parser strips is one longer host': [
    'https://acme-docs.com\t.evil.org/',
    'https://acme-docs.com\n.evil.org/',
    'https://app.acme-docs.com\r\n.evil.org/x',
    'https://acme-docs.co\tm.evil.org',
  ],
  'a URL nested in a path belongs to the outer URL': [
    'https://web.archive.org/web/2020/https://acme-docs.com/',
    'https://web.archive.org/web/2020id_/http://app.acme-docs.com/a?b=1',
    '/redirect/https://acme-docs.com/',
    'https://evil.org//acme-docs.com/',
    'https://evil.org/https:/acme-docs.com',
    'https://evil.org/x/https%3A%2F%2Facme-docs.com',
  ],
  'relative URLs resolve against the proxied page': [
    'acme-docs.com/x',
    '/acme-docs.com',
    './acme-docs.com',
    '?acme-docs.com',
    '#acme-docs.com',
    '../acme-docs.com/a',
  ],
  'lookalikes': [
    'https://acme-docs.com.evil.org/',
    'https://notacme-docs.com/',
    'https://acme-docs.community/',
    'https://acme-docs.com-x.org/',
    'https://acme-docs.com.proxy.test/',
    'https://acme-docs%2Ecom.evil.org/',
  ],
  'mailto, tel, data, blob, about, javascript': [
    'mailto:me@acme-docs.com',
    'tel:+1-acme-docs.com',
    'data:text/html,<a href="https://acme-docs.com/">',
    'blob:https://acme-docs.com/1b2c',
    'about:blank#https://acme-docs.com',
    'javascript:location="https://acme-docs.com/"',
    ' JavaScript:go("//acme-docs.com")',
  ],
};

describe('values whose parse holds no protected host come back byte for byte', () => {
  for (const [name, inputs] of Object.entries(classes)) {
    describe(name, () => {
      it.each(inputs)('%j', (input) => {
        // Spec check of the input: the browser does not fetch a protected host for it.
        expect(reachesProtectedHost(input)).toBe(false);
        for (const rw of Object.values(configs)) expect(rw.url(input)).toBe(input);
      });
    });
  }
});

describe('an empty port stays a valid URL', () => {
  it.each([
    ['https://acme-docs.com:/x', 'http://acme-docs.com.proxy.test:8080/x'],
    ['https://acme-docs.com:/', 'http://acme-docs.com.proxy.test:8080/'],
    ['//acme-docs.com:/x?y', '//acme-docs.com.proxy.test:8080/x?y'],
    ['https://acme-docs.com:?q', 'http://acme-docs.com.proxy.test:8080/?q'],
  ])('%j → %j', (input, output) => {
    const out = configs['public http:8080'].url(input);
    expect(parse(out, 'http://page.invalid/')).not.toBeNull();
    expect(parse(out, 'http://page.invalid/')?.href).toBe(parse(output, 'http://page.invalid/')?.href);
  });
});
