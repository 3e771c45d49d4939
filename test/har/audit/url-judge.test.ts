import { describe, expect, it } from 'vitest';
import { ProtectedHosts } from '../../../src/har/audit/protected-hosts.js';
import { UrlJudge } from '../../../src/har/audit/url-judge.js';
import { PROTECTED } from './entries.js';

// Expectations from the WHATWG URL Standard (what `new URL` gives a browser) and DESIGN.md
// rules 1 and 2: only http/https/ws/wss and scheme-relative URLs leave, relative ones stay
// on the proxied origin, userinfo, query and fragment are no host, nested URLs in a query
// or fragment count, a URL nested in a path belongs to the outer one.
const judge = new UrlJudge(new ProtectedHosts(PROTECTED));
const hosts = (value: string, scheme = 'https:') => judge.urlPosition(value, scheme).map((h) => h.host);

describe('a URL position', () => {
  it.each([
    ['https://app.example.com/', 'app.example.com'],
    ['HTTPS://APP.EXAMPLE.COM/x', 'app.example.com'],
    ['http://example.com', 'example.com'],
    ['//app.example.com/x', 'app.example.com'],
    ['wss://live.example.com/socket', 'live.example.com'],
    ['ws://live.example.com/socket', 'live.example.com'],
    ['  https://app.example.com/  ', 'app.example.com'], // leading and trailing spaces are stripped
    ['https://app%2Eexample.com/', 'app.example.com'], // the host is percent-decoded
    ['https://%61pp.example.com/', 'app.example.com'],
    ['https://app.exa\tmple.com/', 'app.example.com'], // tabs and newlines are removed
    ['https://ａｐｐ．example.com/', 'app.example.com'], // full-width letters and dot (UTS #46)
    ['https://app.example.com./', 'app.example.com.'], // a trailing dot is the same host
    ['https:\\\\app.example.com\\x', 'app.example.com'], // backslashes are slashes in special URLs
    ['https://user:pw@app.example.com/', 'app.example.com'],
    ['https://app.example.com:8443/', 'app.example.com'],
  ])('%j escapes to %s', (value, host) => {
    expect(hosts(value)).toEqual([host]);
  });

  it.each([
    '/relative', 'page.html', '?q=1', '#top', '',
    'https://app.example.com.proxy.test/', // the proxied twin
    'https://example.com.evil.org/', 'https://notexample.com/', 'https://example.community/',
    'https://example.com@evil.org/', // example.com is userinfo
    'https://evil.org#@example.com', 'https://evil.org/?q=example.com', 'https://evil.org/example.com',
    'ftp://app.example.com/file', 'ssh://app.example.com', 'git+https://app.example.com/r.git',
    'mailto:me@app.example.com', 'tel:+1', 'data:text/html,<a href="https://app.example.com/">', 'about:blank',
    'blob:https://app.example.com/1234', // a blob URL names its creator's origin, but fetches nothing there
    'https://web.archive.org/web/2020/https://app.example.com/', // nested in the path: the outer URL's
    'https:app.example.com/x', // on an https page this is a relative path
    'https://[::1]/', 'https://exa mple.com/',
  ])('%j does not escape', (value) => {
    expect(hosts(value)).toEqual([]);
  });

  it('reads `https:host` as absolute on an http page, as the parser does', () => {
    expect(hosts('https:app.example.com/x', 'http:')).toEqual(['app.example.com']);
  });

  it('finds URLs nested in the query and fragment, encoded or not', () => {
    expect(hosts('https://sso.org/login?return=https%3A%2F%2Fapp.example.com%2F')).toEqual(['app.example.com']);
    expect(hosts('https://sso.org/login?return=https%253A%252F%252Fapp.example.com')).toEqual(['app.example.com']);
    expect(hosts('https://sso.org/login#next=https://app.example.com/')).toEqual(['app.example.com']);
    expect(hosts('/login?next=//app.example.com/home')).toEqual(['app.example.com']);
    expect(hosts('https://app.example.com/?r=https://www.example.com/')).toEqual(['app.example.com', 'www.example.com']);
    expect(hosts('https://sso.org/login?return=https%3A%2F%2Fapp.example.com.proxy.test%2F')).toEqual([]);
  });

  it('applies only the patterns: the apex is not protected by *.example.com alone', () => {
    const sub = new UrlJudge(new ProtectedHosts({ suffix: 'proxy.test', domains: ['*.example.com'] }));
    expect(sub.urlPosition('https://example.com/').map((h) => h.host)).toEqual([]);
    expect(sub.urlPosition('https://a.b.example.com/').map((h) => h.host)).toEqual(['a.b.example.com']);
  });

  it('knows the flat scheme twins are no escapes', () => {
    const flat = new UrlJudge(new ProtectedHosts({ ...PROTECTED, scheme: 'flat' }));
    expect(flat.urlPosition('https://app-example-com.proxy.test/')).toEqual([]);
    expect(flat.urlPosition('https://app.example.com/').map((h) => h.host)).toEqual(['app.example.com']);
  });
});

describe('URLs in text', () => {
  const inText = (text: string) => judge.inText(text).map((h) => h.host);

  it('finds every URL with a fetch scheme or none', () => {
    expect(inText('see https://app.example.com/x for help')).toEqual(['app.example.com']);
    expect(inText('<a href="https://a.example.com/">x</a> and <img src=//b.example.com/i.png>')).toEqual(['a.example.com', 'b.example.com']);
    expect(inText('wss://live.example.com/s')).toEqual(['live.example.com']);
    expect(inText('(//cdn.example.com/x)')).toEqual(['cdn.example.com']);
  });

  it('finds percent-encoded URLs (rule 3a: %2F%2F)', () => {
    expect(inText('return=https%3A%2F%2Fapp.example.com%2Fhome')).toEqual(['app.example.com']);
  });

  it('leaves hosts that are not in a URL: prose, e-mail, paths, other schemes', () => {
    expect(inText('visit app.example.com today')).toEqual([]);
    expect(inText('user@app.example.com')).toEqual([]);
    expect(inText('/static//app.example.com/x')).toEqual([]);
    expect(inText('ftp://app.example.com/x')).toEqual([]);
    expect(inText('https://app.example.com.proxy.test/x')).toEqual([]);
    expect(inText('https://example.com.evil.org/')).toEqual([]);
  });

  it('reads a whole string as one URL as the parser does (a tab in the host)', () => {
    expect(inText('https://app.exa\tmple.com/')).toEqual([]);
    expect(judge.wholeString('https://app.exa\tmple.com/').map((h) => h.host)).toEqual(['app.example.com']);
    expect(judge.wholeString('example.com')).toEqual([]); // a host, not a URL
  });

  it('reads long runs of slashes and colons (each `//` looked at once)', () => {
    const text = '//'.repeat(200_000) + ':'.repeat(200_000) + 'https://app.example.com/';
    expect(inText(text)).toEqual(['app.example.com']);
  });
});
