// Issue 8, "Escapes", class 1: host spellings only a URL parser resolves, by class. Each
// input is one the URL Standard's host parser turns into a protected host (percent-
// decoding, UTF-8 decoding, UTS #46 domain-to-ASCII, which maps full-width forms and `。`
// and ignores soft hyphens and zero-width characters; tabs and newlines are removed from
// the whole input first). Shared by the url() tests and the per-position tests.
export const ESCAPE_CLASSES: Record<string, string[]> = {
  'percent-encoded labels and dots': [
    'https://acme-docs%2Ecom/',
    'https://acme-docs%2ecom/a?b#c',
    'https://%61cme-docs.com/x',
    'https://%41%43%4D%45-docs.com/',
    'https://acme%2Ddocs.com/',
    '//app%2Eacme-docs%2Ecom/y',
    'wss://live.acme-docs%2Ecom/socket',
    'https://user:pw@acme-docs%2Ecom:8443/p',
  ],
  'tab, LF and CR inside the host (or the scheme, or the slashes)': [
    'https://acme-\tdocs.com/',
    'https://acme-docs.\ncom/',
    'https://ac\r\nme-docs.com/x',
    'https://app.acme-docs.co\tm/',
    'ht\ttps://acme-docs.com/',
    'https:/\t/acme-docs.com/',
    '/\n/acme-docs.com/z',
  ],
  'soft hyphen and zero-width characters (ignored by UTS #46)': [
    'https://acme-do\u00ADcs.com/',
    'https://acme-docs\u200B.com/',
    'https://app.\u2060acme-docs.com/',
    'https://acme-docs.c\uFEFFom/',
    'https://acme-do%C2%ADcs.com/',
    'https://acme-docs%E2%80%8B.com/',
  ],
  'full-width letters and dots, ideographic full stops, mathematical letters': [
    'https://ａｃｍｅ-docs.com/',
    'https://acme-docs．com/',
    'https://ACME-DOCS。COM/',
    'https://acme-docs｡com/',
    'https://acme－docs.com/',
    'https://app.\u{1D41A}cme-docs.com/',
    'https://acme-docs%E3%80%82com/',
    'https://%EF%BD%81cme-docs.com/',
  ],
  'backslashes for slashes (special schemes)': [
    'https:\\\\acme-docs.com/x',
    '\\\\acme-docs.com/y',
    '/\\acme-docs.com/y',
    'https:/\\app.acme-docs.com\\p',
    'HTTP:\\\\\\acme-docs.com',
  ],
  'userinfo before the host, several `@`': [
    'https://u@evil.org@acme-docs.com/x',
    'https://evil.org:443@acme-docs.com/',
    'https://a@b@c@app.acme-docs.com/',
    '//evil.org@acme-docs.com/',
  ],
  'a special scheme without its slashes that is not the page\'s': ['wss:acme-docs.com', 'ws:/acme-docs.com/', 'WSS:\\acme-docs.com/'],
  'upper case, trailing dot, empty port, default port': [
    'HTTPS://ACME-DOCS.COM/',
    'https://acme-docs.com./a',
    'https://acme-docs.com:/x',
    'https://acme-docs.com:443/x',
    'https://acme-docs.com:0443/x',
  ],
};
